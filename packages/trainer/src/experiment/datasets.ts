import { loadMnist, makeBlobs, makeSpiral, type Dataset } from '@initlab/datasets';
import type { DatasetSpec } from '../config/config.js';

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
