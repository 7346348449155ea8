/**
 * What a run and its helper thread share: the message that starts the helper, and the layout of their shared
 * memory (control words, the second half's loss, the batch's sample indices, the parameters where the run's net
 * keeps them and the helper's replica reads them, then the replica's gradient and the run's own).
 */
import type { TransferableDataset } from '@initlab/datasets';
import type { ActivationName } from '@initlab/layers';
import type { Backend } from '@initlab/tensor';

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

/** Control words (Int32 indices): the run counts up STEP to hand work over, the helper DONE when it is done. */
export const STEP = 0;
export const DONE = 1;
export const STATE = 2;
export const STOP = 3;
/** What the next STEP asks: the second half of a batch, or a count of correct predictions. */
export const TASK = 4;
export const TASK_STEP = 0;
export const TASK_COUNT = 1;
/** A count's arguments (which split: 0 train, 1 test; samples [start, end)) and its answer. */
export const COUNT_SPLIT = 5;
export const COUNT_START = 6;
export const COUNT_END = 7;
export const COUNT_RESULT = 8;
export const CONTROL_WORDS = 16;

/** The helper's STATE. */
export const STARTING = 0;
export const READY = 1;
export const FAILED = 2;

/** Byte offsets of the second half's loss (a float64) and of the batch's sample indices. */
export const LOSS_AT = 64;
export const INDICES_AT = 128;

/**
 * How long a waiting thread spins before it sleeps: the halves of a step end within a fraction of a millisecond
 * of each other, and a step follows the last within about as much; waking a sleeping thread costs tens of
 * microseconds, on a virtual machine more.
 */
export const SPIN_MS = 3;
/** A helper that has not answered a step in this long is given up, and the run computes its half itself. */
export const HELPER_TIMEOUT_MS = 10_000;

function align(bytes: number): number {
  return (bytes + 63) & ~63;
}

/** Byte offsets of the parameter arrays in the shared memory, and its size. */
export interface Layout {
  values: number;
  /** The second half's gradient (the helper's replica's). */
  secondGrads: number;
  /** The run's own gradient: the first half's, then the batch's. */
  grads: number;
  bytes: number;
}

export function layoutFor(batchSize: number, paramCount: number): Layout {
  const values = align(INDICES_AT + batchSize * 4);
  const secondGrads = align(values + paramCount * 4);
  const grads = align(secondGrads + paramCount * 4);
  return { values, secondGrads, grads, bytes: align(grads + paramCount * 4) };
}

/** `detail` without the thread count: `cpu:wasm-relaxed-simd×2` → `cpu:wasm-relaxed-simd`. */
export function kernelOf(backend: Backend): string {
  return (backend.detail ?? backend.name).replace(/×\d+$/, '');
}
