import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { ArraySplit, type Split } from './split.js';

/** A split as `postMessage` can send it to a worker: its arrays' buffers and how to read them. */
export interface TransferableSplit {
  readonly count: number;
  /** 'uint8' for MNIST bytes, 'float32' for synthetic data. */
  readonly imageType: 'uint8' | 'float32';
  /** Exactly `count × inputSize` elements of `imageType`. */
  readonly images: SharedArrayBuffer | ArrayBuffer;
  /** Exactly `count` bytes. */
  readonly labels: SharedArrayBuffer | ArrayBuffer;
}

/** A structured-cloneable description of a Dataset (plain fields plus the buffers of its arrays). */
export interface TransferableDataset {
  readonly name: string;
  readonly inputSize: number;
  readonly numClasses: number;
  /**
   * `true`: the buffers are SharedArrayBuffers, and every receiver reads (and writes) the same memory.
   * `false`: they are plain ArrayBuffers, which `postMessage` copies (structured clone): each receiver gets
   * its own copy — for where workers cannot share memory (a page that is not cross-origin isolated).
   */
  readonly shared: boolean;
  readonly train: TransferableSplit;
  readonly test: TransferableSplit;
}

/** Options of `toTransferable`. */
export interface ToTransferableOptions {
  /**
   * Describe the dataset by plain ArrayBuffers holding exactly its arrays (copied where they share a buffer
   * with other data or live in shared memory), for `postMessage` to copy to each worker. Default `false`:
   * the dataset must be in shared memory (`{ shared: true }`), and workers share it.
   */
  copy?: boolean;
  /**
   * Put the description in shared memory whatever the dataset's memory: its own SharedArrayBuffers where it
   * has them, else one copy in new SharedArrayBuffers, which every worker then shares. Ignored with `copy`.
   */
  share?: boolean;
}

function ownsWholeBuffer(array: Uint8Array | Float32Array): boolean {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
}

function sharedBuffer(array: Uint8Array | Float32Array, which: string, name: string): SharedArrayBuffer {
  if (!(array.buffer instanceof SharedArrayBuffer) || !ownsWholeBuffer(array)) {
    throw new DatasetError(
      `toTransferable: the ${which} split of '${name}' is not in shared memory; create the dataset with { shared: true }`,
    );
  }
  return array.buffer;
}

/** A buffer of kind `Buffer` holding exactly `array`'s bytes: its own when it is one and owns all of it, else a copy. */
function exactBuffer<B extends ArrayBuffer | SharedArrayBuffer>(
  array: Uint8Array | Float32Array,
  Buffer: new (bytes: number) => B,
): B {
  if (array.buffer instanceof Buffer && ownsWholeBuffer(array)) return array.buffer;
  const buffer = new Buffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return buffer;
}

type Mode = 'copy' | 'share' | 'shared';

function describeSplit(split: Split, which: string, name: string, mode: Mode): TransferableSplit {
  const buffer = (array: Uint8Array | Float32Array) =>
    mode === 'copy'
      ? exactBuffer(array, ArrayBuffer)
      : mode === 'share'
        ? exactBuffer(array, SharedArrayBuffer)
        : sharedBuffer(array, which, name);
  return {
    count: split.count,
    imageType: split.images instanceof Float32Array ? 'float32' : 'uint8',
    images: buffer(split.images),
    labels: buffer(split.labels),
  };
}

/**
 * Describes a dataset so that `worker.postMessage(description)` hands it to a worker; rebuild it there with
 * `fromTransferable`. A dataset created with `{ shared: true }` travels as its shared memory: N workers share
 * one copy of MNIST. With `{ share: true }` any other dataset is copied into shared memory once for all workers;
 * with `{ copy: true }` any dataset travels as plain ArrayBuffers, copied into each worker.
 */
export function toTransferable(dataset: Dataset, options: ToTransferableOptions = {}): TransferableDataset {
  const mode: Mode = options.copy ? 'copy' : options.share ? 'share' : 'shared';
  return {
    name: dataset.name,
    inputSize: dataset.inputSize,
    numClasses: dataset.numClasses,
    shared: mode !== 'copy',
    train: describeSplit(dataset.train, 'train', dataset.name, mode),
    test: describeSplit(dataset.test, 'test', dataset.name, mode),
  };
}

function rebuildSplit(
  split: TransferableSplit,
  which: string,
  shared: boolean,
  inputSize: number,
  numClasses: number,
): Split {
  // Without cross-origin isolation a page has no SharedArrayBuffer at all: copies are checked without naming it.
  const isExpectedBuffer = (buffer: unknown) =>
    shared ? buffer instanceof SharedArrayBuffer : buffer instanceof ArrayBuffer;
  if (!isExpectedBuffer(split?.images) || !isExpectedBuffer(split.labels)) {
    const kind = shared ? 'SharedArrayBuffers' : 'ArrayBuffers (the description has shared: false)';
    throw new DatasetError(`fromTransferable: ${which}.images and ${which}.labels must be ${kind}`);
  }
  let images: Uint8Array | Float32Array;
  if (split.imageType === 'uint8') images = new Uint8Array(split.images);
  else if (split.imageType === 'float32') images = new Float32Array(split.images);
  else
    throw new DatasetError(
      `fromTransferable: ${which}.imageType must be 'uint8' or 'float32', got '${split.imageType}'`,
    );
  return new ArraySplit(images, new Uint8Array(split.labels), split.count, inputSize, numClasses);
}

/**
 * Rebuilds a Dataset over the buffers of a `toTransferable` description, without copying: the shared memory
 * itself, or the copy `postMessage` made of plain ArrayBuffers.
 */
export function fromTransferable(description: TransferableDataset): Dataset {
  const { name, inputSize, numClasses } = description;
  const shared = description.shared !== false;
  return {
    name,
    inputSize,
    numClasses,
    train: rebuildSplit(description.train, 'train', shared, inputSize, numClasses),
    test: rebuildSplit(description.test, 'test', shared, inputSize, numClasses),
  };
}
