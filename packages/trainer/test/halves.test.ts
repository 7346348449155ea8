import { Worker } from 'node:worker_threads';
import { makeBlobs, type Dataset } from '@initlab/datasets';
import { cpuBackend, setBackend, useBackend } from '@initlab/tensor';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  HelperThreads,
  parseRunConfig,
  SpareCores,
  TrainingRun,
  type RunConfig,
  type RunResult,
} from '../src/index.js';
import { withoutTiming } from './helpers.js';

/** Blobs in shared memory, where a helper thread reads them: 40 features, 4 classes. */
function sharedBlobs(): Dataset {
  return makeBlobs({ samples: 900, classes: 4, features: 40, seed: 11, shared: true });
}

const BASE: RunConfig = {
  hiddenSizes: [48, 32],
  activation: 'relu',
  initializer: 'he',
  optimizer: { name: 'sgd', lr: 0.05 },
  batchSize: 64,
  iterations: 30,
  seed: 4,
  evaluation: { every: 10 },
};

const info = { runIndex: 0, label: 'halves', experiment: 'halves' };

/** The helper threads of this file's runs: a run's helper serves the next run too. */
const helpers = HelperThreads.platformDefault()!;
afterAll(() => helpers.close());

/** Trains `config` step by step on `threads` threads; with two, first waits until the helper thread is ready. */
async function trainOn(
  threads: number,
  config: RunConfig,
  dataset: Dataset,
): Promise<{ result: RunResult; helperSteps: number }> {
  await setBackend('cpu', { threads });
  const run = new TrainingRun(parseRunConfig(config), dataset, info, { helpers });
  try {
    if (threads > 1) expect(await run.helperReady()).toBe(true);
    while (!run.finished) run.step();
    return { result: run.result(), helperSteps: run.helperSteps };
  } finally {
    run.close();
  }
}

afterEach(async () => {
  await setBackend('cpu');
});

