import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { ArraySplit, type Split } from './split.js';

/** A split as shared memory: what `postMessage` can send to a worker without copying the data. */
export interface TransferableSplit {
  readonly count: number;
  /** 'uint8' for MNIST bytes, 'float32' for synthetic data. */
  readonly imageType: 'uint8' | 'float32';
  /** Exactly `count × inputSize` elements of `imageType`. */
  readonly images: SharedArrayBuffer;
  /** Exactly `count` bytes. */
  readonly labels: SharedArrayBuffer;
}

/** A structured-cloneable description of a shared Dataset (plain fields plus SharedArrayBuffers). */
export interface TransferableDataset {
  readonly name: string;
  readonly inputSize: number;
  readonly numClasses: number;
  readonly train: TransferableSplit;
  readonly test: TransferableSplit;
}

function ownsWholeSharedBuffer(array: Uint8Array | Float32Array): boolean {
  return array.buffer instanceof SharedArrayBuffer && array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
}

function describeSplit(split: Split, which: string, name: string): TransferableSplit {
  if (!ownsWholeSharedBuffer(split.images) || !ownsWholeSharedBuffer(split.labels)) {
    throw new DatasetError(
      `toTransferable: the ${which} split of '${name}' is not in shared memory; create the dataset with { shared: true }`,
    );
  }
  return {
    count: split.count,
    imageType: split.images instanceof Float32Array ? 'float32' : 'uint8',
    images: split.images.buffer as SharedArrayBuffer,
    labels: split.labels.buffer as SharedArrayBuffer,
  };
}

/**
 * Describes a dataset created with `{ shared: true }` so that `worker.postMessage(description)` hands the
 * worker the same memory; rebuild it there with `fromTransferable`. N workers then share one copy of MNIST.
 */
export function toTransferable(dataset: Dataset): TransferableDataset {
  return {
    name: dataset.name,
    inputSize: dataset.inputSize,
    numClasses: dataset.numClasses,
    train: describeSplit(dataset.train, 'train', dataset.name),
    test: describeSplit(dataset.test, 'test', dataset.name),
  };
}

function rebuildSplit(split: TransferableSplit, which: string, inputSize: number, numClasses: number): Split {
  if (!(split?.images instanceof SharedArrayBuffer) || !(split.labels instanceof SharedArrayBuffer)) {
    throw new DatasetError(`fromTransferable: ${which}.images and ${which}.labels must be SharedArrayBuffers`);
  }
  let images: Uint8Array | Float32Array;
  if (split.imageType === 'uint8') images = new Uint8Array(split.images);
  else if (split.imageType === 'float32') images = new Float32Array(split.images);
  else throw new DatasetError(`fromTransferable: ${which}.imageType must be 'uint8' or 'float32', got '${split.imageType}'`);
  return new ArraySplit(images, new Uint8Array(split.labels), split.count, inputSize, numClasses);
}

/** Rebuilds a Dataset over the shared memory of a `toTransferable` description, without copying. */
export function fromTransferable(description: TransferableDataset): Dataset {
  const { name, inputSize, numClasses } = description;
  return {
    name,
    inputSize,
    numClasses,
    train: rebuildSplit(description.train, 'train', inputSize, numClasses),
    test: rebuildSplit(description.test, 'test', inputSize, numClasses),
  };
}
