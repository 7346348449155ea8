import type { TransferableDataset } from '@initlab/datasets';
import type { Job } from './jobs.js';
import type { RunResult } from './results.js';
import type { Progress } from './train.js';

/** Main thread → worker. */
export type ToWorker =
  | {
      type: 'init';
      /** `[datasetKey, dataset]` pairs in shared memory. */
      datasets: [string, TransferableDataset][];
      /** Module URLs to import before any job, so plugin initializers are registered in the worker too. */
      pluginModules: string[];
      /** Int32Array(1) over this buffer: non-zero asks the running job to stop. */
      stopFlag?: SharedArrayBuffer;
    }
  | { type: 'job'; job: Job };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'hello' }
  | { type: 'ready' }
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; index: number; result: RunResult }
  | { type: 'error'; index?: number; message: string };
