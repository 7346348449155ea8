import { bytesToUnit, gatherBytesToUnit } from '@initlab/tensor';
import { DatasetError } from './errors.js';

/** One part of a dataset (train or test): `count` samples of `inputSize` values each, with a class label. */
export interface Split {
  /** Number of samples. */
  readonly count: number;
  /** Values per sample (784 for MNIST). */
  readonly inputSize: number;
  /** Labels lie in [0, numClasses). */
  readonly numClasses: number;
  /** `count × inputSize` values, row-major. MNIST keeps raw bytes (47 MB instead of 188 MB as float32). */
  readonly images: Uint8Array | Float32Array;
  /** One class label per sample. */
  readonly labels: Uint8Array;
  /**
   * Copies the samples `indices` into `outX` (row i = sample indices[i]) and their labels into `outT`.
   * Byte images become `byte / 255` as float32 (as the book's `normalize=True`); float images are copied as-is.
   * `outX` needs at least `indices.length × inputSize` values, `outT` at least `indices.length`.
   */
  batch(indices: ArrayLike<number>, outX: Float32Array, outT?: Int32Array): void;
  /** As `batch`, with labels written one-hot into `outT` (`indices.length × numClasses`). */
  batchOneHot(indices: ArrayLike<number>, outX: Float32Array, outT: Float32Array): void;
  /** Rows [start, start+count): contiguous, for evaluation. */
  range(start: number, count: number, outX: Float32Array, outT?: Int32Array): void;
}

function checkOutput(what: string, name: string, out: ArrayLike<number>, needed: number): void {
  if (out.length < needed) {
    throw new DatasetError(`${what}: ${name} holds ${out.length} values but ${needed} are needed`);
  }
}

/**
 * The one Split implementation, over byte or float images. Byte images become `byte / 255` in float32 through
 * @initlab/tensor's SIMD conversion (NumPy's `x.astype(np.float32) / 255.0`, bit for bit).
 */
export class ArraySplit implements Split {
  constructor(
    readonly images: Uint8Array | Float32Array,
    readonly labels: Uint8Array,
    readonly count: number,
    readonly inputSize: number,
    readonly numClasses: number,
  ) {
    if (images.length !== count * inputSize || labels.length !== count) {
      throw new DatasetError(
        `a split of ${count} samples × ${inputSize} needs ${count * inputSize} image values and ${count} labels, ` +
          `got ${images.length} and ${labels.length}`,
      );
    }
  }

  batch(indices: ArrayLike<number>, outX: Float32Array, outT?: Int32Array): void {
    const rows = indices.length;
    checkOutput('batch', 'outX', outX, rows * this.inputSize);
    if (outT) checkOutput('batch', 'outT', outT, rows);
    this.gather(indices, outX);
    if (outT) for (let i = 0; i < rows; i++) outT[i] = this.labels[indices[i]];
  }

  batchOneHot(indices: ArrayLike<number>, outX: Float32Array, outT: Float32Array): void {
    const rows = indices.length;
    const classes = this.numClasses;
    checkOutput('batchOneHot', 'outX', outX, rows * this.inputSize);
    checkOutput('batchOneHot', 'outT', outT, rows * classes);
    this.gather(indices, outX);
    outT.fill(0, 0, rows * classes);
    for (let i = 0; i < rows; i++) outT[i * classes + this.labels[indices[i]]] = 1;
  }

  range(start: number, count: number, outX: Float32Array, outT?: Int32Array): void {
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(count) ||
      start < 0 ||
      count < 0 ||
      start + count > this.count
    ) {
      throw new DatasetError(
        `range: rows [${start}, ${start + count}) are not within the ${this.count} samples of this split`,
      );
    }
    checkOutput('range', 'outX', outX, count * this.inputSize);
    if (outT) checkOutput('range', 'outT', outT, count);
    const begin = start * this.inputSize;
    const end = begin + count * this.inputSize;
    if (this.images instanceof Float32Array) outX.set(this.images.subarray(begin, end));
    else bytesToUnit(this.images.subarray(begin, end), outX);
    if (outT) for (let i = 0; i < count; i++) outT[i] = this.labels[start + i];
  }

  /** Rows `indices` into `outX`, after checking every index (nothing is written for a bad one). */
  private gather(indices: ArrayLike<number>, outX: Float32Array): void {
    for (let i = 0; i < indices.length; i++) this.checkIndex(indices[i], i);
    const images = this.images;
    if (images instanceof Uint8Array) {
      gatherBytesToUnit(images, this.inputSize, indices, outX);
      return;
    }
    const size = this.inputSize;
    for (let i = 0; i < indices.length; i++)
      outX.set(images.subarray(indices[i] * size, (indices[i] + 1) * size), i * size);
  }

  private checkIndex(index: number, position: number): void {
    if (index >>> 0 !== index || index >= this.count) {
      throw new DatasetError(
        `batch: indices[${position}] = ${index} is not a sample index; valid indices are integers in [0, ${this.count - 1}]`,
      );
    }
  }
}
