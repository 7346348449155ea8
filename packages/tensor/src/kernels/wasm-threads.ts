/**
 * The WASM SIMD matmul split over threads that share one WebAssembly memory: the calling thread
 * and `threads - 1` helpers (Node worker threads, or Web Workers), each running the same module.
 *
 * A product is two jobs: packing op(B) into panels (unless it is small), then the strips of C; or, where op(A) is
 * mostly zeros (wasm-sparse.ts), packing op(B) for Aᵀ·B, then compressing and multiplying strips of op(A)'s rows. Each job is cut into
 * chunks that every thread claims from a counter in the module's control block (matmul.wat's
 * `work`), so a thread slowed by the machine simply takes fewer chunks, and a helper that has
 * not started yet takes none: the calling thread always finishes the job. Every element of C is
 * one thread's dot product in the same order as on one thread, so results are bit-identical
 * whatever the thread count. Helpers wait for work by spinning for a short while (a training
 * step leaves only microseconds between products), then sleep on `Atomics.wait`.
 */
import { BackendError } from '../backend-error.js';
import { advance, blockingUnavailable, waitUntil, type WaitOptions } from '../sync.js';
import { decodeBase64, HeapViews, SHARED_MAX_PAGES } from './heap-views.js';
import type { MatmulKernel } from './types.js';
import type { WasmKernelOptions } from './wasm-simd.js';
import { sparseLayout, sparseShape, takesSparsePath } from './wasm-sparse.js';
import { copyOperands, layout, PANEL_COLUMNS, scratchOf, TILE_ROWS, type MatmulExports } from './wasm-layout.js';
export { MAX_THREADS } from './wasm-layout.js';
import { MATMUL_RELAXED_THREADS_WASM_BASE64 } from './wasm/matmul-relaxed-threads-bytes.generated.js';
import { MATMUL_THREADS_WASM_BASE64 } from './wasm/matmul-threads-bytes.generated.js';

/**
 * Products below this many FLOPs run on the calling thread's own one-thread kernel: splitting them costs more than
 * it saves. Training the book network measured 1.3× faster on two threads with the 2.6 MFLOP hidden-layer products
 * split than with them on one thread.
 */
export const MIN_THREADED_FLOPS = 1_000_000;
/** op(B) smaller than this many floats is packed by the calling thread: a job's hand-off costs about as much. */
const MIN_SHARED_PACKING = 32_768;
/** How long an idle helper spins before it sleeps: longer than the gaps between a training step's products. */
const SPIN_MS = 2;
/**
 * How long the calling thread spins for chunks a helper still computes before it sleeps until one is done: a
 * chunk takes tens of microseconds, a wake-up from sleep about as long.
 */
const WAIT_SPIN_MS = 0.2;
/** How long the calling thread waits for chunks claimed by a helper before giving up on it. */
const STALL_MS = 30_000;

// Control block, as i32 indices (matmul.wat's `work` documents its fields).
const WAKE = 0;
const NEXT = 1;
const DONE = 2;
const SLEEPERS = 3;
const KIND = 4;
const CHUNKS = 5;
const UNITS = 6;
const A = 7;
const A_STEP = 8;
const A_STRIP = 9;
const PANEL = 10;
const C = 11;
const M = 12;
const K = 13;
const N = 14;
const A_SOURCE = 15;
const B = 16;
const TRANSPOSE_B = 17;
const STOP = 18;
const HOST_SLEEPS = 19;
const ROW_PTR = 20;
const COLS = 21;
const VALS = 22;
const A_STORED = 24;
const TRANSPOSE_A = 25;

/** A chunk index beyond every job's chunks (at most 4 per thread): `next` with it gives nothing to claim. */
const CLOSED = 0xffff;

const PACK_B = 0;
const GEMM = 1;
const SPARSE = 2;

interface ThreadedExports extends MatmulExports {
  /** Runs chunks of the job tagged `tag` until none is left to claim; returns how many it ran. */
  work(tag: number, scratch: number): number;
}

/** A helper thread, whichever kind this platform has. */
interface Helper {
  terminate(): void;
}

