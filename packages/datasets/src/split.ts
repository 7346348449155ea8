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

/** byte → byte/255 rounded once to float32: the same values as NumPy's `x.astype(np.float32) / 255.0`. */
const BYTE_TO_UNIT = new Float32Array(256);
for (let b = 0; b < 256; b++) BYTE_TO_UNIT[b] = b / 255;
/** The same values as bit patterns: copying those moves integers, with no float32 ↔ float64 conversions. */
const BYTE_TO_UNIT_BITS = new Uint32Array(BYTE_TO_UNIT.buffer);
/** Whether a 32-bit word holds its first byte in its low bits (reading images four bytes at a time needs it). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function checkOutput(what: string, name: string, out: ArrayLike<number>, needed: number): void {
  if (out.length < needed) {
    throw new DatasetError(`${what}: ${name} holds ${out.length} values but ${needed} are needed`);
  }
}

/** The one Split implementation, over byte or float images. */
export class ArraySplit implements Split {
  /** Byte images as 32-bit words, when rows start on word boundaries: batches read four pixels per load. */
  private readonly imageWords: Uint32Array | undefined;
  /** The last `outX` seen and its bits view, so that a training loop's batches allocate nothing. */
  private lastOut: Float32Array | undefined;
  private lastOutBits: Uint32Array = new Uint32Array(0);

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
    if (images instanceof Uint8Array && LITTLE_ENDIAN && images.byteOffset % 4 === 0 && inputSize % 4 === 0) {
      this.imageWords = new Uint32Array(images.buffer, images.byteOffset, images.length >> 2);
    }
  }

  batch(indices: ArrayLike<number>, outX: Float32Array, outT?: Int32Array): void {
    const rows = indices.length;
    checkOutput('batch', 'outX', outX, rows * this.inputSize);
    if (outT) checkOutput('batch', 'outT', outT, rows);
    for (let i = 0; i < rows; i++) {
      const index = this.checkIndex(indices[i], i);
      this.copyRows(index, 1, outX, i * this.inputSize);
      if (outT) outT[i] = this.labels[index];
    }
  }

  batchOneHot(indices: ArrayLike<number>, outX: Float32Array, outT: Float32Array): void {
    const rows = indices.length;
    const classes = this.numClasses;
    checkOutput('batchOneHot', 'outX', outX, rows * this.inputSize);
    checkOutput('batchOneHot', 'outT', outT, rows * classes);
    for (let i = 0; i < rows; i++) {
      const index = this.checkIndex(indices[i], i);
      this.copyRows(index, 1, outX, i * this.inputSize);
      outT.fill(0, i * classes, (i + 1) * classes);
      outT[i * classes + this.labels[index]] = 1;
    }
  }

  range(start: number, count: number, outX: Float32Array, outT?: Int32Array): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0 || start + count > this.count) {
      throw new DatasetError(
        `range: rows [${start}, ${start + count}) are not within the ${this.count} samples of this split`,
      );
    }
    checkOutput('range', 'outX', outX, count * this.inputSize);
    if (outT) checkOutput('range', 'outT', outT, count);
    this.copyRows(start, count, outX, 0);
    if (outT) for (let i = 0; i < count; i++) outT[i] = this.labels[start + i];
  }

  private checkIndex(index: number, position: number): number {
    if (index >>> 0 !== index || index >= this.count) {
      throw new DatasetError(
        `batch: indices[${position}] = ${index} is not a sample index; valid indices are integers in [0, ${this.count - 1}]`,
      );
    }
    return index;
  }

  private copyRows(firstRow: number, rows: number, out: Float32Array, offset: number): void {
    const begin = firstRow * this.inputSize;
    const end = begin + rows * this.inputSize;
    const images = this.images;
    if (images instanceof Float32Array) {
      out.set(images.subarray(begin, end), offset);
      return;
    }
    const words = this.imageWords;
    if (words) {
      copyWords(words, begin >> 2, end >> 2, this.bitsOf(out), offset);
      return;
    }
    for (let source = begin, target = offset; source < end; source++, target++) {
      out[target] = BYTE_TO_UNIT[images[source]];
    }
  }

  private bitsOf(out: Float32Array): Uint32Array {
    if (out !== this.lastOut) {
      this.lastOut = out;
      this.lastOutBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
    }
    return this.lastOutBits;
  }
}

/** Four pixels per word: word w of the images becomes values 4w … 4w + 3 of `out` (as bits) from `offset` on. */
function copyWords(words: Uint32Array, begin: number, end: number, out: Uint32Array, offset: number): void {
  for (let source = begin, target = offset; source < end; source++, target += 4) {
    const word = words[source];
    out[target] = BYTE_TO_UNIT_BITS[word & 255];
    out[target + 1] = BYTE_TO_UNIT_BITS[(word >>> 8) & 255];
    out[target + 2] = BYTE_TO_UNIT_BITS[(word >>> 16) & 255];
    out[target + 3] = BYTE_TO_UNIT_BITS[word >>> 24];
  }
}
