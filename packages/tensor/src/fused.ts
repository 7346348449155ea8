import { elementwiseKernels } from './kernels/elementwise.js';
import { Matrix, ShapeError, describeShape } from './matrix.js';
import { biasFits, outFor, sameShape } from './ops.js';

/**
 * `target = targetScale · target + scale · source` element-wise in float32 arithmetic (each product rounded,
 * then the sum). With the default `targetScale` 1, `target += scale · source`, as NumPy's `dW *= lr; W -= dW` on
 * float32 arrays does with `scale = −lr`: the SGD update; with both, a weighted mean of two gradients. SIMD where
 * available.
 */
export function addScaled(target: Float32Array, source: Float32Array, scale: number, targetScale = 1): void {
  if (source.length !== target.length) {
    throw new ShapeError(`addScaled: target holds ${target.length} values but source ${source.length}`);
  }
  elementwiseKernels().addScaled(target, source, target.length, scale, targetScale);
}

/**
 * `relu(x + bias)` with `bias` (length cols) added to every row: an Affine layer's bias and the ReLU after it in
 * one pass, equal bit for bit to `addRowVector` then `x <= 0 ? 0 : x` (NaN passes). `out` may be `x`.
 */
export function addRowVectorRelu(x: Matrix, bias: Matrix, out?: Matrix): Matrix {
  biasFits('addRowVectorRelu', x, bias);
  const result = outFor('addRowVectorRelu', out, x.rows, x.cols);
  elementwiseKernels().addBiasRelu(x.data, bias.data, result.data, x.rows, x.cols);
  return result;
}

/**
 * ReLU's backward pass from its output `y`: `dout` where y > 0, else 0 (NaN in y passes dout). With
 * `columnSums` (length cols), also writes the column sums of the result there, added row after row in float32
 * as `sumColumns` adds: the bias gradient of the Affine layer before. `out` may be `dout`.
 */
export function reluBackward(y: Matrix, dout: Matrix, out?: Matrix, columnSums?: Matrix): Matrix {
  sameShape('reluBackward', y, dout);
  if (columnSums && columnSums.size !== y.cols) {
    throw new ShapeError(
      `reluBackward: columnSums ${describeShape(columnSums)} must hold ${y.cols} values for ${describeShape(y)}`,
    );
  }
  const result = outFor('reluBackward', out, y.rows, y.cols);
  const sums = columnSums ?? Matrix.vector(y.cols);
  sums.data.fill(0);
  elementwiseKernels().reluBackwardSum(y.data, dout.data, result.data, sums.data, y.rows, y.cols);
  return result;
}

/**
 * `out[outOffset + i] = bytes[i] / 255` in float32 (NumPy's `x.astype(np.float32) / 255`): 8-bit pixels as
 * inputs in [0, 1]. SIMD where available, identical results either way.
 */
export function bytesToUnit(bytes: Uint8Array, out: Float32Array, outOffset = 0): void {
  if (!Number.isInteger(outOffset) || outOffset < 0 || outOffset + bytes.length > out.length) {
    throw new ShapeError(
      `bytesToUnit: ${bytes.length} values from offset ${outOffset} do not fit in out of length ${out.length}`,
    );
  }
  elementwiseKernels().unitFromBytes(bytes, out, outOffset);
}

/**
 * Rows `rows[r]` of `bytes` (rows of `rowLength` bytes) as float32 `/ 255` into row r of `out`: a batch of 8-bit
 * images gathered by index. Rows must lie inside `bytes` (the caller checks indices); `out` holds at least
 * `rows.length · rowLength` values.
 */
export function gatherBytesToUnit(
  bytes: Uint8Array,
  rowLength: number,
  rows: ArrayLike<number>,
  out: Float32Array,
): void {
  if (out.length < rows.length * rowLength) {
    throw new ShapeError(
      `gatherBytesToUnit: ${rows.length} rows of ${rowLength} need ${rows.length * rowLength} values, out holds ${out.length}`,
    );
  }
  elementwiseKernels().gatherUnitRows(bytes, rowLength, rows, out);
}
