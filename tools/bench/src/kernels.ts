import { BackendError, Matrix, createRng, getBackend, matmul, setBackend, type BackendChoice } from '@initlab/tensor';
import type { Dataset } from '@initlab/datasets';
import { numpyMatmulGflops, type MatmulShape } from './numpy.js';

/** One matrix product of the MLP, named for the tables. */
export interface KernelShape extends MatmulShape {
  label: string;
}

/** The book network's products at batch 128: forward X·W, weight gradient Xᵀ·dY, input gradient dY·Wᵀ, a hidden layer. */
export const KERNEL_SHAPES: readonly KernelShape[] = [
  { label: 'A·B 128×784 · 784×100', m: 128, k: 784, n: 100, transposeA: false, transposeB: false },
  { label: 'Aᵀ·B (128×784)ᵀ · 128×100', m: 784, k: 128, n: 100, transposeA: true, transposeB: false },
  { label: 'A·Bᵀ 128×100 · (784×100)ᵀ', m: 128, k: 100, n: 784, transposeA: false, transposeB: true },
  { label: 'A·B 128×100 · 100×100', m: 128, k: 100, n: 100, transposeA: false, transposeB: false },
  { label: 'X·W, X an MNIST batch 128×784', m: 128, k: 784, n: 100, transposeA: false, transposeB: false, mnist: true },
  {
    label: 'Xᵀ·dY, X an MNIST batch 128×784',
    m: 784,
    k: 128,
    n: 100,
    transposeA: true,
    transposeB: false,
    mnist: true,
  },
];

/** Images in the MNIST operand of the `mnist` shapes. */
export const MNIST_ROWS = 128;

/** Timed runs per shape; the best counts, since a shared machine only ever slows a run down. */
export const KERNEL_RUNS = 30;
/** Work per timed run, so that one run takes a few milliseconds whatever the shape. */
const FLOPS_PER_RUN = 4e7;

/** GFLOP/s of one backend on each of KERNEL_SHAPES, or why it could not run. */
export interface KernelResult {
  backend: string;
  /** Whether the kernels ran on a GPU; gpu.js in Node runs its webasm mode, on the CPU. */
  gpu: boolean;
  gflops: number[] | null;
  note?: string;
}

/** The kernel section of the suite. */
export interface KernelSection {
  shapes: (KernelShape & { flops: number })[];
  runs: number;
  results: KernelResult[];
  numpy: { gflops: number[] } | null;
  /** Share of nonzero values in the MNIST operand. */
  mnistDensity: number;
}

const flopsOf = ({ m, k, n }: KernelShape) => 2 * m * k * n;

function bestSecondsPerCall(run: () => void, calls: number): number {
  for (let i = 0; i < Math.max(20, calls); i++) run();
  let best = Infinity;
  for (let r = 0; r < KERNEL_RUNS; r++) {
    const start = performance.now();
    for (let c = 0; c < calls; c++) run();
    best = Math.min(best, (performance.now() - start) / 1000 / calls);
  }
  return best;
}

function gflopsOf(shape: KernelShape, mnist: Float32Array): number {
  const { m, k, n, transposeA, transposeB } = shape;
  const rng = createRng(0);
  const a = transposeA ? Matrix.zeros(k, m) : Matrix.zeros(m, k);
  const b = transposeB ? Matrix.zeros(n, k) : Matrix.zeros(k, n);
  if (shape.mnist) a.data.set(mnist);
  else rng.fillNormal(a.data, 1);
  rng.fillNormal(b.data, 1);
  const out = Matrix.zeros(m, n);
  const flops = flopsOf(shape);
  const seconds = bestSecondsPerCall(
    () => matmul(a, b, { transposeA, transposeB, out }),
    Math.max(1, Math.round(FLOPS_PER_RUN / flops)),
  );
  return flops / seconds / 1e9;
}

async function measureBackend(choice: BackendChoice, mnist: Float32Array, threads = 1): Promise<KernelResult> {
  try {
    await setBackend(choice, { threads });
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    return { backend: choice, gpu: false, gflops: null, note: `not measured: ${error.message}` };
  }
  const backend = getBackend();
  const name = backend.detail && choice === 'cpu' ? backend.detail : backend.name;
  const gflops = KERNEL_SHAPES.map((shape) => gflopsOf(shape, mnist));
  if (backend.name === 'gpujs:webasm') {
    return { backend: name, gpu: false, gflops, note: "gpu.js's webasm mode: WebAssembly on the CPU, not a GPU" };
  }
  return { backend: name, gpu: backend.name.startsWith('gpujs'), gflops };
}

/**
 * Matmul GFLOP/s on the MLP's shapes through @initlab/tensor's public API, for the cpu backend on one thread and
 * on `threads` (when more than one), and gpu.js, beside NumPy (one OpenBLAS thread) when `withNumpy`. The `mnist`
 * shapes multiply `dataset`'s first training images, which NumPy reads from the IDX file in `mnistDir`; their rate
 * counts 2mkn FLOPs per product, zeros included. Leaves the cpu backend selected.
 */
export async function measureKernels(
  withNumpy: boolean,
  threads: number,
  dataset: Dataset,
  mnistDir: string,
): Promise<KernelSection> {
  const mnist = new Float32Array(MNIST_ROWS * dataset.inputSize);
  dataset.train.range(0, MNIST_ROWS, mnist);
  const results = [await measureBackend('cpu', mnist)];
  if (threads > 1) results.push(await measureBackend('cpu', mnist, threads));
  results.push(await measureBackend('gpujs', mnist));
  await setBackend('cpu');
  const numpyRates = withNumpy ? numpyMatmulGflops(KERNEL_SHAPES, KERNEL_RUNS, FLOPS_PER_RUN, mnistDir) : null;
  return {
    shapes: KERNEL_SHAPES.map((shape) => ({ ...shape, flops: flopsOf(shape) })),
    runs: KERNEL_RUNS,
    results,
    numpy: numpyRates ? { gflops: numpyRates } : null,
    mnistDensity: mnist.reduce((count, value) => count + (value !== 0 ? 1 : 0), 0) / mnist.length,
  };
}
