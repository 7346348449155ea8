import { getBackend } from '@initlab/tensor';
import { version } from '../package.json';
import { cpuCount } from './platform.js';
import type { Environment } from './results.js';
import { isNode } from './runtime.js';

/** The initlab version this build came from (read from the package's package.json when built). */
export const VERSION: string = version;

/** Where and with what a set of results was produced; `backend` defaults to this thread's. */
export async function describeEnvironment(workers: number, backend: string = getBackend().name): Promise<Environment> {
  const node = isNode();
  return {
    initlab: VERSION,
    runtime: node ? `node ${process.version}` : globalThis.navigator?.userAgent ?? 'unknown',
    platform: node ? `${process.platform} ${process.arch}` : (globalThis.navigator?.platform ?? 'browser'),
    cpus: await cpuCount(),
    backend,
    workers,
    date: new Date().toISOString(),
  };
}
