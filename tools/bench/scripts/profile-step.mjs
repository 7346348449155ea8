// Where one training step of the book network spends its time: each matrix product (by shape, op(A)·op(B)),
// and the rest (element-wise work, loss, update, batch assembly, the combination of the two halves' gradients,
// and on two threads the wait for the helper's half). Run after `pnpm build`:
//   pnpm --filter @initlab/bench step [threads]
import { getBackend, setBackend } from '@initlab/tensor';
import { loadMnist } from '@initlab/datasets';
import { parseRunConfig, TrainingRun } from '@initlab/trainer';

const threads = Number(process.argv[2] ?? 1);
const STEPS = 400;
const WARMUP = 50;

await setBackend('cpu', { threads });
const backend = getBackend();
const byShape = new Map();
let timing = false;
// On two threads or more this thread computes its half of each step on `withThreads(⌈threads / 2⌉)`; time that too.
for (const timed of new Set([backend, backend.withThreads?.(Math.ceil(threads / 2)) ?? backend])) {
  const matmul = timed.matmul.bind(timed);
  timed.matmul = (a, b, out, m, k, n, transposeA, transposeB) => {
    if (!timing) return matmul(a, b, out, m, k, n, transposeA, transposeB);
    const start = performance.now();
    matmul(a, b, out, m, k, n, transposeA, transposeB);
    const key = `${transposeA ? `(${k}×${m})ᵀ` : `${m}×${k}`} · ${transposeB ? `(${n}×${k})ᵀ` : `${k}×${n}`}`;
    byShape.set(key, (byShape.get(key) ?? 0) + performance.now() - start);
  };
}

const config = {
  hiddenSizes: [100, 100, 100, 100],
  activation: 'relu',
  initializer: 'he',
  optimizer: { name: 'sgd', lr: 0.01 },
  batchSize: 128,
  iterations: WARMUP + STEPS + 1,
  evaluation: { every: 1_000_000 },
};
const run = new TrainingRun(parseRunConfig(config), await loadMnist({ shared: true }), {
  runIndex: 0,
  label: 'profile',
  experiment: 'profile',
});
const helped = await run.helperReady();
for (let i = 0; i < WARMUP; i++) run.step();
timing = true;
const start = performance.now();
for (let i = 0; i < STEPS; i++) run.step();
const total = performance.now() - start;

const perStep = (ms) =>
  `${((1000 * ms) / STEPS).toFixed(0).padStart(5)} µs  ${((100 * ms) / total).toFixed(1).padStart(5)} %`;
console.log(`book network, ${backend.detail}, ${STEPS} steps (no evaluation between them): ${perStep(total)} per step`);
if (helped)
  console.log(`a helper thread computed the second half of the batch; below, this thread's products (the first half)`);
let products = 0;
for (const [shape, ms] of [...byShape].sort((a, b) => b[1] - a[1])) {
  products += ms;
  console.log(`  ${shape.padEnd(28)} ${perStep(ms)}`);
}
console.log(`  ${'everything else'.padEnd(28)} ${perStep(total - products)}`);
process.exit(0);