/**
 * The body of every helper, as source: it runs in a worker made from a string, so it may use nothing
 * but its message. `start` is called once with the compiled module and the shared memory.
 */
const HELPER_SOURCE = `
const waitUntil = ${waitUntil.toString()};
const start = ({ module, memory, scratch }) => {
  const { work } = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(memory.buffer, 0, 32);
  const waiting = { spinMs: ${SPIN_MS}, sleepersAt: ${SLEEPERS} };
  let seen = Atomics.load(control, ${WAKE});
  for (;;) {
    waitUntil(control, ${WAKE}, (wake) => wake !== seen, waiting);
    seen = Atomics.load(control, ${WAKE});
    if (Atomics.load(control, ${STOP})) return;
    work(seen & 0x7fff, scratch);
  }
};
`;

type NodeWorkerThreads = typeof import('node:worker_threads');

/** `node:worker_threads` where this is Node (read synchronously, unseen by bundlers), else null. */
function nodeWorkerThreads(): NodeWorkerThreads | null {
  const host = typeof process === 'object' ? process : undefined;
  if (typeof host?.versions?.node !== 'string' || typeof host.getBuiltinModule !== 'function') return null;
  return host.getBuiltinModule('node:worker_threads') as NodeWorkerThreads;
}

function spawnHelper(start: { module: WebAssembly.Module; memory: WebAssembly.Memory; scratch: number }): Helper {
  const node = nodeWorkerThreads();
  if (node) {
    const worker = new node.Worker(`${HELPER_SOURCE}\nstart(require('node:worker_threads').workerData);`, {
      eval: true,
      workerData: start,
    });
    // Helpers never keep a process alive: an idle one sleeps in Atomics.wait until the process ends.
    worker.unref();
    return worker;
  }
  const url = URL.createObjectURL(
    new Blob([`${HELPER_SOURCE}\nonmessage = (event) => start(event.data);`], { type: 'text/javascript' }),
  );
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  worker.postMessage(start);
  return worker;
}

/** Why this engine cannot run the threaded kernel, or null when it can. */
export function threadsUnavailable(): string | null {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') {
    return 'SharedArrayBuffer is unavailable here (in a browser the page must be cross-origin isolated)';
  }
  if (!nodeWorkerThreads() && typeof Worker !== 'function') return 'this engine cannot start worker threads';
  return null;
}

/** A threaded matmul and the means to stop its helpers. */
export interface ThreadedMatmul {
  matmul: MatmulKernel;
  dispose(): void;
}

/**
 * The threaded kernel on `threads` threads (the caller's included), relaxed SIMD or plain; null where the engine
 * lacks what it needs (SIMD, relaxed SIMD, shared memory or workers).
 */
