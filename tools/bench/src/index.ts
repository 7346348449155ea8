import { loadMnist } from '@initlab/datasets';
import { MAX_THREADS, setBackend, type BackendChoice } from '@initlab/tensor';
import { resolveThreads, type ThreadsOption } from '@initlab/trainer';
import { messageOf } from './errors.js';
import { machineFacts, type MachineFacts } from './machine.js';
import { measureKernels, type KernelSection } from './kernels.js';
import { measurePeakRss, type MemoryResult } from './memory.js';
import { mnistDirectory, openblasEnvironment, probeNumpy, referenceScript } from './numpy.js';
import { BENCH_PRESETS, measurePreset, numpyPreset, type Parallelism, type PresetResult } from './presets.js';
import {
  BOOK_NETWORK,
  SEED_NETWORK,
  WARMUP_ITERATIONS,
  measureThroughput,
  numpyThroughput,
  type BenchNetwork,
  type NumpyComparison,
  type ThroughputResult,
} from './training.js';

/** The flags of `pnpm bench`. */
export interface BenchOptions {
  json?: boolean;
  /** Timed training iterations per network. */
  iterations: number;
  /** Iterations of every preset run and of the memory run, unless `full`. */
  presetIterations: number;
  /** Presets (and the memory run) at their own length. */
  full?: boolean;
  skipPresets?: boolean;
  skipNumpy?: boolean;
  data?: string;
  backend: BackendChoice;
  /** Threads per training run ('auto': every core for a single run). */
  threads: ThreadsOption;
}

/** What the suite ran, in its own words and numbers. */
export interface BenchPlan {
  iterations: number;
  warmupIterations: number;
  /** null: every preset run at its own length (`--full`). */
  presetIterations: number | null;
  /** Empty when `--skip-presets`. */
  presets: string[];
  /** Each preset runs once per entry: workers × threads per run. */
  presetLayouts: Parallelism[];
  backend: BackendChoice;
  /** Threads per run for the kernel and training figures (`training`; `trainingOneThread` has 1). */
  threads: number;
  /** Rounds of the book network's throughput, initlab and NumPy alternating; each keeps its best. */
  trainingRounds: number;
}

/** The NumPy side of the comparison: which NumPy and OpenBLAS kernel, and the reference trainer used. */
export type NumpySetup =
  | {
      version: string;
      threads: 1;
      /** The OpenBLAS kernel NumPy ran (e.g. "SkylakeX", "Haswell"); null where NumPy uses another BLAS. */
      openblasCore: string | null;
      reference: string | null;
      /** OPENBLAS_* settings NumPy ran with, besides OPENBLAS_NUM_THREADS=1. */
      openblasEnv: Record<string, string>;
      /** Pinned OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE found in the environment and left out of NumPy's. */
      openblasEnvRemoved: Record<string, string>;
      note?: string;
    }
  | { note: string };

/** What `pnpm bench --json` prints. */
export interface BenchResult {
  benchVersion: 1;
  machine: MachineFacts;
  plan: BenchPlan;
  numpy: NumpySetup;
  kernels: KernelSection;
  /** The book network, on `plan.threads` threads. */
  training: ThroughputResult;
  /** The book network on one thread; null when `plan.threads` is 1 (then `training` is that). */
  trainingOneThread: ThroughputResult | null;
  seedNetwork: ThroughputResult;
  /** null when `--skip-presets`. */
  presets: PresetResult[] | null;
  /** null where the peak could not be read (no GNU time and no /proc). */
  memory: MemoryResult | null;
}

/** The `numpy` section: which NumPy and OpenBLAS core the comparisons run on, or why there are none. */
export function numpySetup(skip: boolean): NumpySetup {
  if (skip) return { note: 'NumPy skipped (--skip-numpy)' };
  const probe = probeNumpy();
  if (probe === null) return { note: 'NumPy skipped: python3 with numpy not found' };
  const reference = referenceScript();
  const { kept, removed } = openblasEnvironment();
  const setup: NumpySetup = {
    version: probe.version,
    threads: 1,
    openblasCore: probe.openblasCore,
    reference,
    openblasEnv: kept,
    openblasEnvRemoved: removed,
  };
  if (reference === null) {
    const wanted = process.env.INITLAB_NUMPY_REFERENCE ?? 'reference/numpy_mlp.py';
    setup.note = `NumPy reference trainer ${wanted} not found: training compared with nothing`;
  }
  return setup;
}

/** Runs a NumPy comparison; its failure becomes a note, never the suite's. */
function guarded<T>(compare: () => T): T | { note: string } {
  try {
    return compare();
  } catch (error) {
    return { note: `NumPy failed: ${messageOf(error)}` };
  }
}

/**
 * Runs the whole suite on MNIST (read once): matmul kernels, training throughput of the book and seed networks,
 * preset wall times with 1 and N workers, peak RSS of `initlab run seed`, each beside NumPy where it can be.
 * `log` hears what starts next.
 */
