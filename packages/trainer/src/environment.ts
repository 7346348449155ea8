import { getBackend } from '@initlab/tensor';
import { version } from '../package.json';
import type { Environment } from './results.js';

/** The initlab version this build came from (read from the package's package.json when built). */
export const VERSION: string = version;

/** True on Node (also inside its worker threads), false in a browser. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Logical CPUs available to this process. */
export async function cpuCount(): Promise<number> {
  if (isNode()) {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return globalThis.navigator?.hardwareConcurrency ?? 1;
}

/** Where and with what a set of results was produced. */
export async function describeEnvironment(workers: number): Promise<Environment> {
  const node = isNode();
  return {
    initlab: VERSION,
    runtime: node ? `node ${process.version}` : globalThis.navigator?.userAgent ?? 'unknown',
    platform: node ? `${process.platform} ${process.arch}` : (globalThis.navigator?.platform ?? 'browser'),
    cpus: await cpuCount(),
    backend: getBackend().name,
    workers,
    date: new Date().toISOString(),
  };
}
