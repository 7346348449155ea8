import { Matrix, createRng, matmul, matmulReference, setBackend } from '@initlab/tensor';

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

/**
 * gpu.js's WebGPU kernels only read back through a Promise, which the synchronous backend seam of
 * @initlab/tensor cannot offer; the check runs the same kernel sources in gpu.js's `webgpu` mode directly.
 */
async function viaWebGpu(cases: ReturnType<typeof operands>): Promise<{ backend: string; products: Float32Array[] }> {
  const lib = await import('gpu.js');
  const { GPU } = (lib as unknown as { default?: typeof lib }).default ?? lib;
  if (!(await GPU.isWebGPUAvailable())) throw new Error('WebGPU: the browser offers no adapter');
  const gpu = new GPU({ mode: 'webgpu' });
  try {
    const products: Float32Array[] = [];
    for (const c of cases) {
      const kernel = gpu.createKernel(WEBGPU_SOURCES[c.name], {
        output: [N, M],
        constants: { m: M, k: K, n: N },
        precision: 'single',
      });
      const rows = (await (kernel(c.left.data, c.right.data) as unknown as Promise<Float32Array[]>)) as ArrayLike<ArrayLike<number>>;
      const out = new Float32Array(M * N);
      for (let i = 0; i < M; i++) out.set(rows[i] as Float32Array, i * N);
      products.push(out);
    }
    return { backend: 'gpujs:webgpu', products };
  } finally {
    void gpu.destroy();
  }
}

/** Strings, so that no minifier rewrites what gpu.js parses. thread.x is the column, thread.y the row. */
const WEBGPU_SOURCES: Record<string, string> = {
  ab: `function (a, b) { let s = 0; for (let p = 0; p < this.constants.k; p++) { s += a[this.thread.y * this.constants.k + p] * b[p * this.constants.n + this.thread.x]; } return s; }`,
  atb: `function (a, b) { let s = 0; for (let p = 0; p < this.constants.k; p++) { s += a[p * this.constants.m + this.thread.y] * b[p * this.constants.n + this.thread.x]; } return s; }`,
  abt: `function (a, b) { let s = 0; for (let p = 0; p < this.constants.k; p++) { s += a[this.thread.y * this.constants.k + p] * b[this.thread.x * this.constants.k + p]; } return s; }`,
};

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
