import { describeShape, Matrix, ShapeError } from '@initlab/tensor';
import { LayerError } from './errors.js';

/**
 * A layer's work matrix, reused from step to step. Storage grows only when a larger batch arrives; a smaller
 * batch gets a view of the same storage. The same Matrix object comes back while the batch size stays the same.
 */
export class RowBuffer {
  private storage: Matrix | undefined;
  private view: Matrix | undefined;

  take(rows: number, cols: number): Matrix {
    const view = this.view;
    if (view && view.rows === rows && view.cols === cols) return view;
    let storage = this.storage;
    if (!storage || storage.cols !== cols || storage.rows < rows) {
      storage = Matrix.zeros(rows, cols);
      this.storage = storage;
    }
    this.view = rows === storage.rows ? storage : storage.topRows(rows);
    return this.view;
  }
}

/** Throws a ShapeError naming the layer unless `dout` has the shape of the forward output. */
export function checkBackward(layer: string, dout: Matrix, output: Matrix | undefined): Matrix {
  if (!output) throw new LayerError(`${layer}: backward was called before forward`);
  if (dout.rows !== output.rows || dout.cols !== output.cols) {
    throw new ShapeError(
      `${layer}: dout ${describeShape(dout)} does not match the forward output ${describeShape(output)}`,
    );
  }
  return output;
}
