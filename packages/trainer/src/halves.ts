/**
 * A training step over the two halves of its batch. The batch's gradient is the first half's share plus the
 * second half's (`MultiLayerNet.partialGradient`), each summed over its rows, and so is its loss. One thread
 * computes the whole batch with every sum over rows split at the half (no cost beyond an addition); where
 * there are threads to spare, a helper thread computes the second half on a replica of the network (it gets
 * the weights before each step) while this thread computes the first. Both give the same numbers, so a run's
 * results do not depend on its threads, and two threads split a step into two independent halves with no
 * hand-off inside it. Against one sum over the whole batch, only the rounding of dW, db and the loss differs.
 */
import { fromTransferable, toTransferable, type Dataset, type TransferableDataset } from '@initlab/datasets';
import { MultiLayerNet, parameterCount, type ActivationName } from '@initlab/layers';
import {
  addScaled,
  cpuBackend,
  createRng,
  createSharedMemory,
  getBackend,
  Matrix,
  runWithBackend,
  useBackend,
  type Backend,
  type CpuKernelChoice,
} from '@initlab/tensor';
import { messageOf } from './errors.js';
import { Classifier } from './evaluate.js';
import { helperWorkerFactory } from './platform.js';
import { isNode } from './runtime.js';
import type { WorkerLike } from './pool.js';

let customFactory: (() => WorkerLike) | null | undefined;

/**
 * How this thread starts the helper threads of its runs: `factory` makes a worker that answers a `helper`
 * message with `serveHelper` (the trainer's worker entry does; in a browser, an app's own entry that listens
 * from its first line, as a Web Worker drops messages that arrive before a listener), one run after another.
 * `null`: no helpers; `undefined`: the default (Node: a worker thread running the trainer's worker entry; a
 * browser: none). Idle helpers of the previous factory stop.
 */
export function setHelperWorkerFactory(factory: (() => WorkerLike) | null | undefined): void {
  customFactory = factory;
  for (const worker of idle.splice(0)) void worker.terminate();
}

/** The factory in force here, or undefined where this thread may not block waiting for a helper. */
function helperFactory(): (() => WorkerLike) | undefined {
  const factory = customFactory === undefined ? helperWorkerFactory() : (customFactory ?? undefined);
  return factory && canBlock() ? factory : undefined;
}

let blocks: boolean | undefined;

/** Whether `Atomics.wait` may block here (not on a page's main thread); tried once per thread. */
function canBlock(): boolean {
  if (blocks === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocks = true;
    } catch {
      blocks = false;
    }
  }
  return blocks;
}

/** Batches of at least this many rows are computed as two halves; smaller ones whole. */
export const MIN_SPLIT_BATCH = 32;

/**
 * Whether a run's steps go over two halves: a net that computes parts of a batch (no batch normalization, no
 * dropout), and a batch worth splitting.
 */
export function splitsSteps(net: { batchNorm?: boolean; dropout?: number }, batchSize: number): boolean {
  return !net.batchNorm && !(net.dropout ?? 0) && batchSize >= MIN_SPLIT_BATCH;
}

/**
 * Cores that the workers of a pool have left idle, their jobs run out, counted in shared memory: a run on one
 * thread that is still going claims one and starts its helper thread on it (every later step then splits in
 * two), and gives it back when it ends. A pool's workers share one; `offerSpareCores` hands it to runs here.
 */
export class SpareCores {
  private readonly count: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.count = new Int32Array(buffer, 0, 1);
  }

  /** A count of none, or undefined where this engine has no shared memory. */
  static create(): SpareCores | undefined {
    return typeof SharedArrayBuffer === 'function' ? new SpareCores(new SharedArrayBuffer(4)) : undefined;
  }

  /** `cores` more are idle. */
  give(cores: number): void {
    Atomics.add(this.count, 0, cores);
  }

  /** Takes one idle core, if there is one. Cheap enough to ask at every step. */
  claim(): boolean {
    for (let now = Atomics.load(this.count, 0); now > 0; now = Atomics.load(this.count, 0)) {
      if (Atomics.compareExchange(this.count, 0, now, now - 1) === now) return true;
    }
    return false;
  }

  /** Cores idle now. */
  get idle(): number {
    return Atomics.load(this.count, 0);
  }
}

