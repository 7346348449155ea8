import { describe, expect, it } from 'vitest';
import { benchText } from '../src/format.js';
import type { BenchResult } from '../src/index.js';
import type { ThroughputResult } from '../src/training.js';

function book(threads: number, samplesPerSecond: number, ratios: number[]): ThroughputResult {
  return {
    network: '784-100-100-100-100-10',
    layers: [784, 100, 100, 100, 100, 10],
    batchSize: 128,
    backend: 'cpu:wasm-simd',
    threads,
    helperSteps: threads > 1 ? 100 : 0,
    iterations: 100,
    seconds: (100 * 128) / samplesPerSecond,
    iterationsPerSecond: samplesPerSecond / 128,
    samplesPerSecond,
    numpy: {
      command: 'python3 numpy_mlp.py',
      iterations: 100,
      seconds: 0.1,
      iterationsPerSecond: 1000,
      samplesPerSecond: 128_000,
    },
    roundRatios: { ratios, median: ratios[1] },
  };
}

const result: BenchResult = {
  benchVersion: 1,
  machine: {
    cpu: 'a CPU',
    cores: 2,
    node: 'v20',
    platform: 'linux x64',
    initlab: '0.1.0',
    date: '2026-12-05T06:00:00Z',
    loadAverage: [1, 1, 1],
  },
  plan: {
    iterations: 100,
    warmupIterations: 20,
    presetIterations: 10,
    presets: [],
    presetLayouts: [{ workers: 1, threads: 1 }],
    backend: 'auto',
    threads: 2,
    trainingRounds: 3,
  },
  numpy: {
    version: '2.4.6',
    threads: 1,
    openblasCore: 'SkylakeX',
    reference: 'reference/numpy_mlp.py',
    openblasEnv: {},
    openblasEnvRemoved: { OPENBLAS_CORETYPE: 'Haswell' },
  },
  kernels: { shapes: [], runs: 30, results: [], numpy: null, mnistDensity: 0.19 },
  training: book(2, 96_000, [0.7, 0.75, 0.8]),
  trainingOneThread: book(1, 64_000, [0.45, 0.5, 0.55]),
  seedNetwork: {
    ...book(2, 150_000, [1]),
    network: '784-50-10',
    numpy: { note: 'NumPy not compared: 784-50-10' },
    roundRatios: undefined,
  },
  presets: null,
  memory: null,
};

describe('the formatted figures', () => {
  const text = benchText(result);

  it('lead with one thread against NumPy on one thread, then two threads', () => {
    expect(text).toContain(
      'book network vs NumPy on 1 thread: initlab 1 thread 0.50× (median of rounds 0.50×); initlab 2 threads 0.75× (median of rounds 0.75×)',
    );
    const rows = ['book, 1 thread ', 'book, 2 threads ', 'seed, 2 threads '].map((row) => text.indexOf(row));
    expect(rows.every((at) => at >= 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(text.indexOf('book, 1 thread: vs NumPy round by round 0.45×, 0.50×, 0.55×')).toBeLessThan(
      text.indexOf('book, 2 threads: vs NumPy round by round 0.70×, 0.75×, 0.80×'),
    );
  });

  it("name NumPy's OpenBLAS core and the pinned settings it ran without", () => {
    expect(text).toContain(
      "NumPy 2.4.6, OpenBLAS core SkylakeX, OPENBLAS_NUM_THREADS=1, without this machine's pinned OPENBLAS_CORETYPE=Haswell",
    );
  });
});
