import { MAX_THREADS, threadsUnavailable } from '@initlab/tensor';
import { TrainerError } from '../errors.js';

/** Threads per run: a count, or `'auto'` for the CPUs each worker has to itself. */
export type ThreadsOption = number | 'auto';

/**
 * Threads that share each run's large matmuls. `'auto'`: ⌊cpus / workers⌋ (at most tensor's `MAX_THREADS`), so
 * that a single run uses every core and a full pool of workers one each; 1 where this engine cannot start
 * threads (a browser page that is not cross-origin isolated). A count that cannot run throws and says why.
 */
export function resolveThreads(option: ThreadsOption = 'auto', cpus: number, workers: number): number {
  const unavailable = threadsUnavailable();
  if (option === 'auto') return unavailable ? 1 : Math.max(1, Math.min(MAX_THREADS, Math.floor(cpus / workers)));
  if (!Number.isInteger(option) || option < 1 || option > MAX_THREADS) {
    throw new TrainerError(`threads must be 'auto' or a whole number from 1 to ${MAX_THREADS}, got ${String(option)}`);
  }
  if (option > 1 && unavailable)
    throw new TrainerError(`threads: ${option} cannot run: ${unavailable}; use threads: 1`);
  return option;
}