let offered: SpareCores | undefined;

/** Lets runs on one thread built here from now on take a core `spare` says is idle (a pool's worker does this); undefined: none. */
export function offerSpareCores(spare: SpareCores | undefined): void {
  offered = spare;
}

/** What a helper thread is sent: its shared memory and how to build its replica. */
export interface HelperMessage {
  type: 'helper';
  memory: SharedArrayBuffer;
  net: { inputSize: number; hiddenSizes: number[]; outputSize: number; activation: ActivationName };
  batchSize: number;
  /** The second half is rows [first, batchSize) of the batch. */
  first: number;
  dataset: TransferableDataset;
  /** Threads per product on the helper's backend. */
  threads: number;
  /** The kernel the run computes with (`detail` without `×N`): the helper must get the same one. */
  kernel: string;
  /** Rows per chunk when the helper counts correct predictions (the run's `evaluation.chunkSize`). */
  chunkSize: number;
}

// The shared memory: control words, the second half's loss, the batch's sample indices, the parameters (where
// the run's net keeps them, and the helper's replica reads them), then the helper's share of their gradients.
const STEP = 0;
const DONE = 1;
const STATE = 2;
const STOP = 3;
/** What the next STEP asks: the second half of a batch, or a count of correct predictions. */
const TASK = 4;
const TASK_STEP = 0;
const TASK_COUNT = 1;
/** A count's arguments (which split: 0 train, 1 test; samples [start, end)) and its answer. */
const COUNT_SPLIT = 5;
const COUNT_START = 6;
const COUNT_END = 7;
const COUNT_RESULT = 8;
const STARTING = 0;
const READY = 1;
const FAILED = 2;
const LOSS_AT = 64;
const INDICES_AT = 128;
/**
 * How long a waiting thread polls before it sleeps: the halves of a step end within a fraction of a millisecond
 * of each other, and a step follows the last within about as much; waking a sleeping thread costs tens of
 * microseconds, on a virtual machine more.
 */
const SPIN_MS = 3;
/** A helper that has not answered a step in this long is given up, and this thread computes its half. */
const HELPER_TIMEOUT_MS = 10_000;

function align(bytes: number): number {
  return (bytes + 63) & ~63;
}

interface Layout {
  values: number;
  /** The helper's share of the gradient. */
  grads: number;
  /** The run's own gradient, to which it adds the helper's. */
  ownGrads: number;
  bytes: number;
}

function layoutFor(batchSize: number, paramCount: number): Layout {
  const values = align(INDICES_AT + batchSize * 4);
  const grads = align(values + paramCount * 4);
  const ownGrads = align(grads + paramCount * 4);
  return { values, grads, ownGrads, bytes: align(ownGrads + paramCount * 4) };
}

/**
 * The memory a run shares with its helper thread, where one can run: `values` and `grads` are where the run's net
 * keeps its parameters and their gradients (`MultiLayerNetOptions.parameters`), so the helper's replica reads the
 * weights without a copy. It is a WebAssembly memory where the engine allows (tensor's `createSharedMemory`), so
 * that adding the helper's gradient and the update run there in place: copies into and out of shared memory cost
 * several times a plain copy.
 */
export class HelperMemory {
  readonly values: Float32Array;
  readonly grads: Float32Array;

  private constructor(
    readonly memory: SharedArrayBuffer,
    readonly layout: Layout,
    readonly dataset: TransferableDataset,
    readonly paramCount: number,
    /** The run's backend (`cpu`) and how to start its helper, as they were checked. */
    readonly backend: Backend & Required<Pick<Backend, 'withThreads'>>,
    readonly factory: () => WorkerLike,
    /** On one thread: where the run claims a core for its helper, mid-run. */
    readonly spare: SpareCores | undefined,
  ) {
    this.values = new Float32Array(memory, layout.values, paramCount);
    this.grads = new Float32Array(memory, layout.ownGrads, paramCount);
  }

