import type { MultiLayerNet } from '@initlab/layers';
import { advance, runWithBackend, waitUntil, type Backend } from '@initlab/tensor';
import {
  CONTROL_WORDS,
  COUNT_END,
  COUNT_RESULT,
  COUNT_SPLIT,
  COUNT_START,
  DONE,
  FAILED,
  HELPER_TIMEOUT_MS,
  INDICES_AT,
  kernelOf,
  LOSS_AT,
  READY,
  SPIN_MS,
  STATE,
  STEP,
  STOP,
  TASK,
  TASK_COUNT,
  TASK_STEP,
  type HelperMessage,
} from './helper-protocol.js';
import type { HelperSetup } from './step-memory.js';
import type { WorkerLike } from './worker-like.js';

/**
 * This thread's side of a run's helper thread, which computes the second half of each step on a replica of the
 * run's net (`serveHelper`) into the memory both share.
 */
export class Helper {
  private readonly control: Int32Array;
  private readonly loss: Float64Array;
  private readonly indices: Int32Array;
  private worker: WorkerLike | undefined;
  private closed = false;
  private step = 0;
  private deadline = 0;
  /** This thread's backend while the helper runs: the run's kernels on the threads the helper leaves it. */
  private readonly here: Backend;
  private readonly awaited = (done: number) => done === this.step;
  private readonly waiting = {
    spinMs: SPIN_MS,
    napMs: 50,
    giveUp: () => Atomics.load(this.control, STATE) !== READY || performance.now() > this.deadline,
  };

  /** A helper starting in the background, or undefined where none can start (the run computes both halves). */
  static start(
    net: MultiLayerNet,
    setup: HelperSetup,
    batchSize: number,
    first: number,
    chunkSize: number,
  ): Helper | undefined {
    const { backend, spare } = setup;
    const threads = backend.threads ?? 1;
    // Two threads or more are shared out between the halves; one (with a spare core) keeps its own.
    const helper = new Helper(setup, batchSize, spare ? backend : backend.withThreads(Math.ceil(threads / 2)));
    const message: HelperMessage = {
      type: 'helper',
      memory: setup.memory,
      net: {
        inputSize: net.affineLayers[0].fanIn,
        hiddenSizes: net.affineLayers.slice(0, -1).map((affine) => affine.fanOut),
        outputSize: net.affineLayers[net.affineLayers.length - 1].fanOut,
        activation: net.activation,
      },
      batchSize,
      first,
      dataset: setup.dataset,
      threads: spare ? 1 : Math.floor(threads / 2),
      kernel: kernelOf(backend),
      chunkSize,
    };
    try {
      helper.worker = setup.helpers.start(message, helper.control);
    } catch {
      return undefined;
    }
    return helper;
  }

  private constructor(
    private readonly setup: HelperSetup,
    batchSize: number,
    here: Backend,
  ) {
    this.control = new Int32Array(setup.memory, 0, CONTROL_WORDS);
    this.loss = new Float64Array(setup.memory, LOSS_AT, 1);
    this.indices = new Int32Array(setup.memory, INDICES_AT, batchSize);
    this.here = here;
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

  /** Waits for the helper's half (its gradient in the shared memory): its loss, or undefined if it failed. */
  end(): number | undefined {
    return this.answered() ? this.loss[0] : undefined;
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

  /** `work` on this thread's share of the backend's threads. */
  runHere<T>(work: () => T): T {
    return runWithBackend(this.here, work);
  }

  /** Stops the helper; a worker that served goes back to the run's `HelperThreads`, for the next run. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.setup.spare?.give(1);
    const served = this.ready();
    Atomics.store(this.control, STOP, 1);
    advance(this.control, STEP);
    if (this.worker) this.setup.helpers.release(this.worker, served);
  }

  private hand(task: number): void {
    Atomics.store(this.control, TASK, task);
    this.deadline = performance.now() + HELPER_TIMEOUT_MS;
    this.step = advance(this.control, STEP);
  }

  /** Waits until the helper has done what it was handed; false if it failed or stopped answering. */
  private answered(): boolean {
    return waitUntil(this.control, DONE, this.awaited, this.waiting);
  }
}
