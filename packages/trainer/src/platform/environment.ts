import { getBackend } from '@initlab/tensor';
import { version } from '../../package.json';
import { cpuCount } from './platform.js';
import type { Environment } from '../results/results.js';
import { isNode } from './runtime.js';

/** The initlab version this build came from (read from the package's package.json when built). */
export const VERSION: string = version;

/** Where and with what a set of results was produced; `backend` and `threads` default to this thread's. */
export async function describeEnvironment(
  workers: number,
  backend: string = getBackend().name,
  threads: number = getBackend().threads ?? 1,
): Promise<Environment> {
  const node = isNode();
  return {
    initlab: VERSION,
    runtime: node ? `node ${process.version}` : (globalThis.navigator?.userAgent ?? 'unknown'),
    platform: node ? `${process.platform} ${process.arch}` : (globalThis.navigator?.platform ?? 'browser'),
    cpus: await cpuCount(),
    backend,
    workers,
    threads,
    date: new Date().toISOString(),
  };
}
