import { getPreset, mergeRun, type ExperimentConfig } from '@initlab/trainer';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withRatios, type BenchResult } from '../src/index.js';
import { referenceArgs } from '../src/numpy.js';
import { KERNEL_SHAPES } from '../src/kernels.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** The built suite, as `pnpm bench` runs it. */
function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectPositive(value: unknown) {
  expect(typeof value).toBe('number');
  expect(Number.isFinite(value as number) && (value as number) > 0, String(value)).toBe(true);
}

/** The cpu kernel's name on one thread, e.g. `cpu:wasm-relaxed-simd`. */
function cpuDetail(result: BenchResult): string {
  return result.kernels.results[0].backend;
}

describe('pnpm bench', () => {
  it('prints the documented JSON, and nothing else, with a test-size configuration', async () => {
    const { code, stdout, stderr } = await bench([
      '--json',
      '--iterations',
      '50',
      '--preset-iterations',
      '10',
      '--skip-presets',
      '--skip-numpy',
    ]);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as BenchResult;
    expect(result.benchVersion).toBe(1);

    expect(result.machine.cores).toBeGreaterThanOrEqual(1);
    expect(result.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(result.machine.date))).toBe(false);
    expect(result.machine.cpu.length).toBeGreaterThan(0);
    expect(result.plan).toMatchObject({ iterations: 50, presetIterations: 10, presets: [], backend: 'auto' });
    // --threads auto: a single run gets every core
    expect(result.plan.threads).toBe(Math.min(result.machine.cores, 16));
    expect(result.training.threads).toBe(result.plan.threads);
    if (result.plan.threads > 1) {
      expect(result.trainingOneThread).toMatchObject({
        threads: 1,
        layers: [784, 100, 100, 100, 100, 10],
        iterations: 50,
      });
      expect(result.kernels.results.map((entry) => entry.backend)).toContain(
        `${cpuDetail(result)}×${result.plan.threads}`,
      );
    } else {
      expect(result.trainingOneThread).toBeNull();
    }
    expect(result.numpy).toEqual({ note: 'NumPy skipped (--skip-numpy)' });
    expect(result.plan.trainingRounds).toBe(5);
    expect(result.training.roundRatios).toBeUndefined();

    expect(result.kernels.shapes.map(({ m, k, n }) => [m, k, n])).toEqual([
      [128, 784, 100],
      [784, 128, 100],
      [128, 100, 784],
      [128, 100, 100],
      [128, 784, 100],
      [784, 128, 100],
    ]);
    expect(result.kernels.shapes.map((shape) => shape.mnist === true)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    // the first 128 MNIST training images: about one value in five is nonzero
    expect(result.kernels.mnistDensity).toBeGreaterThan(0.1);
    expect(result.kernels.mnistDensity).toBeLessThan(0.3);
    expect(result.kernels.numpy).toBeNull();
    const cpu = result.kernels.results[0];
    expect(cpu.backend).toMatch(/^cpu/);
    expect(cpu.gpu).toBe(false);
    expect(cpu.gflops).toHaveLength(KERNEL_SHAPES.length);
    for (const entry of result.kernels.results) {
      if (entry.gflops === null) expect(entry.note).toMatch(/not measured/);
      else entry.gflops.forEach(expectPositive);
    }

    for (const [network, layers, batchSize] of [
      [result.training, [784, 100, 100, 100, 100, 10], 128],
      [result.seedNetwork, [784, 50, 10], 100],
    ] as const) {
      expect(network).toMatchObject({ layers, batchSize, iterations: 50, numpy: null });
      expectPositive(network.seconds);
      expectPositive(network.iterationsPerSecond);
      expectPositive(network.samplesPerSecond);
      expect(network.samplesPerSecond / network.iterationsPerSecond).toBeCloseTo(batchSize, 6);
      // On two threads a helper thread computes the second half of every timed step.
      expect(network.helperSteps).toBe(network.threads > 1 ? network.iterations : 0);
    }

    expect(result.presets).toBeNull();
    if (result.memory !== null) {
      expect(result.memory).toMatchObject({
        command: 'initlab run seed --iterations 10 --out <temporary directory>',
        targetMB: 300,
      });
      expectPositive(result.memory.peakRssMB);
      expect(result.memory.withinTarget).toBe(result.memory.peakRssMB <= 300);
    }
    expect(stderr).toContain('bench: kernels');
  });

  it('refuses a --threads count it cannot use (exit 2)', async () => {
    const { code, stderr } = await bench(['--threads', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain("--threads must be 'auto' or a whole number from 1 to 16, got '0'");
  });

  it('refuses --full together with --preset-iterations (exit 2)', async () => {
    const { code, stderr } = await bench(['--full', '--preset-iterations', '100']);
    expect(code).toBe(2);
    expect(stderr).toContain('--full');
  });
});

describe('round-by-round ratios', () => {
  it('keeps every round and their median, none without NumPy rounds', () => {
    expect(withRatios([0.5, 0.7, 0.6])).toEqual({ roundRatios: { ratios: [0.5, 0.7, 0.6], median: 0.6 } });
    expect(withRatios([0.8, 0.4, 0.6, 0.5]).roundRatios?.median).toBeCloseTo(0.55, 12);
    expect(withRatios([])).toEqual({});
  });
});

describe('the NumPy reference command', () => {
  const runs = (name: string) => {
    const config = getPreset(name) as ExperimentConfig;
    return (config.runs ?? []).map((run) => mergeRun(config.base, run));
  };

  it("expresses every book-compare run with the reference's flags", () => {
    expect(runs('book-compare').map((run) => referenceArgs(run))).toEqual(
      ['std0.01', 'xavier', 'he'].map((init) => ({
        args: ['--dtype', 'float32', '--activation', 'relu', '--init', init, '--lr', '0.01', '--batch', '128'],
      })),
    );
  });

  it('says why it cannot train the seed network or another σ', () => {
    for (const run of runs('seed-scale'))
      expect(referenceArgs(run)).toEqual({ reason: expect.stringContaining('784-50-10') });
    const book = runs('book-compare')[0];
    expect(referenceArgs({ ...book, initializer: { name: 'normal', std: 0.1 } })).toEqual({
      reason: expect.stringContaining('σ = 0.01'),
    });
    expect(referenceArgs({ ...book, optimizer: { name: 'adam', lr: 0.001 } })).toEqual({
      reason: expect.stringContaining('plain SGD'),
    });
  });
});
