import {
  DatasetError,
  loadMnist,
  makeBlobs,
  makeSpiral,
  toTransferable,
  type Dataset,
  type TransferableDataset,
  type TransferableSplit,
  type Split,
} from '@initlab/datasets';
import type { DatasetSpec } from './config.js';

/** Defaults of the synthetic datasets when a config names one without options. */
const BLOBS_DEFAULTS = { samples: 1500, classes: 3, features: 2, seed: 0 };
const SPIRAL_DEFAULTS = { samples: 900, classes: 3, seed: 0 };

/** Loads or makes the dataset a config names; `shared` puts it in SharedArrayBuffers for workers. */
export async function loadDataset(spec: DatasetSpec | undefined, shared: boolean): Promise<Dataset> {
  const { name, ...options } = typeof spec === 'object' ? spec : { name: spec ?? 'mnist' };
  switch (name) {
    case 'mnist':
      return loadMnist({ ...(options as { dir?: string }), shared });
    case 'blobs':
      return makeBlobs({ ...BLOBS_DEFAULTS, ...options, shared });
    case 'spiral':
      return makeSpiral({ ...SPIRAL_DEFAULTS, ...options, shared });
  }
}

function copyToShared(split: Split): TransferableSplit {
  const { images, labels } = split;
  const sharedImages = new SharedArrayBuffer(images.byteLength);
  new Uint8Array(sharedImages).set(new Uint8Array(images.buffer, images.byteOffset, images.byteLength));
  const sharedLabels = new SharedArrayBuffer(labels.byteLength);
  new Uint8Array(sharedLabels).set(labels);
  return {
    count: split.count,
    imageType: images instanceof Float32Array ? 'float32' : 'uint8',
    images: sharedImages,
    labels: sharedLabels,
  };
}

/** `dataset` as workers receive it: its own shared memory, or a shared copy when it has none. */
export function shareDataset(dataset: Dataset): TransferableDataset {
  try {
    return toTransferable(dataset);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return {
      name: dataset.name,
      inputSize: dataset.inputSize,
      numClasses: dataset.numClasses,
      shared: true,
      train: copyToShared(dataset.train),
      test: copyToShared(dataset.test),
    };
  }
}
