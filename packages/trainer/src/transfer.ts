import type { Dataset, Split, TransferableDataset } from '@initlab/datasets';
import { fromTransferable } from '@initlab/datasets';
import { shareDataset } from './datasets.js';
import { TrainerError } from './errors.js';

/** A split copied into a worker: its arrays travel by structured clone, one copy per worker. */
export interface CopiedSplit {
  count: number;
  images: Uint8Array | Float32Array;
  labels: Uint8Array;
}

/** A dataset as a worker receives it: a description of shared memory, or a copy of its arrays. */
export type DatasetTransfer =
  | { kind: 'shared'; dataset: TransferableDataset }
  | { kind: 'copy'; name: string; inputSize: number; numClasses: number; train: CopiedSplit; test: CopiedSplit };

/**
 * Whether workers can share memory with this thread: Node, or a cross-origin-isolated page. Elsewhere
 * `SharedArrayBuffer` is missing (or cannot be posted), and workers get copies.
 */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

/** An array that owns its whole buffer, so that posting it clones no bytes beyond its own. */
function compact<T extends Uint8Array | Float32Array>(array: T): T {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : (array.slice() as T);
}

function copySplit(split: Split): CopiedSplit {
  return { count: split.count, images: compact(split.images), labels: compact(split.labels) };
}

/**
 * How `dataset` travels to workers. With shared memory: one shared copy for all (none when it was made with
 * `{ shared: true }`). Without: its arrays, cloned into every worker by `postMessage`.
 */
export function datasetTransfer(dataset: Dataset, shared: boolean): DatasetTransfer {
  if (shared) return { kind: 'shared', dataset: shareDataset(dataset) };
  const { name, inputSize, numClasses } = dataset;
  return { kind: 'copy', name, inputSize, numClasses, train: copySplit(dataset.train), test: copySplit(dataset.test) };
}

/** byte → byte/255 as float32: the values @initlab/datasets gives for byte images (the book's `normalize=True`). */
const BYTE_TO_UNIT = new Float32Array(256);
for (let b = 0; b < 256; b++) BYTE_TO_UNIT[b] = b / 255;

/**
 * A Split over a worker's own copy of the arrays. @initlab/datasets rebuilds splits over shared memory only,
 * so copies get this reading of the same arrays: byte images become byte / 255, float images are copied.
 */
class ArrayCopySplit implements Split {
  constructor(
    readonly images: Uint8Array | Float32Array,
    readonly labels: Uint8Array,
    readonly count: number,
    readonly inputSize: number,
    readonly numClasses: number,
  ) {}

  batch(indices: ArrayLike<number>, outX: Float32Array, outT?: Int32Array): void {
    for (let i = 0; i < indices.length; i++) {
      const index = this.checked(indices[i]);
      this.copyRows(index, 1, outX, i * this.inputSize);
      if (outT) outT[i] = this.labels[index];
    }
  }

  batchOneHot(indices: ArrayLike<number>, outX: Float32Array, outT: Float32Array): void {
    const classes = this.numClasses;
    for (let i = 0; i < indices.length; i++) {
      const index = this.checked(indices[i]);
      this.copyRows(index, 1, outX, i * this.inputSize);
      outT.fill(0, i * classes, (i + 1) * classes);
      outT[i * classes + this.labels[index]] = 1;
    }
  }

  range(start: number, count: number, outX: Float32Array, outT?: Int32Array): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0 || start + count > this.count) {
      throw new TrainerError(`rows [${start}, ${start + count}) are not within the ${this.count} samples of the worker's copy of the split`);
    }
    this.copyRows(start, count, outX, 0);
    if (outT) for (let i = 0; i < count; i++) outT[i] = this.labels[start + i];
  }

  private checked(index: number): number {
    if (index >>> 0 !== index || index >= this.count) {
      throw new TrainerError(`sample index ${index} is outside the ${this.count} samples of the worker's copy of the split`);
    }
    return index;
  }

  private copyRows(firstRow: number, rows: number, out: Float32Array, offset: number): void {
    const begin = firstRow * this.inputSize;
    const end = begin + rows * this.inputSize;
    if (offset + end - begin > out.length) {
      throw new TrainerError(`the output array holds ${out.length} values but ${offset + end - begin} are needed`);
    }
    const images = this.images;
    if (images instanceof Float32Array) {
      out.set(images.subarray(begin, end), offset);
      return;
    }
    for (let source = begin, target = offset; source < end; source++, target++) out[target] = BYTE_TO_UNIT[images[source]];
  }
}

/** The Dataset a worker trains on, from what it was sent. */
export function receiveDataset(transfer: DatasetTransfer): Dataset {
  if (transfer.kind === 'shared') return fromTransferable(transfer.dataset);
  const { name, inputSize, numClasses } = transfer;
  const split = ({ images, labels, count }: CopiedSplit) => new ArrayCopySplit(images, labels, count, inputSize, numClasses);
  return { name, inputSize, numClasses, train: split(transfer.train), test: split(transfer.test) };
}
