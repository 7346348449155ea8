import {
  addRowVector,
  describeShape,
  matmul,
  type MatmulOptions,
  Matrix,
  ShapeError,
  sumColumns,
} from '@initlab/tensor';
import { checkBackward, RowBuffer } from './buffers.js';
import { LayerError } from './errors.js';
import type { Layer, Parameter, ParameterStorage } from './types.js';

/**
 * `out = x·W + b` with W shaped `[fanIn, fanOut]` as in the book. Weights start at zero; a network fills them
 * through an initializer. `id` numbers the layer as the book's keys do (`Affine1`, `W1`, `b1`).
 */
export class Affine implements Layer {
  readonly name: string;
  readonly fanIn: number;
  readonly fanOut: number;
  readonly weights: Matrix;
  readonly bias: Matrix;
  /** ∂L/∂W, filled by `backward`. */
  readonly weightGrad: Matrix;
  /** ∂L/∂b, filled by `backward`. */
  readonly biasGrad: Matrix;
  readonly params: readonly Parameter[];
  private input: Matrix | undefined;
  private output: Matrix | undefined;
  private readonly outputBuffer = new RowBuffer();
  private readonly inputGradBuffer = new RowBuffer();
  /** Option objects kept and re-pointed, so that a step allocates nothing. */
  private readonly forwardOptions: MatmulOptions = {};
  private readonly weightGradOptions: MatmulOptions = { transposeA: true };
  private readonly inputGradOptions: MatmulOptions = { transposeB: true };

  /**
   * `storage`, when given, holds the layer's values (W then b, fanIn·fanOut + fanOut floats, row-major) and,
   * optionally, its gradients in the same order: e.g. shared memory that another thread reads. Else the layer
   * allocates its own.
   */
  constructor(fanIn: number, fanOut: number, id: string | number = '', storage?: ParameterStorage) {
    for (const [what, size] of [
      ['fanIn', fanIn],
      ['fanOut', fanOut],
    ] as const) {
      if (!Number.isSafeInteger(size) || size < 1) {
        throw new LayerError(`Affine${id}: ${what} must be a positive integer, got ${size}`);
      }
    }
    this.name = `Affine${id}`;
    this.fanIn = fanIn;
    this.fanOut = fanOut;
    const size = fanIn * fanOut;
    for (const [what, array] of [
      ['values', storage?.values],
      ['grads', storage?.grads],
    ] as const) {
      if (array && array.length !== size + fanOut) {
        throw new LayerError(
          `Affine${id}: storage.${what} must hold ${size + fanOut} floats (W ${fanIn}×${fanOut}, then b), got ${array.length}`,
        );
      }
    }
    const [values, grads] = [storage?.values, storage?.grads];
    this.weights = values ? new Matrix(values.subarray(0, size), [fanIn, fanOut]) : Matrix.zeros(fanIn, fanOut);
    this.bias = values ? new Matrix(values.subarray(size), [fanOut]) : Matrix.vector(fanOut);
    this.weightGrad = grads ? new Matrix(grads.subarray(0, size), [fanIn, fanOut]) : Matrix.zeros(fanIn, fanOut);
    this.biasGrad = grads ? new Matrix(grads.subarray(size), [fanOut]) : Matrix.vector(fanOut);
    this.params = [
      { name: `W${id}`, value: this.weights.data, grad: this.weightGrad.data },
      { name: `b${id}`, value: this.bias.data, grad: this.biasGrad.data },
    ];
  }

  /** Keeps a reference to `x` for `backward`: do not change it in between. */
  forward(x: Matrix): Matrix {
    if (x.cols !== this.fanIn) {
      throw new ShapeError(
        `${this.name}: input ${describeShape(x)} does not fit W ${describeShape(this.weights)} (expected [batch, ${this.fanIn}])`,
      );
    }
    const out = this.outputBuffer.take(x.rows, this.fanOut);
    this.forwardOptions.out = out;
    matmul(x, this.weights, this.forwardOptions);
    addRowVector(out, this.bias, out);
    this.input = x;
    this.output = out;
    return out;
  }

  /** dW = xᵀ·dout, db = Σ dout over the batch, and dx = dout·Wᵀ. */
  backward(dout: Matrix): Matrix {
    this.backwardParams(dout);
    this.inputGradOptions.out = this.inputGradBuffer.take(dout.rows, this.fanIn);
    return matmul(dout, this.weights, this.inputGradOptions);
  }

  /** dW and db only: for the first layer, whose input gradient nobody reads. */
  backwardParams(dout: Matrix): void {
    checkBackward(this.name, dout, this.output);
    this.weightGradOptions.out = this.weightGrad;
    matmul(this.input as Matrix, dout, this.weightGradOptions);
    sumColumns(dout, this.biasGrad);
  }
}