  /**
   * Memory for a helper of a run with these parameters, where the current backend is `cpu` on two threads or
   * more (or on one, where spare cores are offered here: `offerSpareCores`), this engine can start a helper,
   * and the dataset is in shared memory; else undefined.
   */
  static for(dataset: Dataset, batchSize: number, paramCount: number): HelperMemory | undefined {
    const backend = getBackend();
    const factory = helperFactory();
    // A helper started mid-run must load without this thread's event loop, which a Web Worker's nested worker needs.
    const spare = (backend.threads ?? 1) < 2 && isNode() ? offered : undefined;
    if (backend.name !== 'cpu' || ((backend.threads ?? 1) < 2 && !spare) || !backend.withThreads || !factory) return undefined;
    let transfer: TransferableDataset;
    try {
      transfer = toTransferable(dataset);
    } catch {
      return undefined; // not in shared memory: a helper would need its own copy of the dataset
    }
    const layout = layoutFor(batchSize, paramCount);
    const withThreads = backend as Backend & Required<Pick<Backend, 'withThreads'>>;
    const memory = createSharedMemory(layout.bytes) ?? new SharedArrayBuffer(layout.bytes);
    return new HelperMemory(memory, layout, transfer, paramCount, withThreads, factory, spare);
  }
}

/** `detail` without the thread count: `cpu:wasm-relaxed-simd×2` → `cpu:wasm-relaxed-simd`. */
function kernelOf(backend: Backend): string {
  return (backend.detail ?? backend.name).replace(/×\d+$/, '');
}

/** Waits until `control[index]` holds `value`, spinning first; false if `giveUp` says so after a nap. */
function waitFor(control: Int32Array, index: number, value: number, giveUp: () => boolean): boolean {
  const sleepAfter = performance.now() + SPIN_MS;
  for (let spins = 1; ; spins++) {
    const now = Atomics.load(control, index);
    if (now === value) return true;
    if ((spins & 255) !== 0 || performance.now() < sleepAfter) continue;
    Atomics.wait(control, index, now, 50);
    if (giveUp()) return Atomics.load(control, index) === value;
  }
}

/**
 * The halves of one run's steps: `gradient` fills the net's gradients with the batch's (before `regularize`)
 * and returns its loss. Given `HelperMemory` (the net's parameters in it), a helper thread starts in the
 * background and takes the second half of every step once it is ready; until then, or if it fails, this
 * thread computes whole steps.
 */
export class HalfSteps {
  private readonly first: number;
  private readonly firstX: Matrix;
  private readonly firstLabels: Int32Array;
  private helper: Helper | undefined;
  /** On one thread, the memory a helper would use, until the run claims a spare core for it. */
  private waiting: HelperMemory | undefined;
  /** The batch of the step in progress, and its first half as a function for `runHere` (made once). */
  private indices: Int32Array = new Int32Array(0);
  private firstIndices: Int32Array = new Int32Array(0);
  private readonly firstHalf = () => {
    this.dataset.train.batch(this.firstIndices, this.firstX.data, this.firstLabels);
    return this.net.partialGradient(this.firstX, this.firstLabels, this.batchSize);
  };
  /** Steps whose second half a helper computed (tests and benchmarks read it). */
  helperSteps = 0;

  constructor(
    private readonly net: MultiLayerNet,
    private readonly dataset: Dataset,
    private readonly batchSize: number,
    private readonly batchX: Matrix,
    private readonly batchLabels: Int32Array,
    memory?: HelperMemory,
    private readonly chunkSize = 1000,
  ) {
    this.first = Math.ceil(batchSize / 2);
    this.firstX = new Matrix(batchX.data.subarray(0, this.first * batchX.cols), [this.first, batchX.cols]);
    this.firstLabels = batchLabels.subarray(0, this.first);
    if (memory?.spare) this.waiting = memory;
    else this.helper = memory && Helper.start(net, memory, batchSize, this.first, chunkSize);
  }

