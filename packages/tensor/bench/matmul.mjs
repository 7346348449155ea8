// Matmul GFLOP/s of each kernel on the MLP shapes, then a "network step": the matmuls of one
// forward + backward pass of the book network as iterations/s, each beside NumPy (OpenBLAS,
// one thread) on the same work when python3 + numpy are present. Run after `pnpm build`.
// Timings are the best of RUNS runs (a shared machine only ever slows a run down).
// Usage: node bench/matmul.mjs [--json] [--quick]  (--quick: cpu kernels and NumPy only)
// The auto break-even line uses the kernel `setBackend('cpu')` picks.
import { spawnSync } from 'node:child_process';
import { BackendError, Matrix, createRng, getBackend, matmul, setBackend } from '../dist/index.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const RUNS = 30;
/** Work per run, so that one run takes a few milliseconds whatever the shape. */
const FLOPS_PER_RUN = 4e7;

/** [m, k, n, transposeA, transposeB]: the book network (batch 128) then the seed network 784-50-10 (batch 100). */
const CASES = [
  [128, 784, 100, false, false],
  [128, 100, 100, false, false],
  [128, 100, 10, false, false],
  [784, 128, 100, true, false],
  [100, 128, 100, true, false],
  [100, 128, 10, true, false],
  [128, 100, 784, false, true],
  [128, 100, 100, false, true],
  [128, 10, 100, false, true],
  [100, 784, 50, false, false],
  [100, 50, 10, false, false],
  [784, 100, 50, true, false],
  [50, 100, 10, true, false],
  [100, 50, 784, false, true],
  [100, 10, 50, false, true],
];

