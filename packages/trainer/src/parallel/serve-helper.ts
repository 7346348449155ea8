import { fromTransferable } from '@initlab/datasets';
import { MultiLayerNet, parameterCount } from '@initlab/layers';
import {
  cpuBackend,
  createRng,
  getBackend,
  Matrix,
  publish,
  useBackend,
  waitUntil,
  type CpuKernelChoice,
} from '@initlab/tensor';
import { messageOf } from '../errors.js';
import { Classifier } from '../run/evaluate.js';
import {
  CONTROL_WORDS,
  COUNT_END,
  COUNT_RESULT,
  COUNT_SPLIT,
  COUNT_START,
  DONE,
  FAILED,
  INDICES_AT,
  kernelOf,
  layoutFor,
  LOSS_AT,
  READY,
  SPIN_MS,
  STATE,
  STEP,
  STOP,
  TASK,
  TASK_COUNT,
  type HelperMessage,
} from './helper-protocol.js';

/**
 * The helper thread's side (the trainer's worker entry runs it on each `helper` message): builds the replica,
 * then computes the second half of every step (and counts correct predictions, at evaluations) until told to
 * stop, and returns; the worker then waits for its next run's message. Blocks its thread while it serves.
 */
export async function serveHelper(message: HelperMessage): Promise<void> {
  const control = new Int32Array(message.memory, 0, CONTROL_WORDS);
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
    // gradient where the run combines it with its own.
    const parameters = {
      values: new Float32Array(message.memory, layout.values, paramCount),
      grads: new Float32Array(message.memory, layout.secondGrads, paramCount),
    };
    const net = new MultiLayerNet({
      ...message.net,
      initializer: 'zeros',
      initialize: false,
      rng: createRng(0),
      parameters,
    });
    const loss = new Float64Array(message.memory, LOSS_AT, 1);
    const indices = new Int32Array(message.memory, INDICES_AT + first * 4, batchSize - first);
    const x = Matrix.zeros(batchSize - first, message.net.inputSize);
    const labels = new Int32Array(batchSize - first);
    const classifier = new Classifier(net, inputSize, message.chunkSize);
    Atomics.store(control, STATE, READY);
    let seen = Atomics.load(control, STEP);
    const handed = (step: number) => step > seen;
    const waiting = { spinMs: SPIN_MS };
    for (;;) {
      waitUntil(control, STEP, handed, waiting);
      seen++;
      if (Atomics.load(control, STOP) !== 0) return;
      if (Atomics.load(control, TASK) === TASK_COUNT) {
        const split = Atomics.load(control, COUNT_SPLIT) === 0 ? dataset.train : dataset.test;
        const counted = classifier.countCorrect(
          split,
          Atomics.load(control, COUNT_START),
          Atomics.load(control, COUNT_END),
        );
        Atomics.store(control, COUNT_RESULT, counted);
      } else {
        dataset.train.batch(indices, x.data, labels);
        loss[0] = net.lossGradient(x, labels);
      }
      publish(control, DONE, seen);
    }
  } catch (error) {
    Atomics.store(control, STATE, FAILED);
    Atomics.notify(control, DONE);
    throw new Error(`training helper failed: ${messageOf(error)}`);
  }
}
