import { describeShape, Matrix, ShapeError } from '@initlab/tensor';
import { RowBuffer } from './buffers.js';
import { LayerError } from './errors.js';
import type { Labels } from './types.js';

/**
 * Softmax followed by the mean cross-entropy over the batch (the book's `SoftmaxWithLoss`). The loss is
 * `log Σ exp(x) − x[label]` per row, shifted by the row maximum and summed in float64, so it stays finite
 * where the book's `log(y + 1e-7)` would clip; backward is the book's `(y − t) / batchSize`.
 */
export class SoftmaxWithLoss {
  readonly name = 'SoftmaxWithLoss';
  private readonly probabilityBuffer = new RowBuffer();
  private readonly inputGradBuffer = new RowBuffer();
  private probabilities: Matrix | undefined;
  private labels: Labels | undefined;

  /** The softmax of the last forward's scores. */
  get output(): Matrix | undefined {
    return this.probabilities;
  }

  /** The mean cross-entropy of `x` (scores, one row per sample) against `labels`. */
  forward(x: Matrix, labels: Labels): number {
    checkLabels(x, labels);
    const y = this.probabilityBuffer.take(x.rows, x.cols);
    const scores = x.data;
    const probabilities = y.data;
    const cols = x.cols;
    let total = 0;
    for (let row = 0, offset = 0; row < x.rows; row++, offset += cols) {
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (scores[offset + j] > max) max = scores[offset + j];
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const e = Math.exp(scores[offset + j] - max);
        probabilities[offset + j] = e;
        sum += e;
      }
      const inverse = 1 / sum;
      for (let j = 0; j < cols; j++) probabilities[offset + j] *= inverse;
      const logSumExp = max + Math.log(sum);
      if (labels instanceof Int32Array) {
        total += logSumExp - scores[offset + labels[row]];
      } else {
        const targets = labels.data;
        for (let j = 0; j < cols; j++) {
          if (targets[offset + j] !== 0) total += targets[offset + j] * (logSumExp - scores[offset + j]);
        }
      }
    }
    this.probabilities = y;
    this.labels = labels;
    return total / x.rows;
  }

  /** ∂L/∂x = dout·(y − t) / batchSize. */
  backward(dout = 1): Matrix {
    const y = this.probabilities;
    const labels = this.labels;
    if (!y || !labels) throw new LayerError(`${this.name}: backward was called before forward`);
    const dx = this.inputGradBuffer.take(y.rows, y.cols);
    const scale = dout / y.rows;
    const probabilities = y.data;
    const gradient = dx.data;
    if (labels instanceof Int32Array) {
      for (let i = 0; i < probabilities.length; i++) gradient[i] = probabilities[i] * scale;
      for (let row = 0; row < y.rows; row++) gradient[row * y.cols + labels[row]] -= scale;
    } else {
      const targets = labels.data;
      for (let i = 0; i < probabilities.length; i++) gradient[i] = (probabilities[i] - targets[i]) * scale;
    }
    return dx;
  }
}

function checkLabels(x: Matrix, labels: Labels): void {
  if (labels instanceof Matrix) {
    if (labels.rows !== x.rows || labels.cols !== x.cols) {
      throw new ShapeError(
        `SoftmaxWithLoss: one-hot labels ${describeShape(labels)} do not match scores ${describeShape(x)}`,
      );
    }
    return;
  }
  if (labels.length !== x.rows) {
    throw new ShapeError(`SoftmaxWithLoss: ${labels.length} labels for scores ${describeShape(x)} (one label per row)`);
  }
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row];
    if (label < 0 || label >= x.cols) {
      throw new LayerError(`SoftmaxWithLoss: label ${label} at row ${row} is not a class index in [0, ${x.cols})`);
    }
  }
}