export async function runBenchmarks(
  options: BenchOptions,
  log: (line: string) => void = () => {},
): Promise<BenchResult> {
  const machine = machineFacts();
  const plan: BenchPlan = {
    iterations: options.iterations,
    warmupIterations: WARMUP_ITERATIONS,
    presetIterations: options.full ? null : options.presetIterations,
    presets: options.skipPresets ? [] : [...BENCH_PRESETS],
    presetLayouts: presetLayouts(machine.cores),
    backend: options.backend,
    threads: resolveThreads(options.threads, machine.cores, 1),
    trainingRounds: TRAINING_ROUNDS,
  };
  const numpy = numpySetup(options.skipNumpy ?? false);
  const reference =
    'version' in numpy && numpy.reference !== null
      ? { script: numpy.reference, dataDir: mnistDirectory(options.data) }
      : null;
  const compare = (network: BenchNetwork): NumpyComparison | null =>
    reference ? guarded(() => numpyThroughput(network, options.iterations, reference.script, reference.dataDir)) : null;

  log('kernels: matmul on the MLP shapes');
  const dataset = await loadMnist({ dir: options.data, shared: true });
  const kernels = await measureKernels('version' in numpy, plan.threads, dataset, mnistDirectory(options.data));

  // Rounds alternate initlab (on all threads, then one) and NumPy, and each keeps its best: the machine's speed
  // drifts over minutes, and alternating exposes both sides to the same drift.
  let book: Omit<ThroughputResult, 'numpy'> | undefined;
  let bookOneThread: Omit<ThroughputResult, 'numpy'> | undefined;
  let bookNumpy: NumpyComparison | null = null;
  const ratios: number[] = [];
  const ratiosOneThread: number[] = [];
  for (let round = 1; round <= TRAINING_ROUNDS; round++) {
    log(`training: ${BOOK_NETWORK.description}, round ${round} of ${TRAINING_ROUNDS}`);
    await setBackend(options.backend, { threads: plan.threads });
    const own = await measureThroughput(BOOK_NETWORK, dataset, options.iterations);
    book = faster(book, own);
    let ownOneThread: typeof own | undefined;
    if (plan.threads > 1) {
      await setBackend(options.backend);
      ownOneThread = await measureThroughput(BOOK_NETWORK, dataset, options.iterations);
      bookOneThread = faster(bookOneThread, ownOneThread);
    }
    const numpyRound = compare(BOOK_NETWORK);
    bookNumpy = fasterNumpy(bookNumpy, numpyRound);
    if (numpyRound !== null && !('note' in numpyRound)) {
      ratios.push(own.samplesPerSecond / numpyRound.samplesPerSecond);
      if (ownOneThread) ratiosOneThread.push(ownOneThread.samplesPerSecond / numpyRound.samplesPerSecond);
    }
  }
  const training = { ...book!, numpy: bookNumpy, ...withRatios(ratios) };
  const trainingOneThread = bookOneThread
    ? { ...bookOneThread, numpy: bookNumpy, ...withRatios(ratiosOneThread) }
    : null;
  await setBackend(options.backend, { threads: plan.threads });
  log(`training: ${SEED_NETWORK.description}`);
  const seed = await measureThroughput(SEED_NETWORK, dataset, options.iterations);
  const seedNetwork = { ...seed, numpy: compare(SEED_NETWORK) };

  let presets: PresetResult[] | null = null;
  if (!options.skipPresets) {
    presets = [];
    for (const name of BENCH_PRESETS) {
      const layouts = plan.presetLayouts.map(({ workers, threads }) => `${workers} worker(s) × ${threads} thread(s)`);
      log(`presets: ${name} with ${layouts.join(', ')}`);
      const iterations = plan.presetIterations ?? undefined;
      const measured = await measurePreset(name, iterations, plan.presetLayouts, dataset, options.backend);
      const numpyTime = reference
        ? guarded(() => numpyPreset(name, iterations, reference.script, reference.dataDir))
        : null;
      presets.push({ ...measured, numpy: numpyTime });
    }
  }

  log('memory: peak RSS of initlab run seed');
  const memory = await measurePeakRss(plan.presetIterations ?? undefined, options.data);
  await setBackend(options.backend);
  return { benchVersion: 1, machine, plan, numpy, kernels, training, trainingOneThread, seedNetwork, presets, memory };
}

/** Rounds of the book network's throughput (initlab and NumPy alternating); the best of each counts. */
const TRAINING_ROUNDS = 5;

/** `roundRatios` of a throughput result, when there are any. */
export function withRatios(ratios: number[]): Pick<ThroughputResult, 'roundRatios'> {
  if (ratios.length === 0) return {};
  const sorted = [...ratios].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { roundRatios: { ratios, median } };
}

function faster<T extends { samplesPerSecond: number }>(best: T | undefined, next: T): T {
  return best && best.samplesPerSecond >= next.samplesPerSecond ? best : next;
}

/** The faster of two NumPy timings; a note only when there is no timing at all. */
function fasterNumpy(best: NumpyComparison | null, next: NumpyComparison | null): NumpyComparison | null {
  if (best === null || 'note' in best) return next ?? best;
  if (next === null || 'note' in next) return best;
  return faster(best, next);
}

/** One worker on one thread; one worker on every core; a worker per core, one thread each. */
function presetLayouts(cores: number): Parallelism[] {
  const layouts: Parallelism[] = [{ workers: 1, threads: 1 }];
  if (cores > 1) layouts.push({ workers: 1, threads: Math.min(cores, MAX_THREADS) }, { workers: cores, threads: 1 });
  return layouts;
}