  /** On one thread: a helper starts (in the background) as soon as a spare core is claimed for it. */
  private claimSpareCore(memory: HelperMemory, spare: SpareCores): void {
    if (!spare.claim()) return;
    this.waiting = undefined;
    this.helper = Helper.start(this.net, memory, this.batchSize, this.first, this.chunkSize);
    if (!this.helper) spare.give(1);
  }

  /**
   * Correct predictions among the first `count` samples of the train or test split: the helper counts the second
   * half while `here` counts the first on this thread (each prediction depends on its row alone: the same count).
   * With no helper ready, `here` counts them all.
   */
  countCorrect(which: 'train' | 'test', count: number, here: (start: number, end: number) => number): number {
    const helper = this.helper;
    if (!helper?.ready() || count < 2) return here(0, count);
    const middle = Math.ceil(count / 2);
    helper.beginCount(which === 'train' ? 0 : 1, middle, count);
    const first = helper.runHere(() => here(0, middle));
    const second = helper.endCount();
    if (second !== undefined) return first + second;
    // The helper failed or stopped answering: this thread counts its half, and computes whole steps from now on.
    this.helper = undefined;
    helper.close();
    return first + here(middle, count);
  }

  /** The batch `indices` name: its loss, with its gradient in the net's `Parameter.grad` (no weight decay yet). */
  gradient(indices: Int32Array): number {
    if (this.waiting?.spare) this.claimSpareCore(this.waiting, this.waiting.spare);
    const helper = this.helper;
    if (helper?.ready()) {
      if (indices !== this.indices) {
        this.indices = indices;
        this.firstIndices = indices.subarray(0, this.first);
      }
      helper.begin(indices);
      const loss = helper.runHere(this.firstHalf);
      const second = helper.end();
      if (second !== undefined) {
        this.helperSteps++;
        return loss + second;
      }
      // The helper failed or stopped answering: from now on this thread computes whole steps.
      this.helper = undefined;
      helper.close();
    }
    this.dataset.train.batch(indices, this.batchX.data, this.batchLabels);
    return this.net.partialGradient(this.batchX, this.batchLabels, this.batchSize, this.first);
  }

  /**
   * Resolves true once a helper thread takes the second half of each step, false if this run has none, it
   * failed, or `timeoutMs` passed first. Steps need not wait for it: until then this thread computes them whole.
   */
  async helperReady(timeoutMs = HELPER_TIMEOUT_MS): Promise<boolean> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const state = this.helper?.state() ?? FAILED;
      if (state !== STARTING) return state === READY;
      if (performance.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops the helper thread, if any (a spare core it took is idle again). */
  close(): void {
    this.waiting = undefined;
    this.helper?.close();
    this.helper = undefined;
  }
}

/** This thread's side of a helper thread. */
class Helper {
  private readonly control: Int32Array;
  private readonly loss: Float64Array;
  private readonly indices: Int32Array;
  /** The helper's gradient, a view per parameter of the net. */
  private readonly grads: Float32Array[];
  private worker: WorkerLike | undefined;
  private closed = false;
  private step = 0;
  private deadline = 0;
  /** This thread's backend while the helper runs: the run's kernels on the threads the helper leaves it. */
  private readonly here: Backend;
  /** Where the helper's core came from (a spare one), to give it back. */
  private readonly spare: SpareCores | undefined;

  /** A helper starting in the background, or undefined where none can start (this thread computes whole steps). */
  static start(net: MultiLayerNet, shared: HelperMemory, batchSize: number, first: number, chunkSize: number): Helper | undefined {
    const { backend, factory, spare } = shared;
    const threads = backend.threads ?? 1;
    if (net.params[0]?.value.buffer !== shared.memory) return undefined;
    // Two threads or more are shared out between the halves; one (with a spare core) keeps its own.
    const helper = new Helper(shared, batchSize, net, spare ? backend : backend.withThreads(Math.ceil(threads / 2)));
    const message: HelperMessage = {
      type: 'helper',
      memory: shared.memory,
      net: {
        inputSize: net.affineLayers[0].fanIn,
        hiddenSizes: net.affineLayers.slice(0, -1).map((affine) => affine.fanOut),
        outputSize: net.affineLayers[net.affineLayers.length - 1].fanOut,
        activation: net.activation,
      },
      batchSize,
      first,
      dataset: shared.dataset,
      threads: spare ? 1 : Math.floor(threads / 2),
      kernel: kernelOf(backend),
      chunkSize,
    };
    try {
      helper.attach(idle.pop() ?? factory(), message);
    } catch {
      return undefined;
    }
    return helper;
  }

