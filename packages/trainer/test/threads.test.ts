import { cpuBackend, setBackend } from '@initlab/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveThreads, runExperiment, TrainerError, type ExperimentConfig } from '../src/index.js';
import { withoutTiming } from './helpers.js';

/**
 * Wide enough that every product is split over threads (the forward one is 64×300×200, 7.7 MFLOP), short enough
 * to be quick: one run, 12 iterations, evaluated twice.
 */
const WIDE: ExperimentConfig = {
  name: 'wide',
  dataset: { name: 'blobs', samples: 600, classes: 4, features: 300, seed: 5 },
  base: {
    hiddenSizes: [200, 200],
    activation: 'relu',
    initializer: 'he',
    optimizer: { name: 'sgd', lr: 0.01 },
    batchSize: 64,
    iterations: 12,
    evaluation: { every: 6 },
  },
  runs: [{ label: 'He' }],
  seeds: [0],
};

afterEach(async () => {
  await setBackend('cpu');
});

describe('threads per run', () => {
  it('gives bit-identical runs on 1 and 2 threads, in a worker and on this thread, and reports them', async () => {
    const one = await runExperiment(WIDE, { threads: 1, inProcess: false });
    const two = await runExperiment(WIDE, { threads: 2, inProcess: false });
    const here = await runExperiment(WIDE, { threads: 2, inProcess: true });
    expect(one.environment.threads).toBe(1);
    expect(two.environment.threads).toBe(2);
    expect(here.environment.threads).toBe(2);
    expect(two.runs.map(withoutTiming)).toEqual(one.runs.map(withoutTiming));
    expect(here.runs.map(withoutTiming)).toEqual(one.runs.map(withoutTiming));
  });

  it("'auto' gives each worker the cores it has to itself", () => {
    expect(resolveThreads('auto', 8, 1)).toBe(8);
    expect(resolveThreads('auto', 8, 3)).toBe(2);
    expect(resolveThreads('auto', 2, 4)).toBe(1);
    expect(resolveThreads(undefined, 2, 1)).toBe(2);
    expect(resolveThreads(3, 2, 2)).toBe(3);
  });

  it('refuses a count that cannot run, naming what can', async () => {
    expect(() => resolveThreads(0, 2, 1)).toThrow(TrainerError);
    expect(() => resolveThreads(2.5, 2, 1)).toThrow("threads must be 'auto' or a whole number from 1 to 16, got 2.5");
    await expect(runExperiment(WIDE, { threads: 99 })).rejects.toThrow(/from 1 to 16/);
  });

  it('leaves the calling thread its backend when it neither names one nor a count', async () => {
    const mine = cpuBackend('auto', { threads: 2 });
    const { useBackend, getBackend } = await import('@initlab/tensor');
    useBackend(mine);
    const results = await runExperiment(WIDE, { inProcess: true });
    expect(getBackend()).toBe(mine);
    expect(results.environment.threads).toBe(2);
  });
});
