import {
  Matrix,
  cpuBackend,
  createGpujsWebGpuBackend,
  createRng,
  matmul,
  matmulReference,
  setBackend,
} from '@initlab/tensor';

/** Which path to check against the cpu backend: a GPU one, or the cpu kernel split over Web Workers. */
export type KernelTarget = 'gpujs' | 'webgpu' | 'threads';

/** How one GPU matmul compared with the cpu backend. */
export interface KernelCheck {
  /** What computed: `gpujs:webgl2`, `gpujs:webgpu`, `cpu:wasm-relaxed-simd×2`, … */
  backend: string;
  /** Per form (`ab`, `atb`, `abt`, and `ab-sparse`, `atb-sparse` with A mostly zeros): max |gpu − cpu| / max |cpu|, against the cpu backend. */
  relativeError: Record<string, number>;
  /** The same against a float64-accumulated reference, so that a cpu backend gone wrong cannot hide a GPU error. */
  referenceError: Record<string, number>;
}

// Odd sizes catch indexing mistakes that square ones hide.
const GPU_SIZES: Sizes = [37, 129, 23];
// Large enough (6.5 MFLOP) that the threaded cpu kernel splits every product.
const THREAD_SIZES: Sizes = [131, 257, 97];
const THREADS = 2;

type Sizes = readonly [m: number, k: number, n: number];

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const data = new Float32Array(rows * cols);
  createRng(seed).fillNormal(data, 1);
  return Matrix.from(data, rows, cols);
}

function relativeError(actual: ArrayLike<number>, expected: Float32Array): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return worst / scale;
}

/** `randomMatrix` with four values in five set to 0, as in a batch of MNIST images: the cpu kernels' sparse path. */
function mostlyZeros(rows: number, cols: number, seed: number): Matrix {
  const matrix = randomMatrix(rows, cols, seed);
  const keep = createRng(seed + 1000).rand(matrix.data.length);
  for (let i = 0; i < keep.length; i++) if (keep[i] >= 0.2) matrix.data[i] = 0;
  return matrix;
}

/**
 * The three forms the trainer uses: A·B (forward), Aᵀ·B (weight gradient), A·Bᵀ (input gradient); and the first
 * two with A mostly zeros, as the first layer multiplies a batch of images.
 */
function forms([M, K, N]: Sizes) {
  return [
    { name: 'ab', a: [M, K], b: [K, N], transposeA: false, transposeB: false, sparse: false },
    { name: 'atb', a: [K, M], b: [K, N], transposeA: true, transposeB: false, sparse: false },
    { name: 'abt', a: [M, K], b: [N, K], transposeA: false, transposeB: true, sparse: false },
    { name: 'ab-sparse', a: [M, K], b: [K, N], transposeA: false, transposeB: false, sparse: true },
    { name: 'atb-sparse', a: [K, M], b: [K, N], transposeA: true, transposeB: false, sparse: true },
  ] as const;
}

function operands(sizes: Sizes) {
  return forms(sizes).map((form, i) => ({
    ...form,
    sizes,
    left: (form.sparse ? mostlyZeros : randomMatrix)(form.a[0], form.a[1], 2 * i + 1),
    right: randomMatrix(form.b[0], form.b[1], 2 * i + 2),
  }));
}

function cpuProducts(cases: ReturnType<typeof operands>): Float32Array[] {
  return cases.map((c) => matmul(c.left, c.right, { transposeA: c.transposeA, transposeB: c.transposeB }).data.slice());
}

async function viaTensor(cases: ReturnType<typeof operands>): Promise<{ backend: string; products: Float32Array[] }> {
  const backend = await setBackend('gpujs');
  const products = cpuProducts(cases);
  return { backend, products };
}

/** The gpujs kernels on gpu.js's `webgpu` mode, whose products come back through Promises. */
async function viaWebGpu(cases: ReturnType<typeof operands>): Promise<{ backend: string; products: Float32Array[] }> {
  const backend = await createGpujsWebGpuBackend();
  try {
    const products: Float32Array[] = [];
    for (const c of cases) {
      const [m, k, n] = c.sizes;
      const out = new Float32Array(m * n);
      await backend.matmul(c.left.data, c.right.data, out, m, k, n, c.transposeA, c.transposeB);
      products.push(out);
    }
    return { backend: backend.name, products };
  } finally {
    backend.dispose?.();
  }
}

/** The cpu kernel on THREADS threads: helper Web Workers on the page's shared memory (it must be cross-origin isolated). */
function viaThreads(cases: ReturnType<typeof operands>): { backend: string; products: Float32Array[] } {
  const backend = cpuBackend('auto', { threads: THREADS });
  try {
    const products = cases.map((c) => {
      const [m, k, n] = c.sizes;
      const out = new Float32Array(m * n);
      backend.matmul(c.left.data, c.right.data, out, m, k, n, c.transposeA, c.transposeB);
      return out;
    });
    return { backend: backend.detail ?? backend.name, products };
  } finally {
    backend.dispose?.();
  }
}

/**
 * Multiplies seeded random matrices on `target` and on the cpu backend and reports how far they differ (for
 * `threads`, nothing: every product must be bit-identical to one thread's).
 */
export async function checkKernels(target: KernelTarget): Promise<KernelCheck> {
  const cases = operands(target === 'threads' ? THREAD_SIZES : GPU_SIZES);
  await setBackend('cpu');
  const expected = cpuProducts(cases);
  const { backend, products } =
    target === 'gpujs' ? await viaTensor(cases) : target === 'webgpu' ? await viaWebGpu(cases) : viaThreads(cases);
  await setBackend('cpu');
  const reference = cases.map((c) => {
    const [m, k, n] = c.sizes;
    const out = new Float32Array(m * n);
    matmulReference(c.left.data, c.right.data, out, m, k, n, c.transposeA, c.transposeB);
    return out;
  });
  const errors = (against: Float32Array[]) =>
    Object.fromEntries(cases.map((c, i) => [c.name, relativeError(products[i], against[i])]));
  return { backend, relativeError: errors(expected), referenceError: errors(reference) };
}