  private constructor(
    shared: HelperMemory,
    batchSize: number,
    private readonly net: MultiLayerNet,
    here: Backend,
  ) {
    this.control = new Int32Array(shared.memory, 0, 16);
    this.loss = new Float64Array(shared.memory, LOSS_AT, 1);
    this.indices = new Int32Array(shared.memory, INDICES_AT, batchSize);
    const grads = new Float32Array(shared.memory, shared.layout.grads, shared.paramCount);
    let offset = 0;
    this.grads = net.params.map((param) => grads.subarray(offset, (offset += param.grad.length)));
    this.here = here;
    this.spare = shared.spare;
  }

  private attach(worker: WorkerLike, message: HelperMessage): void {
    this.worker = worker;
    let served = serving.get(worker);
    if (!served) {
      served = { control: this.control };
      serving.set(worker, served);
      const failed = () => {
        Atomics.store(served!.control, STATE, FAILED);
        forget(worker);
      };
      // A helper never keeps a process alive, and one that fails leaves its run computing whole steps.
      (worker as { unref?: () => void }).unref?.();
      if ('on' in worker) {
        worker.on('error', failed);
        worker.on('exit', failed);
      } else {
        worker.addEventListener('error', failed);
      }
    }
    served.control = this.control;
    worker.postMessage(message);
  }

  ready(): boolean {
    return Atomics.load(this.control, STATE) === READY;
  }

  state(): number {
    return this.closed ? FAILED : Atomics.load(this.control, STATE);
  }

  /** Hands the helper the batch (it reads the weights where the net keeps them): it starts on its half. */
  begin(indices: Int32Array): void {
    this.indices.set(indices);
    this.hand(TASK_STEP);
  }

  /** Hands the helper a count of correct predictions among samples [start, end) of split 0 (train) or 1 (test). */
  beginCount(split: number, start: number, end: number): void {
    Atomics.store(this.control, COUNT_SPLIT, split);
    Atomics.store(this.control, COUNT_START, start);
    Atomics.store(this.control, COUNT_END, end);
    this.hand(TASK_COUNT);
  }

  /** Waits for the count: the number, or undefined if the helper failed. */
  endCount(): number | undefined {
    return this.answered() ? Atomics.load(this.control, COUNT_RESULT) : undefined;
  }

  private hand(task: number): void {
    Atomics.store(this.control, TASK, task);
    this.step++;
    this.deadline = performance.now() + HELPER_TIMEOUT_MS;
    Atomics.store(this.control, STEP, this.step);
    Atomics.notify(this.control, STEP);
  }

  /** Waits until the helper has done what it was handed; false if it failed or stopped answering. */
  private answered(): boolean {
    return waitFor(
      this.control,
      DONE,
      this.step,
      () => Atomics.load(this.control, STATE) !== READY || performance.now() > this.deadline,
    );
  }

  /** `work` on this thread's share of the backend's threads. */
  runHere<T>(work: () => T): T {
    return runWithBackend(this.here, work);
  }

  /** Waits for the helper's half and adds its gradient to the net's: its loss, or undefined if it failed. */
  end(): number | undefined {
    if (!this.answered()) return undefined;
    const params = this.net.params;
    for (let i = 0; i < params.length; i++) addScaled(params[i].grad, this.grads[i], 1);
    return this.loss[0];
  }

