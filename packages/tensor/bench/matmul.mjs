// Matmul GFLOP/s of each backend on the book MLP's shapes, with NumPy's (OpenBLAS, one thread)
// on the same shapes when python3 + numpy are present. Run after `pnpm build`.
// Usage: node bench/matmul.mjs [--json]
import { spawnSync } from 'node:child_process';
import { Matrix, createRng, getBackend, matmul, setBackend } from '../dist/index.js';

const json = process.argv.includes('--json');
const SECONDS_PER_CASE = 0.5;

/** [label, m, k, n, transposeA, transposeB]: forward, weight gradient, hidden layer, input gradient. */
const CASES = [
  ['(128×784)·(784×100)', 128, 784, 100, false, false],
  ['(128×784)ᵀ·(128×100)', 784, 128, 100, true, false],
  ['(128×100)·(100×100)', 128, 100, 100, false, false],
  ['(128×100)·(784×100)ᵀ', 128, 100, 784, false, true],
];

function operands(m, k, n, transposeA, transposeB) {
  const rng = createRng(0);
  const a = transposeA ? Matrix.zeros(k, m) : Matrix.zeros(m, k);
  const b = transposeB ? Matrix.zeros(n, k) : Matrix.zeros(k, n);
  rng.fillNormal(a.data, 1);
  rng.fillNormal(b.data, 1);
  return { a, b, out: Matrix.zeros(m, n) };
}

/** Repeats `run` for about `seconds` after a warm-up and returns the mean seconds per call. */
function timePerCall(run, seconds) {
  for (let i = 0; i < 3; i++) run();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    run();
    calls++;
    elapsed = performance.now() - start;
  }
  return elapsed / 1000 / calls;
}

function measure(backendLabel) {
  const rows = [];
  for (const [label, m, k, n, transposeA, transposeB] of CASES) {
    const { a, b, out } = operands(m, k, n, transposeA, transposeB);
    const seconds = timePerCall(() => matmul(a, b, { transposeA, transposeB, out }), SECONDS_PER_CASE);
    rows.push({ backend: backendLabel, shape: label, gflops: (2 * m * k * n) / seconds / 1e9 });
  }
  return rows;
}

const NUMPY_SCRIPT = `
import json, sys, time
import numpy as np
cases = json.loads(sys.argv[1])
rng = np.random.default_rng(0)
result = []
for label, m, k, n, ta, tb in cases:
    a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
    A = a.T if ta else a
    B = b.T if tb else b
    out = np.empty((m, n), dtype=np.float32)
    for _ in range(3): np.matmul(A, B, out=out)
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < ${SECONDS_PER_CASE}:
        np.matmul(A, B, out=out); calls += 1
    seconds = (time.perf_counter() - start) / calls
    result.append({"backend": "numpy", "shape": label, "gflops": 2 * m * k * n / seconds / 1e9})
print(json.dumps({"numpy": np.__version__, "rows": result}))
`;

function numpyRows() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  const run = spawnSync('python3', ['-c', NUMPY_SCRIPT, JSON.stringify(CASES)], { env, encoding: 'utf8' });
  if (run.status !== 0) return { version: null, rows: [], note: 'python3 with numpy not found: NumPy skipped' };
  const parsed = JSON.parse(run.stdout);
  return { version: parsed.numpy, rows: parsed.rows };
}

const rows = [];
await setBackend('cpu', { cpuKernel: 'ts' });
rows.push(...measure('cpu:ts'));
await setBackend('cpu', { cpuKernel: 'wasm-simd' });
rows.push(...measure(getBackend().detail));

const gpuName = await setBackend('gpujs');
rows.push(...measure(gpuName));
// What a gpu.js round trip costs apart from arithmetic: the fixed side of the auto threshold.
const tiny = operands(1, 1, 1, false, false);
const gpuCallSeconds = timePerCall(() => matmul(tiny.a, tiny.b, { out: tiny.out }), SECONDS_PER_CASE);
await setBackend('cpu');

const numpy = numpyRows();
rows.push(...numpy.rows);

const openblasEnv = Object.fromEntries(
  ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'].filter((key) => process.env[key]).map((key) => [key, process.env[key]]),
);
const wasmRate = rows.filter((row) => row.backend.includes('wasm')).map((row) => row.gflops);
const cpuGflops = wasmRate.reduce((sum, rate) => sum + rate, 0) / wasmRate.length;
const report = {
  node: process.version,
  numpy: numpy.version,
  numpyThreads: 1,
  openblasEnv,
  gpujsCallMs: gpuCallSeconds * 1000,
  breakEvenFlopsPerMsOfGpuOverhead: cpuGflops * 1e6,
  rows,
};

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const backends = [...new Set(rows.map((row) => row.backend))];
  const header = ['shape'.padEnd(24), ...backends.map((b) => ` ${b}`.padStart(16))].join('');
  console.log(`matmul GFLOP/s (Node ${process.version}, one thread; noisy on a shared machine)`);
  console.log(header);
  for (const [label] of CASES) {
    const cells = backends.map((b) => {
      const row = rows.find((r) => r.backend === b && r.shape === label);
      return (row ? row.gflops.toFixed(2) : '-').padStart(16);
    });
    console.log(label.padEnd(24) + cells.join(''));
  }
  if (numpy.note) console.log(numpy.note);
  else console.log(`NumPy ${numpy.version} with OPENBLAS_NUM_THREADS=1; OpenBLAS env left as found: ${JSON.stringify(openblasEnv)}`);
  console.log(`gpu.js fixed cost per matmul call (${gpuName}, 1×1×1): ${(gpuCallSeconds * 1000).toFixed(3)} ms`);
  console.log(
    `auto break-even: each 1 ms of GPU call overhead equals ${(cpuGflops).toFixed(1)} MFLOP on cpu (wasm-simd mean ${cpuGflops.toFixed(2)} GFLOP/s)`,
  );
}
