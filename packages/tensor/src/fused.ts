import { elementwiseKernels } from './kernels/elementwise.js';
import { Matrix, ShapeError, describeShape } from './matrix.js';

/**
 * `target += scale · source` element-wise in float32 arithmetic (each product rounded, then the sum), as
 * NumPy's `dW *= lr; W -= dW` on float32 arrays does with `scale = −lr`: the SGD update. SIMD where available.
 */
export function addScaled(target: Float32Array, source: Float32Array, scale: number): void {
  if (source.length !== target.length) {
    throw new ShapeError(`addScaled: target holds ${target.length} values but source ${source.length}`);
  }
  elementwiseKernels().addScaled(target, source, target.length, scale);
}

function resultFor(op: string, out: Matrix | undefined, like: Matrix): Matrix {
  if (!out) return Matrix.zeros(like.rows, like.cols);
  if (out.rows !== like.rows || out.cols !== like.cols) {
    throw new ShapeError(`${op}: out has shape ${describeShape(out)} but the result is [${like.rows}, ${like.cols}]`);
  }
  return out;
}

/**
 * `relu(x + bias)` with `bias` (length cols) added to every row: an Affine layer's bias and the ReLU after it in
 * one pass, equal bit for bit to `addRowVector` then `x <= 0 ? 0 : x` (NaN passes). `out` may be `x`.
 */
export function addRowVectorRelu(x: Matrix, bias: Matrix, out?: Matrix): Matrix {
  if (bias.size !== x.cols) {
    throw new ShapeError(`addRowVectorRelu: bias ${describeShape(bias)} does not fit rows of ${describeShape(x)}`);
  }
  const result = resultFor('addRowVectorRelu', out, x);
  elementwiseKernels().addBiasRelu(x.data, bias.data, result.data, x.rows, x.cols);
  return result;
}

/**
 * ReLU's backward pass from its output `y`: `dout` where y > 0, else 0 (NaN in y passes dout). With
 * `columnSums` (length cols), also writes the column sums of the result there, added row after row in float32
 * as `sumColumns` adds: the bias gradient of the Affine layer before. `out` may be `dout`.
 */
export function reluBackward(y: Matrix, dout: Matrix, out?: Matrix, columnSums?: Matrix): Matrix {
  if (y.rows !== dout.rows || y.cols !== dout.cols) {
    throw new ShapeError(`reluBackward: shapes ${describeShape(y)} and ${describeShape(dout)} differ`);
  }
  if (columnSums && columnSums.size !== y.cols) {
    throw new ShapeError(`reluBackward: columnSums ${describeShape(columnSums)} must hold ${y.cols} values for ${describeShape(y)}`);
  }
  const result = resultFor('reluBackward', out, y);
  const sums = columnSums ?? Matrix.vector(y.cols);
  sums.data.fill(0);
  elementwiseKernels().reluBackwardSum(y.data, dout.data, result.data, sums.data, y.rows, y.cols);
  return result;
}
