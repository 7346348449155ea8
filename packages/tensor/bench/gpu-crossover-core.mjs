// The measurement behind bench/gpu-crossover.mjs (Node) and bench/gpu-crossover-browser.mjs (a Chromium page):
// how long one matmul call takes on the cpu backend and on each gpujs mode, synchronous readback included,
// for growing square products and the book MLP's shapes. No Node or DOM API here, so both can run it.
import { BackendError, Matrix, createRng, getBackend, matmul, setBackend } from '../dist/index.js';

/** Square products grow while one call of a backend stays under this; beyond it that backend stops. */
const STOP_AFTER_SECONDS = 2;
/** A sample repeats the call until it lasts this long, so that coarse clocks (a browser's) still resolve it. */
const SAMPLE_SECONDS = 0.005;
/** Warm-up calls after the first (which compiles a gpu.js kernel), at most this long in all. */
const WARMUP_SECONDS = 0.2;

const SQUARE_SIZES = [32, 64, 128, 256, 512, 1024, 2048];

/** [name, m, k, n, transposeA, transposeB]: the book network 784-100-100-100-100-10 at batch 128, then evaluation. */
const MLP_SHAPES = [
  ['forward 784→100', 128, 784, 100, false, false],
  ['weight gradient 784→100', 784, 128, 100, true, false],
  ['input gradient 100→784', 128, 100, 784, false, true],
  ['hidden 100→100', 128, 100, 100, false, false],
  ['evaluation chunk 784→100', 1000, 784, 100, false, false],
];