describe('steps over two halves of the batch', () => {
  const variants: [string, Partial<RunConfig>][] = [
    ['ReLU', {}],
    ['sigmoid', { activation: 'sigmoid', initializer: 'xavier' }],
    [
      'tanh with weight decay and momentum',
      { activation: 'tanh', weightDecay: 0.01, optimizer: { name: 'momentum', lr: 0.05 } },
    ],
    ['an odd batch', { batchSize: 45 }],
  ];
  for (const [name, change] of variants) {
    it(`gives the same run when a helper thread computes every second half (${name})`, async () => {
      const dataset = sharedBlobs();
      const config = { ...BASE, ...change } as RunConfig;
      const alone = await trainOn(1, config, dataset);
      const helped = await trainOn(2, config, dataset);
      expect(alone.helperSteps).toBe(0);
      expect(helped.helperSteps).toBe(config.iterations);
      expect(helped.result.status).toBe('done');
      expect(withoutTiming(helped.result)).toEqual(withoutTiming(alone.result));
    });
  }

  it('starts a helper mid-run on a core that another worker left idle, and gives the core back at the end', async () => {
    const dataset = sharedBlobs();
    const config: RunConfig = { ...BASE, iterations: 40 };
    const alone = await trainOn(1, config, dataset);
    await setBackend('cpu', { threads: 1 });
    const spare = SpareCores.create()!;
    {
      const run = new TrainingRun(parseRunConfig(config), dataset, info, { helpers, spareCores: spare });
      for (let i = 0; i < 10; i++) run.step();
      expect(await run.helperReady(100)).toBe(false); // no idle core yet: no helper
      spare.give(1);
      run.step(); // claims the core; the helper starts in the background
      expect(spare.idle).toBe(0);
      expect(await run.helperReady()).toBe(true);
      while (!run.finished) run.step();
      // Every step after the helper is ready; a helper reused from an earlier run may be ready within the
      // claiming step itself, and then takes that one too.
      expect(run.helperSteps).toBeGreaterThanOrEqual(config.iterations - 11);
      expect(run.helperSteps).toBeLessThanOrEqual(config.iterations - 10);
      expect(withoutTiming(run.result())).toEqual(withoutTiming(alone.result));
      expect(spare.idle).toBe(1); // the finished run closed its helper
    }
  });

  it("splits each half's large products too on three and four threads, with the same results", async () => {
    // Wide enough that every product of a half is split over threads (the forward one is 32×300×200, 3.8 MFLOP).
    const dataset = makeBlobs({ samples: 600, classes: 4, features: 300, seed: 5, shared: true });
    const config: RunConfig = { ...BASE, hiddenSizes: [200, 200], iterations: 8, evaluation: { every: 4 } };
    const alone = await trainOn(1, config, dataset);
    for (const threads of [3, 4]) {
      const helped = await trainOn(threads, config, dataset);
      expect(helped.helperSteps).toBe(config.iterations);
      expect(withoutTiming(helped.result)).toEqual(withoutTiming(alone.result));
    }
  });

  it("computes the helper's half with the kernel the run chose", async () => {
    const dataset = sharedBlobs();
    const runOn = async (threads: number) => {
      useBackend(cpuBackend('wasm-simd', { threads }));
      const run = new TrainingRun(parseRunConfig(BASE), dataset, info, { helpers });
      try {
        expect(await run.helperReady(threads > 1 ? undefined : 200)).toBe(threads > 1);
        while (!run.finished) run.step();
        expect(run.helperSteps).toBe(threads > 1 ? BASE.iterations : 0);
        return run.result();
      } finally {
        run.close();
      }
    };
    const alone = await runOn(1);
    expect(withoutTiming(await runOn(2))).toEqual(withoutTiming(alone));
  });

  it('goes on alone, with the same results, once the helper is closed mid-run', async () => {
    const dataset = sharedBlobs();
    const alone = await trainOn(1, BASE, dataset);
    await setBackend('cpu', { threads: 2 });
    const run = new TrainingRun(parseRunConfig(BASE), dataset, info, { helpers });
    expect(await run.helperReady()).toBe(true);
    for (let i = 0; i < 12; i++) run.step();
    run.close();
    while (!run.finished) run.step();
    expect(run.helperSteps).toBe(12);
    expect(withoutTiming(run.result())).toEqual(withoutTiming(alone.result));
  });

  it('starts its helpers as the helpers option says: none with null, through the given ones, else its own', async () => {
    await setBackend('cpu', { threads: 2 });
    const dataset = sharedBlobs();
    const started: string[] = [];
    const helperReady = async (options: { helpers?: HelperThreads | null }) => {
      const run = new TrainingRun(parseRunConfig(BASE), dataset, info, options);
      try {
        return await run.helperReady(2000);
      } finally {
        run.close();
      }
    };
    expect(await helperReady({ helpers: null })).toBe(false);
    const custom = new HelperThreads(() => {
      started.push('custom');
      return new Worker(new URL('../dist/worker.js', import.meta.url));
    });
    try {
      expect(await helperReady({ helpers: custom })).toBe(true);
      // The next run given the same helpers reuses the helper the last one stopped.
      expect(await helperReady({ helpers: custom })).toBe(true);
      expect(started).toEqual(['custom']);
    } finally {
      custom.close();
    }
    expect(await helperReady({})).toBe(true);
    expect(started).toEqual(['custom']);
  });

  it('gives the same runs, one after another, on a reused helper', async () => {
    const dataset = sharedBlobs();
    const alone = await trainOn(1, BASE, dataset);
    const first = await trainOn(2, BASE, dataset);
    const second = await trainOn(2, { ...BASE, seed: 5 }, dataset);
    const third = await trainOn(2, BASE, dataset);
    expect(withoutTiming(first.result)).toEqual(withoutTiming(alone.result));
    expect(withoutTiming(third.result)).toEqual(withoutTiming(alone.result));
    expect(second.result.loss).not.toEqual(first.result.loss);
    expect(second.helperSteps).toBe(BASE.iterations);
  });

  it('has no helper where a step cannot split or the data is not shared', async () => {
    await setBackend('cpu', { threads: 2 });
    const shared = sharedBlobs();
    const unshared = makeBlobs({ samples: 900, classes: 4, features: 40, seed: 11 });
    const cases: [RunConfig, Dataset][] = [
      [{ ...BASE, batchNorm: true }, shared],
      [{ ...BASE, dropout: 0.2 }, shared],
      [{ ...BASE, batchSize: 16 }, shared],
      [BASE, unshared],
    ];
    for (const [config, dataset] of cases) {
      const run = new TrainingRun(parseRunConfig(config), dataset, info, { helpers });
      expect(await run.helperReady(200)).toBe(false);
      run.close();
    }
  });
});
