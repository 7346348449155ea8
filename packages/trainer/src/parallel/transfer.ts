import { toTransferable, type Dataset, type TransferableDataset } from '@initlab/datasets';

/**
 * Whether workers can share memory with this thread: Node, or a cross-origin-isolated page. Elsewhere
 * `SharedArrayBuffer` is missing (or cannot be posted), and workers get copies.
 */
export function canShareMemory(): boolean {
  return (
    typeof SharedArrayBuffer === 'function' &&
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false
  );
}

/**
 * How `dataset` travels to workers (each rebuilds it with `fromTransferable`). With shared memory: one shared
 * copy for all (none when it was made with `{ shared: true }`). Without: its arrays, cloned into every worker
 * by `postMessage`.
 */
export function datasetTransfer(dataset: Dataset, shared: boolean): TransferableDataset {
  return toTransferable(dataset, shared ? { share: true } : { copy: true });
}
