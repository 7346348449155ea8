import type { TransferableDataset } from '@initlab/datasets';
import type { BackendChoice } from '@initlab/tensor';
import type { Evaluation } from '../run/events.js';
import type { Job, JobOutput } from '../experiment/jobs.js';
import type { Progress } from '../run/events.js';
import type { HelperMessage } from './helper-protocol.js';

/** Main thread → worker. */
export type ToWorker =
  | {
      type: 'init';
      /** `[datasetKey, dataset]` pairs: shared memory where there is some, else a copy per worker. */
      datasets: [string, TransferableDataset][];
      /** Module URLs to import before any job, so plugin initializers are registered in the worker too. */
      pluginModules: string[];
      /** Passed to @initlab/tensor's `setBackend` before any job; absent: the worker keeps tensor's default. */
      backend?: BackendChoice;
      /** Threads per run: with `backend`, or above 1, the worker calls `setBackend(backend ?? 'cpu', { threads })`. */
      threads?: number;
      /** Int32Array(1) over this buffer: non-zero asks the running job to stop. */
      stopFlag?: SharedArrayBuffer;
      /** Cores the pool's idle workers leave (`SpareCores`): a run on one thread may start a helper on one. */
      spareCores?: SharedArrayBuffer;
    }
  /** `spareCores`: the run may start a helper on a core that a worker whose jobs ran out leaves (`init`'s `spareCores`). */
  | { type: 'job'; job: Job; spareCores?: boolean }
  /** Become a run's helper thread (`serve-helper.ts`): no `init`, no jobs, only the second half of its steps. */
  | HelperMessage
  /** Stop the running job (sent only where there is no shared stop flag: the job then yields to hear it). */
  | { type: 'stop' };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'hello' }
  /** Set up; `backend` is the real name of the backend its jobs run on. */
  | { type: 'ready'; backend: string; threads: number }
  | { type: 'progress'; progress: Progress }
  | { type: 'evaluation'; evaluation: Evaluation }
  | { type: 'result'; index: number; result: JobOutput }
  | { type: 'error'; index?: number; message: string };

/** The messages a worker sends in answer to `init` or `job` (progress and evaluations go to callbacks). */
export type WorkerReply = Exclude<FromWorker, { type: 'progress' | 'evaluation' }>;
