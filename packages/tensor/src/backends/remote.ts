import { BackendError, type Backend } from '../backend.js';
import type { MatmulKernel } from '../kernels/types.js';
import { blockingUnavailable, exchange, publish, waitUntil } from '../sync.js';

/**
 * A backend whose matmul finishes later, e.g. gpu.js's WebGPU kernels, which read results back only
 * through a Promise. The training step is synchronous, so such a backend cannot serve it directly:
 * `serveRemoteBackend` runs it on one agent and `connectRemoteBackend` blocks on another until it answers.
 */
export interface AsyncBackend {
  /** The real name of what computes, e.g. `gpujs:webgpu`. */
  readonly name: string;
  /** Finer detail, e.g. which adapter. */
  readonly detail?: string;
  /** `out (m×n) = op(A)·op(B)`, with the arguments of `Backend['matmul']`; resolves once `out` holds the product. */
  matmul(...args: Parameters<MatmulKernel>): Promise<void>;
  /** Frees what it holds (e.g. compiled kernels). */
  dispose?(): void;
}

/**
 * What a client needs to reach a served backend: post it to a worker (it is structured-cloneable) and
 * pass it to `connectRemoteBackend` there.
 */
export interface RemoteBackendLink {
  /** A growable SharedArrayBuffer: a small header, then A, B and C of the current product. */
  readonly buffer: SharedArrayBuffer;
  /** The served backend's name, which the client takes as its own. */
  readonly name: string;
  /** The served backend's detail. */
  readonly detail?: string;
}

/** Options of `serveRemoteBackend`. */
export interface ServeRemoteOptions {
  /** The most shared memory one product may use (A, B and C as float32 plus 32 bytes). Default 1 GiB, reserved as address space only. */
  maxBytes?: number;
}

/** The serving side: hand `link` to a client; `close()` stops serving and makes a waiting client fail. */
export interface RemoteBackendServer {
  /** What the client connects with. */
  readonly link: RemoteBackendLink;
  /** Resolves when serving stops: at `close()` here, or once the client's `dispose()` is seen. */
  readonly closed: Promise<void>;
  /** Stops serving; a client waiting on a matmul wakes with a BackendError, later calls fail at once. */
  close(): void;
}

/** Options of `connectRemoteBackend`. */
export interface ConnectRemoteOptions {
  /** How long one matmul may take before the client gives up with a BackendError. Default 60 000 ms. */
  timeoutMs?: number;
}

// Header, as Int32 slots: the state every side waits on (0 before the first request), then the product's shape.
const STATE = 0;
const M = 1;
const K = 2;
const N = 3;
const FLAGS = 4;
const MESSAGE_BYTES = 5;
const HEADER_BYTES = 32;

const REQUEST = 1;
const DONE = 2;
const FAILED = 3;
const CLOSED = 4;

const TRANSPOSE_A = 1;
const TRANSPOSE_B = 2;

const INITIAL_BYTES = 64 * 1024;
const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

// Growable SharedArrayBuffers and Atomics.waitAsync are ES2024; the project's lib is ES2022.
interface GrowableSharedArrayBuffer extends SharedArrayBuffer {
  readonly growable?: boolean;
  readonly maxByteLength: number;
  grow(byteLength: number): void;
}
type GrowableSharedArrayBufferConstructor = new (
  byteLength: number,
  options: { maxByteLength: number },
) => GrowableSharedArrayBuffer;
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };

function bytesFor(m: number, k: number, n: number): number {
  return HEADER_BYTES + 4 * (m * k + k * n + m * n);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serves `backend` to one client on another agent (a Web Worker, a Node worker thread) over shared memory:
 * the client writes A, B and the shape into the link's buffer and blocks; this agent runs the async matmul,
 * writes C and wakes it. A rejected matmul reaches the client as a BackendError with its message.
 * Needs SharedArrayBuffer (in a browser: a cross-origin isolated page) and `Atomics.waitAsync`, which this
 * agent waits with so that its event loop stays free; throws BackendError, saying which is missing, without them.
 * Serve one link per client; several links may share one backend.
 */
export function serveRemoteBackend(backend: AsyncBackend, options: ServeRemoteOptions = {}): RemoteBackendServer {
  const { maxBytes = DEFAULT_MAX_BYTES } = options;
  if (typeof SharedArrayBuffer !== 'function') {
    throw new BackendError(
      `${backend.name} cannot be served here: SharedArrayBuffer is unavailable ` +
        '(a page must be cross-origin isolated: Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp)',
    );
  }
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  if (typeof waitAsync !== 'function') {
    throw new BackendError(`${backend.name} cannot be served here: this engine lacks Atomics.waitAsync`);
  }
  if (!(Number.isInteger(maxBytes) && maxBytes >= INITIAL_BYTES)) {
    throw new BackendError(`maxBytes must be an integer of at least ${INITIAL_BYTES}, got ${maxBytes}`);
  }
  const buffer = new (SharedArrayBuffer as unknown as GrowableSharedArrayBufferConstructor)(INITIAL_BYTES, {
    maxByteLength: maxBytes,
  });
  if (buffer.growable !== true) {
    throw new BackendError(`${backend.name} cannot be served here: this engine cannot grow a SharedArrayBuffer`);
  }
  const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
  // Without a length the view follows the buffer as the client grows it.
  const data = new Float32Array(buffer, HEADER_BYTES);
  let open = true;

  const answer = async (): Promise<void> => {
    const m = header[M];
    const k = header[K];
    const n = header[N];
    const flags = header[FLAGS];
    let outcome = DONE;
    try {
      const a = data.subarray(0, m * k);
      const b = data.subarray(m * k, m * k + k * n);
      const out = data.subarray(m * k + k * n, m * k + k * n + m * n);
      await backend.matmul(a, b, out, m, k, n, (flags & TRANSPOSE_A) !== 0, (flags & TRANSPOSE_B) !== 0);
    } catch (error) {
      outcome = FAILED;
      const encoded = new TextEncoder().encode(messageOf(error));
      const length = Math.min(encoded.length, buffer.byteLength - HEADER_BYTES);
      new Uint8Array(buffer, HEADER_BYTES, length).set(encoded.subarray(0, length));
      header[MESSAGE_BYTES] = length;
    }
    // A close() while the matmul ran has already answered the client.
    exchange(header, STATE, REQUEST, outcome);
  };

  // Node does not count a pending Atomics.waitAsync as work: a thread with nothing else to do would exit while serving.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const finish = () => {
    open = false;
    clearInterval(keepAlive);
    markClosed();
  };

  const serve = async (): Promise<void> => {
    while (open) {
      const state = Atomics.load(header, STATE);
      if (state === CLOSED) break;
      if (state === REQUEST) {
        await answer();
        continue;
      }
      const wait = waitAsync(header, STATE, state);
      if (wait.async) await wait.value;
    }
  };
  void serve().finally(finish);

  return {
    link: { buffer, name: backend.name, ...(backend.detail === undefined ? {} : { detail: backend.detail }) },
    closed,
    // Also when a matmul never settles (a lost device): the client is answered now, whatever it does.
    close() {
      publish(header, STATE, CLOSED);
      finish();
    },
  };
}

