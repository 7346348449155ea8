import type { Split } from './split.js';

/** A named classification dataset with a train and a test split of the same shape. */
export interface Dataset {
  /** 'mnist', 'blobs', 'spiral'. */
  readonly name: string;
  /** Values per sample. */
  readonly inputSize: number;
  /** Number of classes; labels lie in [0, numClasses). */
  readonly numClasses: number;
  /** Samples to learn from. */
  readonly train: Split;
  /** Held-out samples to measure accuracy on. */
  readonly test: Split;
}

/** Memory for `length` elements, in a SharedArrayBuffer when `shared` (so worker threads can use it without a copy). */
export function allocateBytes(length: number, shared: boolean): Uint8Array {
  return new Uint8Array(shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length));
}

/** As allocateBytes, for float32 values. */
export function allocateFloats(length: number, shared: boolean): Float32Array {
  const bytes = length * Float32Array.BYTES_PER_ELEMENT;
  return new Float32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}