function label([m, k, n, transposeA, transposeB]) {
  return `${m}×${k}×${n} ${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
}

/** The book network 784-100-100-100-100-10 at batch 128, as the Affine layers call matmul. */
const NETWORK = { sizes: [784, 100, 100, 100, 100, 10], batch: 128 };

/** Per layer: forward Y = X·W, weight gradient dW = Xᵀ·dY, input gradient dX = dY·Wᵀ (every layer computes it). */
function networkSteps({ sizes, batch }) {
  const steps = [];
  for (let l = 0; l + 1 < sizes.length; l++) steps.push([batch, sizes[l], sizes[l + 1], false, false]);
  for (let l = sizes.length - 2; l >= 0; l--) {
    steps.push([sizes[l], batch, sizes[l + 1], true, false]);
    steps.push([batch, sizes[l + 1], sizes[l], false, true]);
  }
  return steps;
}

function operands([m, k, n, transposeA, transposeB], seed) {
  const rng = createRng(seed);
  const a = transposeA ? Matrix.zeros(k, m) : Matrix.zeros(m, k);
  const b = transposeB ? Matrix.zeros(n, k) : Matrix.zeros(k, n);
  rng.fillNormal(a.data, 1);
  rng.fillNormal(b.data, 1);
  return { a, b, out: Matrix.zeros(m, n), transposeA, transposeB };
}

/** The fewest seconds one call of `run` took: best of RUNS runs of `calls` calls, after a warm-up. */
function bestSecondsPerCall(run, calls) {
  for (let i = 0; i < Math.max(20, calls); i++) run();
  let best = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (let c = 0; c < calls; c++) run();
    best = Math.min(best, (performance.now() - start) / 1000 / calls);
  }
  return best;
}

const flopsOf = ([m, k, n]) => 2 * m * k * n;
const callsFor = (flops) => Math.max(1, Math.round(FLOPS_PER_RUN / flops));

function measure(backendLabel) {
  const rows = CASES.map((shape) => {
    const { a, b, out, transposeA, transposeB } = operands(shape, 0);
    const seconds = bestSecondsPerCall(() => matmul(a, b, { transposeA, transposeB, out }), callsFor(flopsOf(shape)));
    return { backend: backendLabel, shape: label(shape), gflops: flopsOf(shape) / seconds / 1e9 };
  });
  const steps = networkSteps(NETWORK).map((shape, i) => operands(shape, i + 1));
  const stepFlops = networkSteps(NETWORK).reduce((sum, shape) => sum + flopsOf(shape), 0);
  const seconds = bestSecondsPerCall(() => {
    for (const { a, b, out, transposeA, transposeB } of steps) matmul(a, b, { transposeA, transposeB, out });
  }, callsFor(stepFlops));
  const network = { backend: backendLabel, iterationsPerSecond: 1 / seconds, gflops: stepFlops / seconds / 1e9 };
  return { rows, network };
}

const NUMPY_SCRIPT = `
import json, sys, time
import numpy as np
cases, steps, runs, flops_per_run = json.loads(sys.argv[1])
rng = np.random.default_rng(0)
def operands(m, k, n, ta, tb):
    a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
    return (a.T if ta else a, b.T if tb else b, np.empty((m, n), dtype=np.float32))
def best_seconds(run, calls):
    for _ in range(max(20, calls)): run()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(calls): run()
        best = min(best, (time.perf_counter() - start) / calls)
    return best
rows = []
for m, k, n, ta, tb in cases:
    A, B, out = operands(m, k, n, ta, tb)
    flops = 2 * m * k * n
    s = best_seconds(lambda: np.matmul(A, B, out=out), max(1, round(flops_per_run / flops)))
    rows.append(flops / s / 1e9)
ops = [operands(*shape) for shape in steps]
step_flops = sum(2 * m * k * n for m, k, n, _, _ in steps)
def step():
    for A, B, out in ops: np.matmul(A, B, out=out)
s = best_seconds(step, max(1, round(flops_per_run / step_flops)))
print(json.dumps({"numpy": np.__version__, "rows": rows, "step": 1 / s, "stepGflops": step_flops / s / 1e9}))
`;

function numpy() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  const input = JSON.stringify([CASES, networkSteps(NETWORK), RUNS, FLOPS_PER_RUN]);
  const run = spawnSync('python3', ['-c', NUMPY_SCRIPT, input], { env, encoding: 'utf8' });
  if (run.status !== 0)
    return { version: null, rows: [], network: null, note: 'python3 with numpy not found: NumPy skipped' };
  const parsed = JSON.parse(run.stdout);
  return {
    version: parsed.numpy,
    rows: parsed.rows.map((gflops, i) => ({ backend: 'numpy', shape: label(CASES[i]), gflops })),
    network: { backend: 'numpy', iterationsPerSecond: parsed.step, gflops: parsed.stepGflops },
  };
}

const results = [];
// Every cpu kernel this engine runs, back to back; a kernel it lacks is left out of the table.
for (const cpuKernel of ['ts', 'wasm-simd', 'wasm-relaxed-simd']) {
  try {
    await setBackend('cpu', { cpuKernel });
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    console.error(`${cpuKernel} skipped: ${error.message}`);
    continue;
  }
  results.push(measure(getBackend().detail));
}

let gpuName = null;
let gpuCallSeconds = null;
if (!quick) {
  gpuName = await setBackend('gpujs');
  results.push(measure(gpuName));
  // What a gpu.js round trip costs apart from arithmetic: the fixed side of the auto threshold.
  const tiny = operands([1, 1, 1, false, false], 0);
  gpuCallSeconds = bestSecondsPerCall(() => matmul(tiny.a, tiny.b, { out: tiny.out }), 100);
}
await setBackend('cpu');
const autoKernel = getBackend().detail;

const reference = numpy();
const rows = [...results.flatMap((r) => r.rows), ...reference.rows];
const networks = [...results.map((r) => r.network), ...(reference.network ? [reference.network] : [])];

const openblasEnv = Object.fromEntries(
  ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'].filter((key) => process.env[key]).map((key) => [key, process.env[key]]),
);
const autoRates = rows.filter((row) => row.backend === autoKernel).map((row) => row.gflops);
const cpuGflops = autoRates.reduce((sum, rate) => sum + rate, 0) / autoRates.length;
const stepShapes = networkSteps(NETWORK).map(label);

if (json) {
  const report = {
    node: process.version,
    numpy: reference.version,
    numpyThreads: 1,
    openblasEnv,
    runs: RUNS,
    gpujsCallMs: gpuCallSeconds === null ? null : gpuCallSeconds * 1000,
    breakEvenFlopsPerMsOfGpuOverhead: cpuGflops * 1e6,
    network: { ...NETWORK, matmuls: stepShapes, results: networks },
    rows,
  };
  console.log(JSON.stringify(report, null, 2));
} else {
  const backends = [...new Set(rows.map((row) => row.backend))];
  console.log(`matmul GFLOP/s, best of ${RUNS} runs (Node ${process.version}, one thread; noisy on a shared machine)`);
  const width = (backend) => Math.max(15, backend.length + 2);
  console.log(['shape'.padEnd(22), ...backends.map((b) => b.padStart(width(b)))].join(''));
  for (const shape of CASES.map(label)) {
    const cells = backends.map((b) => {
      const row = rows.find((r) => r.backend === b && r.shape === shape);
      return (row ? row.gflops.toFixed(2) : '-').padStart(width(b));
    });
    console.log(shape.padEnd(22) + cells.join(''));
  }
  console.log(
    `\nnetwork step: the ${stepShapes.length} matmuls of one forward + backward pass of ${NETWORK.sizes.join('-')}, batch ${NETWORK.batch}`,
  );
  for (const network of networks) {
    const rate = `${network.iterationsPerSecond.toFixed(0)} iterations/s`.padStart(18);
    console.log(`${network.backend.padEnd(22)}${rate}  (${network.gflops.toFixed(2)} GFLOP/s)`);
  }
  if (reference.note) console.log(reference.note);
  else
    console.log(
      `NumPy ${reference.version} with OPENBLAS_NUM_THREADS=1; OpenBLAS env left as found: ${JSON.stringify(openblasEnv)}`,
    );
  if (gpuName) {
    console.log(`gpu.js fixed cost per matmul call (${gpuName}, 1×1×1): ${(gpuCallSeconds * 1000).toFixed(3)} ms`);
  }
  console.log(
    `auto break-even: each 1 ms of GPU call overhead equals ${cpuGflops.toFixed(1)} MFLOP on cpu (${autoKernel} mean ${cpuGflops.toFixed(2)} GFLOP/s)`,
  );
}