/**
 * The client end of `serveRemoteBackend`: a synchronous Backend, named as the served one, whose matmul
 * copies A and B into shared memory, wakes the serving agent and blocks with `Atomics.wait` until C is back
 * (so it runs only where blocking is allowed: a worker, or Node's main thread). Grows the shared buffer when
 * a product needs more. Throws BackendError when the served matmul fails, when the server has closed, and
 * when no answer comes within `timeoutMs` (after which every call fails: the served side may still be
 * writing). `dispose()` stops the server.
 */
export function connectRemoteBackend(link: RemoteBackendLink, options: ConnectRemoteOptions = {}): Backend {
  const { timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const { name } = link;
  if (!(timeoutMs > 0)) throw new BackendError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const buffer = link.buffer as GrowableSharedArrayBuffer;
  const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
  const data = new Float32Array(buffer, HEADER_BYTES);
  const cannotBlock = blockingUnavailable();
  if (cannotBlock !== undefined) {
    throw new BackendError(
      `${name} cannot be reached from here: this thread may not block (${cannotBlock}); connect from a worker`,
    );
  }
  let broken: BackendError | undefined;

  const matmul: Backend['matmul'] = (a, b, out, m, k, n, transposeA, transposeB) => {
    if (broken) throw broken;
    const needed = bytesFor(m, k, n);
    if (needed > buffer.byteLength) {
      if (needed > buffer.maxByteLength) {
        throw new BackendError(
          `${name}: a ${m}×${k}·${k}×${n} product needs ${needed} bytes of shared memory, more than the link's ${buffer.maxByteLength} (the server's maxBytes)`,
        );
      }
      buffer.grow(Math.min(buffer.maxByteLength, Math.max(needed, 2 * buffer.byteLength)));
    }
    header[M] = m;
    header[K] = k;
    header[N] = n;
    header[FLAGS] = (transposeA ? TRANSPOSE_A : 0) | (transposeB ? TRANSPOSE_B : 0);
    data.set(a.subarray(0, m * k), 0);
    data.set(b.subarray(0, k * n), m * k);
    const previous = Atomics.load(header, STATE);
    if (previous === CLOSED || !exchange(header, STATE, previous, REQUEST)) {
      throw new BackendError(`${name}: the agent serving it has closed`);
    }
    const deadline = performance.now() + timeoutMs;
    const answered = waitUntil(header, STATE, (state) => state !== REQUEST, {
      spinMs: 0,
      napMs: timeoutMs,
      giveUp: () => performance.now() >= deadline,
    });
    if (!answered) {
      broken = new BackendError(
        `${name}: no answer within ${timeoutMs} ms from the agent serving it (a lost device or a stalled agent?); ` +
          'later matmuls on this backend fail too',
      );
      throw broken;
    }
    const state = Atomics.load(header, STATE);
    if (state === DONE) {
      const start = m * k + k * n;
      out.set(data.subarray(start, start + m * n));
      return;
    }
    if (state === FAILED) {
      const message = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, header[MESSAGE_BYTES]).slice());
      throw new BackendError(`${name} failed on a ${m}×${k}·${k}×${n} product: ${message}`);
    }
    throw new BackendError(`${name}: the agent serving it closed during a matmul`);
  };

  return {
    name,
    detail: `${link.detail ?? name}, served by another agent over shared memory`,
    matmul,
    dispose() {
      publish(header, STATE, CLOSED);
    },
  };
}