  /** Stops the helper; one that served goes back to the idle helpers of this thread, for its next run. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.spare?.give(1);
    const served = Atomics.load(this.control, STATE) === READY;
    Atomics.store(this.control, STOP, 1);
    Atomics.add(this.control, STEP, 1);
    Atomics.notify(this.control, STEP);
    const worker = this.worker;
    if (!worker) return;
    if (served && idle.length < MAX_IDLE_HELPERS) {
      idle.push(worker);
    } else {
      forget(worker);
      void worker.terminate();
    }
  }
}

/**
 * Helper workers of this thread whose run has ended, kept for the next one: a helper's start (a worker, its
 * modules, compiled kernels) costs a fraction of a second, more in a browser. Each serves one run at a time.
 */
const idle: WorkerLike[] = [];
const MAX_IDLE_HELPERS = 2;
/** The control words of the run each helper worker serves (or served last), for its error and exit events. */
const serving = new WeakMap<WorkerLike, { control: Int32Array }>();

function forget(worker: WorkerLike): void {
  const at = idle.indexOf(worker);
  if (at >= 0) idle.splice(at, 1);
}

/**
 * The helper thread's side (the trainer's worker entry runs it on each `helper` message): builds the replica,
 * then computes the second half of every step (and counts correct predictions, at evaluations) until told to
 * stop, and returns; the worker then waits for its
 * next run's message. Blocks its thread while it serves.
 */
export async function serveHelper(message: HelperMessage): Promise<void> {
  const control = new Int32Array(message.memory, 0, 16);
  try {
    // The run's kernel by name (`cpu:wasm-simd` → 'wasm-simd'), so that both halves compute alike.
    const choice = message.kernel.replace(/^cpu:/, '') as CpuKernelChoice;
    useBackend(cpuBackend(choice, { threads: message.threads }));
    const kernel = kernelOf(getBackend());
    if (kernel !== message.kernel) throw new Error(`the helper got ${kernel}, the run computes with ${message.kernel}`);
    const { batchSize, first } = message;
    const dataset = fromTransferable(message.dataset);
    const { inputSize, hiddenSizes, outputSize } = message.net;
    const paramCount = parameterCount(inputSize, hiddenSizes, outputSize);
    const layout = layoutFor(batchSize, paramCount);
    // The replica keeps its weights where the run's net keeps them (it only reads them, and draws none) and its
    // gradient where the run adds it to its own.
    const parameters = {
      values: new Float32Array(message.memory, layout.values, paramCount),
      grads: new Float32Array(message.memory, layout.grads, paramCount),
    };
    const net = new MultiLayerNet({ ...message.net, initializer: 'zeros', initialize: false, rng: createRng(0), parameters });
    const loss = new Float64Array(message.memory, LOSS_AT, 1);
    const indices = new Int32Array(message.memory, INDICES_AT + first * 4, batchSize - first);
    const x = Matrix.zeros(batchSize - first, message.net.inputSize);
    const labels = new Int32Array(batchSize - first);
    const classifier = new Classifier(net, inputSize, message.chunkSize);
    Atomics.store(control, STATE, READY);
    let seen = Atomics.load(control, STEP);
    for (;;) {
      waitFor(control, STEP, seen + 1, () => false);
      seen++;
      if (Atomics.load(control, STOP) !== 0) return;
      if (Atomics.load(control, TASK) === TASK_COUNT) {
        const split = Atomics.load(control, COUNT_SPLIT) === 0 ? dataset.train : dataset.test;
        const counted = classifier.countCorrect(split, Atomics.load(control, COUNT_START), Atomics.load(control, COUNT_END));
        Atomics.store(control, COUNT_RESULT, counted);
      } else {
        dataset.train.batch(indices, x.data, labels);
        loss[0] = net.partialGradient(x, labels, batchSize);
      }
      Atomics.store(control, DONE, seen);
      Atomics.notify(control, DONE);
    }
  } catch (error) {
    Atomics.store(control, STATE, FAILED);
    Atomics.notify(control, DONE);
    throw new Error(`training helper failed: ${messageOf(error)}`);
  }
}
