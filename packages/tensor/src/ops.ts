import { getBackend } from './backend.js';
import { Matrix, ShapeError, describeShape } from './matrix.js';

export interface MatmulOptions {
  /** Use Aᵀ without materialising it. */
  transposeA?: boolean;
  /** Use Bᵀ without materialising it. */
  transposeB?: boolean;
  /** Where to write the result; allocated when absent. */
  out?: Matrix;
}

/** `out` checked to be `rows × cols`, or a new zero matrix of that shape when absent. */
export function outFor(op: string, out: Matrix | undefined, rows: number, cols: number): Matrix {
  if (!out) return Matrix.zeros(rows, cols);
  if (out.rows !== rows || out.cols !== cols) {
    throw new ShapeError(`${op}: out has shape ${describeShape(out)} but the result is [${rows}, ${cols}]`);
  }
  return out;
}

/** Throws unless `a` and `b` have one shape. */
export function sameShape(op: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(`${op}: shapes ${describeShape(a)} and ${describeShape(b)} differ`);
  }
}

/** Throws unless `bias` holds one value per column of `x`. */
export function biasFits(op: string, x: Matrix, bias: Matrix): void {
  if (bias.size !== x.cols) {
    throw new ShapeError(`${op}: bias ${describeShape(bias)} does not fit rows of ${describeShape(x)}`);
  }
}

/** `op(A)·op(B)` through the current backend, where op transposes when asked. */
export function matmul(a: Matrix, b: Matrix, options: MatmulOptions = {}): Matrix {
  const { transposeA = false, transposeB = false } = options;
  const m = transposeA ? a.cols : a.rows;
  const k = transposeA ? a.rows : a.cols;
  const kB = transposeB ? b.cols : b.rows;
  const n = transposeB ? b.rows : b.cols;
  if (k !== kB) {
    const left = `${describeShape(a)}${transposeA ? 'ᵀ' : ''}`;
    const right = `${describeShape(b)}${transposeB ? 'ᵀ' : ''}`;
    throw new ShapeError(`matmul: cannot multiply ${left} by ${right} (inner sizes ${k} and ${kB} differ)`);
  }
  const out = outFor('matmul', options.out, m, n);
  if (out.data === a.data || out.data === b.data) {
    throw new ShapeError('matmul: out must not share memory with an input');
  }
  getBackend().matmul(a.data, b.data, out.data, m, k, n, transposeA, transposeB);
  return out;
}

/** `x + bias` with `bias` (length cols) added to every row. `out` may be `x`. */
export function addRowVector(x: Matrix, bias: Matrix, out?: Matrix): Matrix {
  biasFits('addRowVector', x, bias);
  const result = outFor('addRowVector', out, x.rows, x.cols);
  const { data: xs } = x;
  const { data: bs } = bias;
  const ys = result.data;
  const cols = x.cols;
  for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
    for (let j = 0; j < cols; j++) ys[offset + j] = xs[offset + j] + bs[j];
  }
  return result;
}

/** The sum of each column: a vector of length cols (the bias gradient), added row after row in float32. */
export function sumColumns(x: Matrix, out?: Matrix): Matrix {
  const result = out ?? Matrix.vector(x.cols);
  if (result.size !== x.cols) {
    throw new ShapeError(`sumColumns: out ${describeShape(result)} must hold ${x.cols} values for ${describeShape(x)}`);
  }
  const sums = result.data;
  sums.fill(0);
  const xs = x.data;
  const cols = x.cols;
  for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
    for (let j = 0; j < cols; j++) sums[j] += xs[offset + j];
  }
  return result;
}

/** `f(x)` element-wise. `out` may be `x`. */
export function map(x: Matrix, f: (value: number) => number, out?: Matrix): Matrix {
  const result = outFor('map', out, x.rows, x.cols);
  const xs = x.data;
  const ys = result.data;
  for (let i = 0; i < xs.length; i++) ys[i] = f(xs[i]);
  return result;
}

/** `f(x, y)` element-wise over two matrices of one shape. `out` may be either input. */
export function zipMap(x: Matrix, y: Matrix, f: (a: number, b: number) => number, out?: Matrix): Matrix {
  sameShape('zipMap', x, y);
  const result = outFor('zipMap', out, x.rows, x.cols);
  const xs = x.data;
  const ys = y.data;
  const zs = result.data;
  for (let i = 0; i < xs.length; i++) zs[i] = f(xs[i], ys[i]);
  return result;
}

/** The column index of each row's largest value. */
export function argmaxRows(x: Matrix, out?: Int32Array): Int32Array {
  const result = out ?? new Int32Array(x.rows);
  if (result.length < x.rows) {
    throw new ShapeError(`argmaxRows: out holds ${result.length} values but ${describeShape(x)} has ${x.rows} rows`);
  }
  const xs = x.data;
  const cols = x.cols;
  for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
    let best = 0;
    let bestValue = xs[offset];
    for (let j = 1; j < cols; j++) {
      if (xs[offset + j] > bestValue) {
        bestValue = xs[offset + j];
        best = j;
      }
    }
    result[i] = best;
  }
  return result;
}

/** The largest of `cols` values from `offset` (−Infinity for none; NaN is never larger). */
function rowMax(xs: Float32Array, offset: number, cols: number): number {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) if (xs[offset + j] > max) max = xs[offset + j];
  return max;
}

function rowVectorOut(op: string, x: Matrix, out?: Float32Array): Float32Array {
  const result = out ?? new Float32Array(x.rows);
  if (result.length < x.rows) {
    throw new ShapeError(`${op}: out holds ${result.length} values but ${describeShape(x)} has ${x.rows} rows`);
  }
  return result;
}

/** The largest value of each row. */
export function maxRows(x: Matrix, out?: Float32Array): Float32Array {
  const result = rowVectorOut('maxRows', x, out);
  const xs = x.data;
  const cols = x.cols;
  for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
    result[i] = rowMax(xs, offset, cols);
  }
  return result;
}

/** `log Σ exp(x)` of each row, computed stably as `max + log Σ exp(x − max)` (in float64). */
export function logSumExpRows(x: Matrix, out?: Float32Array): Float32Array {
  const result = rowVectorOut('logSumExpRows', x, out);
  const xs = x.data;
  const cols = x.cols;
  for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
    const max = rowMax(xs, offset, cols);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(xs[offset + j] - max);
    result[i] = max + Math.log(sum);
  }
  return result;
}

/** Row-wise softmax, stable (each row shifted by its max). `out` may be `x`. */
export function softmaxRows(x: Matrix, out?: Matrix): Matrix {
  const result = outFor('softmaxRows', out, x.rows, x.cols);
  const xs = x.data;
  const ys = result.data;
  const cols = x.cols;
  for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
    const max = rowMax(xs, offset, cols);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(xs[offset + j] - max);
      ys[offset + j] = e;
      sum += e;
    }
    const inverse = 1 / sum;
    for (let j = 0; j < cols; j++) ys[offset + j] *= inverse;
  }
  return result;
}
