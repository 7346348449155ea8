import { toTransferable, type Dataset, type TransferableDataset } from '@initlab/datasets';
import { blockingUnavailable, createSharedMemory, getBackend, type Backend } from '@initlab/tensor';
import { isNode } from '../platform/runtime.js';
import { layoutFor } from './helper-protocol.js';
import type { HelperThreads } from './helper-threads.js';
import type { SpareCores } from './spare-cores.js';

/** How a run may compute the second half of its steps on another thread; each absent means none. */
export interface ParallelOptions {
  /** Where its helper thread comes from. */
  helpers?: HelperThreads;
  /** On one thread: cores a pool's idle workers left (`SpareCores`), of which the run may claim one mid-run. */
  spareCores?: SpareCores;
}

/** What a helper thread of the run needs, where one can run. */
export interface HelperSetup {
  memory: SharedArrayBuffer;
  dataset: TransferableDataset;
  /** The run's backend (`cpu`), whose threads the halves share. */
  backend: Backend & Required<Pick<Backend, 'withThreads'>>;
  helpers: HelperThreads;
  /** On one thread: where the run claims a core for its helper, mid-run. */
  spare: SpareCores | undefined;
}

/**
 * Where a run that computes its steps in two halves keeps its parameters (`MultiLayerNetOptions.parameters`):
 * `values` and `grads` for its net, `secondGrads` for the replica that computes the second half. Where a helper
 * thread can take that half, they lie in memory shared with it (`helper`), so that its replica reads the weights
 * without a copy: a WebAssembly memory where the engine allows (tensor's `createSharedMemory`), on which the
 * update runs in place, as copies into and out of shared memory cost several times a plain copy.
 */
export interface StepMemory {
  values: Float32Array;
  grads: Float32Array;
  secondGrads: Float32Array;
  helper?: HelperSetup;
}

/**
 * Memory for the halves of a run's steps. Shared with a helper where the current backend is `cpu` on two
 * threads or more (or on one, with `spareCores`, on Node: a helper started mid-run must load without this
 * thread's event loop), `helpers` is given, this thread may block, and the dataset is in shared memory.
 */
export function stepMemory(
  dataset: Dataset,
  batchSize: number,
  paramCount: number,
  options: ParallelOptions,
): StepMemory {
  const helper = helperSetup(dataset, options);
  if (!helper) {
    return {
      values: new Float32Array(paramCount),
      grads: new Float32Array(paramCount),
      secondGrads: new Float32Array(paramCount),
    };
  }
  const layout = layoutFor(batchSize, paramCount);
  const memory = createSharedMemory(layout.bytes) ?? new SharedArrayBuffer(layout.bytes);
  return {
    values: new Float32Array(memory, layout.values, paramCount),
    grads: new Float32Array(memory, layout.grads, paramCount),
    secondGrads: new Float32Array(memory, layout.secondGrads, paramCount),
    helper: { ...helper, memory },
  };
}

function helperSetup(dataset: Dataset, options: ParallelOptions): Omit<HelperSetup, 'memory'> | undefined {
  const backend = getBackend();
  const { helpers } = options;
  const threads = backend.threads ?? 1;
  const spare = threads < 2 && isNode() ? options.spareCores : undefined;
  if (!helpers || backend.name !== 'cpu' || !backend.withThreads || (threads < 2 && !spare)) return undefined;
  if (blockingUnavailable() !== undefined) return undefined;
  try {
    const transfer = toTransferable(dataset);
    return { dataset: transfer, backend: backend as HelperSetup['backend'], helpers, spare };
  } catch {
    return undefined; // not in shared memory: a helper would need its own copy of the dataset
  }
}