export function createThreadedMatmul(
  threads: number,
  relaxed: boolean,
  single: MatmulKernel,
  { sparse = true, observe }: WasmKernelOptions = {},
): ThreadedMatmul | null {
  if (threadsUnavailable() !== null) return null;
  const bytes = decodeBase64(relaxed ? MATMUL_RELAXED_THREADS_WASM_BASE64 : MATMUL_THREADS_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return null;
  const module = new WebAssembly.Module(bytes);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ThreadedExports;
  const heap = new HeapViews(memory);
  const control = new Int32Array(memory.buffer, 0, 32);
  const start = exports.operandsStart.value as number;
  exports.initTables();
  const helpers: Helper[] = [];
  for (let t = 1; t < threads; t++) helpers.push(spawnHelper({ module, memory, scratch: scratchOf(t) }));
  let tag = 0;

  /** Runs one job over `chunks` chunks of `units` units each, on every thread that claims a chunk. */
  const runJob = (kind: number, chunks: number, units: number): void => {
    tag = (tag + 1) & 0x7fff;
    // Closed under the new tag first: a helper still in the last job must not claim a chunk of this one
    // while its fields change (it would read a chunk count from this job and a counter from the last).
    Atomics.store(control, NEXT, (tag << 16) | CLOSED);
    control[KIND] = kind;
    control[CHUNKS] = chunks;
    control[UNITS] = units;
    Atomics.store(control, DONE, 0);
    Atomics.store(control, NEXT, tag << 16);
    advance(control, WAKE, SLEEPERS);
    exports.work(tag, scratchOf(0));
    waitForChunks(chunks);
  };

  /**
   * Waits until helpers finish the chunks they claimed: spinning briefly, then sleeping until a helper's
   * notify, so that on a machine with more busy threads than cores the helper gets the core it needs.
   */
  let awaited = 0;
  let deadline = 0;
  const allDone = (done: number) => done === awaited;
  const chunkWait: WaitOptions = {
    spinMs: WAIT_SPIN_MS,
    napMs: 1,
    sleepersAt: HOST_SLEEPS,
    // A browser's main thread may not block: it spins instead.
    mayBlock: blockingUnavailable() === undefined,
    giveUp: () => {
      if (performance.now() <= deadline) return false;
      throw new BackendError(
        `a matmul helper thread stopped responding for ${STALL_MS / 1000} s; use the cpu backend with threads: 1`,
      );
    },
  };
  const waitForChunks = (chunks: number): void => {
    if (Atomics.load(control, DONE) === chunks) return;
    awaited = chunks;
    deadline = performance.now() + STALL_MS;
    waitUntil(control, DONE, allDone, chunkWait);
  };

  /** Chunks of about 1/(4·threads) of the work, at least one unit each, so a slow thread holds up little. */
  const chunking = (units: number): [chunks: number, perChunk: number] => {
    const perChunk = Math.max(1, Math.ceil(units / (4 * threads)));
    return [Math.ceil(units / perChunk), perChunk];
  };

  /** op(B) into panels at the product's PANEL (set by the caller): on this thread when small, else as a job. */
  const packPanels = (k: number, n: number, transposeB: boolean): void => {
    control[TRANSPOSE_B] = transposeB ? 1 : 0;
    if (k * n < MIN_SHARED_PACKING) exports.packB(control[B], control[PANEL], k, n, transposeB ? 1 : 0, n);
    else runJob(PACK_B, ...chunking(Math.ceil(n / PANEL_COLUMNS)));
  };

  const matmul: MatmulKernel = (a, b, out, m, k, n, transposeA, transposeB) => {
    const at = layout(start, m, k, n, transposeA);
    const sp = sparse && sparseShape(n, transposeB) ? sparseLayout(at.end, m, k, transposeA) : null;
    const end = sp ? sp.end : at.end;
    // Small products, and those beyond the shared memory's maximum, run on the calling thread's own kernel.
    if (2 * m * k * n < MIN_THREADED_FLOPS || end > SHARED_MAX_PAGES * 65536) {
      single(a, b, out, m, k, n, transposeA, transposeB);
      return;
    }
    heap.reserve(end);
    copyOperands(heap.heap, at, a, b, m, k, n, transposeB);
    control[M] = m;
    control[K] = k;
    control[N] = n;
    control[B] = at.b;
    control[C] = at.c;
    control[PANEL] = at.panels;
    const sparsePath = sp !== null && takesSparsePath(exports, at, sp, m, k, n, transposeA);
    if (sparsePath) {
      control[ROW_PTR] = sp.rowPtr;
      control[COLS] = sp.cols;
      control[VALS] = sp.vals;
      control[A_STORED] = at.a;
      control[TRANSPOSE_A] = transposeA ? 1 : 0;
      if (transposeA) packPanels(k, n, false);
      runJob(SPARSE, ...chunking(Math.ceil(m / TILE_ROWS)));
    } else {
      control[A] = at.strips;
      control[A_STEP] = at.aStep;
      control[A_STRIP] = at.aStrip;
      control[A_SOURCE] = transposeA ? 0 : at.a;
      packPanels(k, n, transposeB);
      runJob(GEMM, ...chunking(Math.ceil(m / TILE_ROWS)));
    }
    out.set(heap.view(at.c >> 2, m * n));
    observe?.(sparsePath ? 'sparse' : 'dense');
  };

  return {
    matmul,
    dispose() {
      Atomics.store(control, STOP, 1);
      advance(control, WAKE);
      for (const helper of helpers) helper.terminate();
      helpers.length = 0;
    },
  };
}
