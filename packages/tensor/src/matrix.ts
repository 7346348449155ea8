/** Thrown when shapes do not fit an operation; the message names the operation and both shapes. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export type Shape = readonly [number] | readonly [number, number];

function checkSize(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ShapeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

/**
 * A row-major float32 matrix. A 1-D vector of length n has shape `[n]` and is
 * treated as one row (rows = 1, cols = n) by the kernels, as a bias is.
 */
export class Matrix {
  readonly data: Float32Array;
  readonly shape: Shape;
  readonly rows: number;
  readonly cols: number;

  constructor(data: Float32Array, shape: Shape) {
    if (shape.length !== 1 && shape.length !== 2) {
      throw new ShapeError(`a Matrix is 1-D or 2-D, got shape [${(shape as readonly number[]).join(', ')}]`);
    }
    for (const [i, size] of shape.entries()) checkSize(`shape[${i}]`, size);
    const size = shape.length === 1 ? shape[0] : shape[0] * shape[1];
    if (data.length !== size) {
      throw new ShapeError(`data has ${data.length} values but shape [${shape.join(', ')}] needs ${size}`);
    }
    this.data = data;
    this.shape = shape;
    this.rows = shape.length === 1 ? 1 : shape[0];
    this.cols = shape.length === 1 ? shape[0] : shape[1];
  }

  static zeros(rows: number, cols: number): Matrix {
    checkSize('rows', rows);
    checkSize('cols', cols);
    return new Matrix(new Float32Array(rows * cols), [rows, cols]);
  }

  static vector(length: number): Matrix {
    checkSize('length', length);
    return new Matrix(new Float32Array(length), [length]);
  }

  /** Wraps (does not copy) `data` as a `rows × cols` matrix. */
  static from(data: Float32Array | ArrayLike<number>, rows: number, cols: number): Matrix {
    checkSize('rows', rows);
    checkSize('cols', cols);
    const array = data instanceof Float32Array ? data : Float32Array.from(data);
    return new Matrix(array, [rows, cols]);
  }

  get size(): number {
    return this.data.length;
  }

  get(row: number, col: number): number {
    return this.data[row * this.cols + col];
  }

  set(row: number, col: number, value: number): void {
    this.data[row * this.cols + col] = value;
  }

  /** The first `rows` rows as a matrix sharing this one's memory (for a smaller last batch). */
  topRows(rows: number): Matrix {
    if (!Number.isSafeInteger(rows) || rows < 0 || rows > this.rows) {
      throw new ShapeError(`topRows: asked for ${rows} rows of a ${describeShape(this)} matrix`);
    }
    return new Matrix(this.data.subarray(0, rows * this.cols), [rows, this.cols]);
  }

  clone(): Matrix {
    return new Matrix(this.data.slice(), this.shape);
  }

  toString(): string {
    return `Matrix[${this.shape.join('×')}]`;
  }
}

/** A matrix's shape as messages write it: `[rows, cols]` or `[n]`. */
export function describeShape(m: Matrix): string {
  return `[${m.shape.join(', ')}]`;
}
