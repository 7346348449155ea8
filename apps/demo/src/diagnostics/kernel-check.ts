import { Matrix, createGpujsWebGpuBackend, createRng, matmul, matmulReference, setBackend } from '@initlab/tensor';

/** Which GPU path to check against the cpu backend. */
export type KernelTarget = 'gpujs' | 'webgpu';

/** How one GPU matmul compared with the cpu backend. */
export interface KernelCheck {
  /** What computed: `gpujs:webgl2`, `gpujs:webgpu`, … */
  backend: string;
  /** Per form (`ab`, `atb`, `abt`): max |gpu − cpu| / max |cpu|, against the cpu backend. */
  relativeError: Record<string, number>;
  /** The same against a float64-accumulated reference, so that a cpu backend gone wrong cannot hide a GPU error. */
  referenceError: Record<string, number>;
}

// Odd sizes catch indexing mistakes that square ones hide.
const M = 37;
const K = 129;
const N = 23;

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

/** The three forms the trainer uses: A·B (forward), Aᵀ·B (weight gradient), A·Bᵀ (input gradient). */
const FORMS = [
  { name: 'ab', a: [M, K], b: [K, N], transposeA: false, transposeB: false },
  { name: 'atb', a: [K, M], b: [K, N], transposeA: true, transposeB: false },
  { name: 'abt', a: [M, K], b: [N, K], transposeA: false, transposeB: true },
] as const;

function operands() {
  return FORMS.map((form, i) => ({ ...form, left: randomMatrix(form.a[0], form.a[1], 2 * i + 1), right: randomMatrix(form.b[0], form.b[1], 2 * i + 2) }));
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
      const out = new Float32Array(M * N);
      await backend.matmul(c.left.data, c.right.data, out, M, K, N, c.transposeA, c.transposeB);
      products.push(out);
    }
    return { backend: backend.name, products };
  } finally {
    backend.dispose?.();
  }
}

/** Multiplies seeded random matrices on `target` and on the cpu backend and reports how far they differ. */
export async function checkKernels(target: KernelTarget): Promise<KernelCheck> {
  const cases = operands();
  await setBackend('cpu');
  const expected = cpuProducts(cases);
  const { backend, products } = target === 'gpujs' ? await viaTensor(cases) : await viaWebGpu(cases);
  await setBackend('cpu');
  const reference = cases.map((c) => {
    const out = new Float32Array(M * N);
    matmulReference(c.left.data, c.right.data, out, M, K, N, c.transposeA, c.transposeB);
    return out;
  });
  const errors = (against: Float32Array[]) => Object.fromEntries(cases.map((c, i) => [c.name, relativeError(products[i], against[i])]));
  return { backend, relativeError: errors(expected), referenceError: errors(reference) };
}
