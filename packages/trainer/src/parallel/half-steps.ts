/**
 * A training step over the two halves of its batch: each half's gradient is a plain `lossGradient` (the mean
 * over its own rows) and the batch's is their mean weighted by rows, (first/n)·g₁ + (second/n)·g₂ in float32
 * (tensor's `addScaled`), as its loss is; for an even batch that is ½·g₁ + ½·g₂, exact scalings, so the batch's
 * gradient with each sum over its rows split in two. One thread computes the halves one after the other, the second on a replica of the net (it shares the
 * weights); where there are threads to spare, a helper thread computes the second half while this thread
 * computes the first. Both give the same numbers, so a run's results do not depend on its threads, and two
 * threads split a step into two independent halves with no hand-off inside it.
 */
import type { Dataset } from '@initlab/datasets';
import { MultiLayerNet } from '@initlab/layers';
import { addScaled, createRng, Matrix } from '@initlab/tensor';
import { FAILED, HELPER_TIMEOUT_MS, READY, STARTING } from './helper-protocol.js';
import { Helper } from './helper.js';
import type { HelperSetup, StepMemory } from './step-memory.js';

/** Batches of at least this many rows are computed as two halves; smaller ones whole. */
export const MIN_SPLIT_BATCH = 32;

/**
 * Whether a run's steps go over two halves: a net whose rows do not depend on each other (no batch
 * normalization, whose statistics span the batch; no dropout, whose masks are drawn for the whole batch), and a
 * batch worth splitting.
 */
export function splitsSteps(net: { batchNorm?: boolean; dropout?: number }, batchSize: number): boolean {
  return !net.batchNorm && !(net.dropout ?? 0) && batchSize >= MIN_SPLIT_BATCH;
}

/** Rows [from, to) of `x`, as a view. */
function rowsOf(x: Matrix, from: number, to: number): Matrix {
  return new Matrix(x.data.subarray(from * x.cols, to * x.cols), [to - from, x.cols]);
}

/**
 * The halves of one run's steps: `gradient` fills the net's gradients with the batch's (before `regularize`)
 * and returns its loss. Given a helper setup (`StepMemory.helper`), a helper thread starts in the background and
 * takes the second half of every step once it is ready; until then, or if it fails, this thread computes both.
 */
export class HalfSteps {
  private readonly first: number;
  private readonly firstWeight: number;
  private readonly secondWeight: number;
  private readonly firstX: Matrix;
  private readonly firstLabels: Int32Array;
  private readonly secondX: Matrix;
  private readonly secondLabels: Int32Array;
  /** Computes the second half on this thread: the net's shape, its weights, its own gradient. */
  private readonly replica: MultiLayerNet;
  private readonly grads: Float32Array;
  private readonly secondGrads: Float32Array;
  private helper: Helper | undefined;
  /** On one thread, what a helper would use, until the run claims a spare core for it. */
  private waiting: HelperSetup | undefined;
  /** The batch of the step in progress, and its first half as a function for `runHere` (made once). */
  private indices: Int32Array = new Int32Array(0);
  private firstIndices: Int32Array = new Int32Array(0);
  private readonly firstHalf = () => {
    this.dataset.train.batch(this.firstIndices, this.firstX.data, this.firstLabels);
    return this.net.lossGradient(this.firstX, this.firstLabels);
  };
  /** Steps whose second half a helper computed (tests and benchmarks read it). */
  helperSteps = 0;

  /** `net` keeps its parameters in `memory` (`values`, `grads`); `batchX`/`batchLabels` hold a batch. */
  constructor(
    private readonly net: MultiLayerNet,
    private readonly dataset: Dataset,
    private readonly batchSize: number,
    private readonly batchX: Matrix,
    private readonly batchLabels: Int32Array,
    memory: StepMemory,
    private readonly chunkSize = 1000,
  ) {
    const first = Math.ceil(batchSize / 2);
    this.first = first;
    this.firstWeight = first / batchSize;
    this.secondWeight = (batchSize - first) / batchSize;
    this.firstX = rowsOf(batchX, 0, first);
    this.firstLabels = batchLabels.subarray(0, first);
    this.secondX = rowsOf(batchX, first, batchSize);
    this.secondLabels = batchLabels.subarray(first);
    this.grads = memory.grads;
    this.secondGrads = memory.secondGrads;
    const outputs = net.affineLayers.map((affine) => affine.fanOut);
    this.replica = new MultiLayerNet({
      inputSize: net.affineLayers[0].fanIn,
      hiddenSizes: outputs.slice(0, -1),
      outputSize: outputs[outputs.length - 1],
      activation: net.activation,
      initializer: 'zeros',
      initialize: false,
      rng: createRng(0),
      parameters: { values: memory.values, grads: memory.secondGrads },
    });
    if (memory.helper?.spare) this.waiting = memory.helper;
    else if (memory.helper) this.helper = Helper.start(net, memory.helper, batchSize, first, chunkSize);
  }

  /** The batch `indices` name: its loss, with its gradient in the net's `Parameter.grad` (no weight decay yet). */
  gradient(indices: Int32Array): number {
    if (this.waiting) this.claimSpareCore(this.waiting);
    if (indices !== this.indices) {
      this.indices = indices;
      this.firstIndices = indices.subarray(0, this.first);
    }
    const helper = this.helper;
    let firstLoss: number;
    let secondLoss: number | undefined;
    if (helper?.ready()) {
      helper.begin(indices);
      firstLoss = helper.runHere(this.firstHalf);
      secondLoss = helper.end();
      if (secondLoss === undefined) {
        // The helper failed or stopped answering: from now on this thread computes both halves.
        this.helper = undefined;
        helper.close();
        this.dataset.train.batch(indices.subarray(this.first), this.secondX.data, this.secondLabels);
        secondLoss = this.replica.lossGradient(this.secondX, this.secondLabels);
      } else {
        this.helperSteps++;
      }
    } else {
      this.dataset.train.batch(indices, this.batchX.data, this.batchLabels);
      firstLoss = this.net.lossGradient(this.firstX, this.firstLabels);
      secondLoss = this.replica.lossGradient(this.secondX, this.secondLabels);
    }
    // In place where both lie in shared memory (a WebAssembly memory's): one SIMD pass, no copies.
    addScaled(this.grads, this.secondGrads, this.secondWeight, this.firstWeight);
    return this.firstWeight * firstLoss + this.secondWeight * secondLoss;
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
    // The helper failed or stopped answering: this thread counts its half, and computes both halves from now on.
    this.helper = undefined;
    helper.close();
    return first + here(middle, count);
  }

  /**
   * Resolves true once a helper thread takes the second half of each step, false if this run has none, it
   * failed, or `timeoutMs` passed first. Steps need not wait for it: until then this thread computes both halves.
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

  /** On one thread: a helper starts (in the background) as soon as a spare core is claimed for it. */
  private claimSpareCore(setup: HelperSetup): void {
    if (!setup.spare?.claim()) return;
    this.waiting = undefined;
    this.helper = Helper.start(this.net, setup, this.batchSize, this.first, this.chunkSize);
    if (!this.helper) setup.spare.give(1);
  }
}