/** One product to time: name, sizes, transposes and, for square products, its n. */
function shapeCase(name, m, k, n, transposeA, transposeB, square = null) {
  const label = `${m}×${k}×${n} ${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
  return { name, label, m, k, n, transposeA, transposeB, square, flops: 2 * m * k * n };
}

/** Every case in the order measured: the 1×1×1 round trip, growing squares, then the MLP shapes. */
export const CASES = [
  shapeCase('round trip', 1, 1, 1, false, false),
  ...SQUARE_SIZES.map((n) => shapeCase(`square ${n}`, n, n, n, false, false, n)),
  ...MLP_SHAPES.map((shape) => shapeCase(...shape)),
];

function operands({ m, k, n, transposeA, transposeB }) {
  const rng = createRng(m * 7 + k * 3 + n);
  const a = transposeA ? Matrix.zeros(k, m) : Matrix.zeros(m, k);
  const b = transposeB ? Matrix.zeros(n, k) : Matrix.zeros(k, n);
  rng.fillNormal(a.data, 1);
  rng.fillNormal(b.data, 1);
  return { a, b, options: { transposeA, transposeB, out: Matrix.zeros(m, n) } };
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Seconds per call: the median of several samples after a warm-up; slow calls get fewer samples. */
function time(call) {
  let start = performance.now();
  call();
  const firstSeconds = (performance.now() - start) / 1000;
  let estimate = firstSeconds;
  // A call that long is its own warm-up: compiling a kernel is a small part of it.
  if (firstSeconds < 1) {
    let warmCalls = 0;
    start = performance.now();
    do {
      call();
      warmCalls++;
    } while ((performance.now() - start) / 1000 < WARMUP_SECONDS && warmCalls < 50);
    estimate = (performance.now() - start) / 1000 / warmCalls;
  }
  const callsPerSample = Math.max(1, Math.ceil(SAMPLE_SECONDS / estimate));
  const sampleCount = estimate > 1 ? 3 : estimate > 0.2 ? 5 : 9;
  const samples = [];
  for (let s = 0; s < sampleCount; s++) {
    start = performance.now();
    for (let c = 0; c < callsPerSample; c++) call();
    samples.push((performance.now() - start) / 1000 / callsPerSample);
  }
  return { seconds: median(samples), firstSeconds, samples: sampleCount, callsPerSample };
}

/** Largest |x − reference| over the largest |reference|: gpu.js and cpu must compute the same product. */
function relativeError(values, reference) {
  let error = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    error = Math.max(error, Math.abs(values[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return scale > 0 ? error / scale : error;
}

/** Sets a backend; returns its description, or null (after `log`) when it cannot run here. */
async function useChoice(choice, log) {
  try {
    await setBackend(choice.backend, choice.options);
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    log(`${choice.label} skipped: ${error.message}`);
    return null;
  }
  const backend = getBackend();
  return {
    name: backend.name,
    detail: backend.detail ?? backend.name,
    kind: backend.kind ?? null,
    renderer: backend.renderer ?? null,
  };
}

/**
 * Times every case on cpu and on each gpujs `modes` entry that runs here, and checks each gpujs product
 * against cpu's. Returns { backends, rows }, rows as { backend, case, seconds, firstSeconds, samples,
 * callsPerSample, relativeError }; a square product past a backend's stop (too slow) has no row.
 */
export async function measure(modes, log = () => {}) {
  const choices = [
    { label: 'cpu', backend: 'cpu', options: {} },
    ...modes.map((mode) => ({ label: `gpujs:${mode}`, backend: 'gpujs', options: { gpujsMode: mode } })),
  ];
  const inputs = CASES.map(operands);
  const references = [];
  const backends = [];
  const rows = [];
  for (const choice of choices) {
    const backend = await useChoice(choice, log);
    if (!backend) continue;
    backends.push(backend);
    log(`measuring ${backend.detail}${backend.renderer ? ` (${backend.renderer})` : ''}`);
    let tooSlow = false;
    for (const [i, shape] of CASES.entries()) {
      if (shape.square !== null && tooSlow) continue;
      const { a, b, options } = inputs[i];
      const timing = time(() => matmul(a, b, options));
      const result = options.out.data.slice();
      if (choice.backend === 'cpu') references[i] = result;
      const error = choice.backend === 'cpu' ? 0 : relativeError(result, references[i]);
      rows.push({ backend: backend.name, case: shape.name, ...timing, relativeError: error });
      log(`  ${shape.label.padEnd(22)} ${(timing.seconds * 1000).toFixed(3)} ms`);
      if (shape.square !== null && timing.seconds > STOP_AFTER_SECONDS) tooSlow = true;
    }
  }
  await setBackend('cpu');
  return { backends, rows };
}

/**
 * Per gpujs backend, the smallest square n from which it beats cpu at every larger n measured,
 * or null (with the largest n both ran) when it never does.
 */
export function crossovers({ backends, rows }) {
  const seconds = (backend, shape) => rows.find((row) => row.backend === backend && row.case === shape.name)?.seconds;
  const squares = CASES.filter((shape) => shape.square !== null);
  return backends
    .filter((backend) => backend.name !== 'cpu')
    .map((backend) => {
      const both = squares.filter(
        (shape) => seconds(backend.name, shape) !== undefined && seconds('cpu', shape) !== undefined,
      );
      let from = null;
      for (const shape of [...both].reverse()) {
        if (seconds(backend.name, shape) >= seconds('cpu', shape)) break;
        from = shape.square;
      }
      return { backend: backend.name, squareN: from, largestCompared: both.at(-1)?.square ?? null };
    });
}

/** The report as text: one row per case, ms per call for each backend and, for gpujs, its time over cpu's. */
export function formatTable({ backends, rows }, environment) {
  const lines = [
    `matmul ms per call, median after warm-up, synchronous readback included (${environment}; noisy on a shared machine)`,
    ...backends.map((b) => `  ${b.detail}${b.renderer ? `: renderer ${b.renderer}` : ''}`),
  ];
  const title = (shape) => (shape.square === null ? `${shape.name} ${shape.label}` : shape.name);
  const titleWidth = Math.max(...CASES.map((shape) => title(shape).length)) + 2;
  const header = ['product'.padEnd(titleWidth), 'MFLOP'.padStart(9)];
  for (const backend of backends) {
    header.push(backend.name.padStart(Math.max(12, backend.name.length + 2)));
    if (backend.name !== 'cpu') header.push('×cpu'.padStart(8));
  }
  lines.push(header.join(''));
  for (const shape of CASES) {
    const cpu = rows.find((row) => row.backend === 'cpu' && row.case === shape.name);
    const cells = [title(shape).padEnd(titleWidth), (shape.flops / 1e6).toFixed(shape.flops < 1e5 ? 6 : 1).padStart(9)];
    for (const backend of backends) {
      const row = rows.find((r) => r.backend === backend.name && r.case === shape.name);
      cells.push((row ? formatMs(row.seconds) : 'stopped').padStart(Math.max(12, backend.name.length + 2)));
      if (backend.name !== 'cpu')
        cells.push((row && cpu ? `${(row.seconds / cpu.seconds).toFixed(1)}×` : '-').padStart(8));
    }
    lines.push(cells.join(''));
  }
  for (const { backend, squareN, largestCompared } of crossovers({ backends, rows })) {
    lines.push(
      squareN === null
        ? `${backend}: slower than cpu at every square size measured (up to n = ${largestCompared})`
        : `${backend}: faster than cpu from n = ${squareN} (square products, up to n = ${largestCompared} measured)`,
    );
  }
  const worst = rows.reduce((max, row) => Math.max(max, row.relativeError), 0);
  lines.push(`largest gpujs deviation from cpu: ${worst.toExponential(1)} of the largest |entry|`);
  return lines.join('\n');
}

function formatMs(seconds) {
  const ms = seconds * 1000;
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4);
}
