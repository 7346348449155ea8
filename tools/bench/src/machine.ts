import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg } from 'node:os';

/** What the figures were measured on: they mean little without it. */
export interface MachineFacts {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  /** The version of the `initlab` command (@initlab/cli) in this checkout. */
  initlab: string;
  /** ISO 8601, when the suite started. */
  date: string;
  /** 1, 5 and 15 minute load averages at the start: other work on the machine slows every figure. */
  loadAverage: number[];
}

/** The machine the suite runs on, read at the start of the suite. */
export function machineFacts(): MachineFacts {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    initlab: (createRequire(import.meta.url)('@initlab/cli/package.json') as { version: string }).version,
    date: new Date().toISOString(),
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  };
}
