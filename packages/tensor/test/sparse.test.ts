import { afterAll, describe, expect, it } from 'vitest';
import { createRng, Matrix } from '../src/index.js';
import { decodeBase64 } from '../src/kernels/heap-views.js';
import type { MatmulKernel } from '../src/kernels/types.js';
import type { MatmulExports } from '../src/kernels/wasm-layout.js';
import { MATMUL_WASM_BASE64 } from '../src/kernels/wasm/matmul-bytes.generated.js';
import { createWasmRelaxedSimdMatmul, createWasmSimdMatmul, type WasmKernelOptions } from '../src/kernels/wasm-simd.js';
import { SPARSE_MAX_DENSITY, SPARSE_MIN_COLUMNS } from '../src/kernels/wasm-sparse.js';
import { createThreadedMatmul, type ThreadedMatmul } from '../src/kernels/wasm-threads.js';
import { hasWasmRelaxedSimd } from '../src/backends/cpu.js';
import { firstDifference, firstMismatch, matmulFloat64, randomMatrix } from './helpers.js';

/** [m, k, n]: the MLP's first layer both ways, an evaluation chunk, and shapes off every strip, quad and column block. */
const SHAPES: [number, number, number][] = [
  [128, 784, 100],
  [784, 128, 100],
  [1000, 300, 100],
  [131, 97, 45],
  [45, 257, 131],
  [7, 13, 17],
  [1, 801, 16],
  [203, 5, 33],
];

/** A rows × cols matrix of N(0, 1) values, each kept with probability `density`, else 0 (a fresh copy of a cached draw). */
const operands = new Map<string, Matrix>();

function sparseOperand(rows: number, cols: number, density: number, seed: number): Matrix {
  const key = `${rows},${cols},${density},${seed}`;
  const cached = operands.get(key);
  if (cached) return new Matrix(cached.data.slice(), [rows, cols]);
  const rng = createRng(seed);
  const matrix = Matrix.zeros(rows, cols);
  const keep = rng.rand(rows * cols);
  rng.fillNormal(matrix.data, 1);
  for (let i = 0; i < keep.length; i++) if (keep[i] >= density) matrix.data[i] = 0;
  operands.set(key, matrix);
  return new Matrix(matrix.data.slice(), [rows, cols]);
}

interface Kernels {
  name: string;
  sparse: MatmulKernel;
  dense: MatmulKernel;
  paths: string[];
  dispose?(): void;
}

function run(
  kernel: MatmulKernel,
  a: Matrix,
  b: Matrix,
  [m, k, n]: [number, number, number],
  transposeA: boolean,
): Float32Array {
  const out = new Float32Array(m * n).fill(Number.NaN);
  kernel(a.data, b.data, out, m, k, n, transposeA, false);
  return out;
}

function kernelsOf(name: string, make: (options: WasmKernelOptions) => MatmulKernel | null): Kernels | null {
  const paths: string[] = [];
  const sparse = make({ observe: (path) => paths.push(path) });
  const dense = make({ sparse: false });
  return sparse && dense ? { name, sparse, dense, paths } : null;
}

const kernels: Kernels[] = [];
const simd = kernelsOf('wasm-simd', (options) => createWasmSimdMatmul(options));
if (simd) kernels.push(simd);
const relaxed = hasWasmRelaxedSimd()
  ? kernelsOf('wasm-relaxed-simd', (options) => createWasmRelaxedSimdMatmul(options))
  : null;
if (relaxed) kernels.push(relaxed);
const threaded: ThreadedMatmul[] = [];
for (const [name, threads, make] of [
  ['wasm-simd×3', 3, simd && ((options: WasmKernelOptions) => createWasmSimdMatmul(options))],
  ['wasm-relaxed-simd×2', 2, relaxed && ((options: WasmKernelOptions) => createWasmRelaxedSimdMatmul(options))],
] as const) {
  if (!make) continue;
  const paths: string[] = [];
  const observe = (path: string) => paths.push(path);
  const relaxedSimd = name.startsWith('wasm-relaxed');
  // Products too small to split go to the one-thread kernel, as in the cpu backend: it reports to the same list.
  const sparse = createThreadedMatmul(threads, relaxedSimd, make({ observe })!, { observe });
  const dense = createThreadedMatmul(threads, relaxedSimd, make({ sparse: false })!, { sparse: false });
  if (!sparse || !dense) continue;
  threaded.push(sparse, dense);
  kernels.push({ name, sparse: sparse.matmul, dense: dense.matmul, paths });
}

describe('WASM matmul: op(A) mostly zeros', () => {
  afterAll(() => {
    for (const t of threaded) t.dispose();
  });

  it('has the kernels to test', () => {
    expect(kernels.map((k) => k.name)).toContain('wasm-simd');
    expect(kernels.length).toBeGreaterThanOrEqual(3);
  });

  for (const { name, sparse, dense, paths } of kernels) {
    describe(name, () => {
      for (const transposeA of [false, true]) {
        for (const shape of SHAPES) {
          const [m, k, n] = shape;
          for (const density of [0, 0.05, 0.2]) {
            it(`${transposeA ? 'Aᵀ' : 'A'}·B, m=${m} k=${k} n=${n}, ${density * 100}% nonzero: bit-identical to the dense path, on the sparse path`, () => {
              const a = transposeA ? sparseOperand(k, m, density, m + k) : sparseOperand(m, k, density, m + k);
              const b = randomMatrix(k, n, n + 2 * k);
              paths.length = 0;
              const got = run(sparse, a, b, shape, transposeA);
              expect(paths).toEqual(['sparse']);
              expect(firstDifference(got, run(dense, a, b, shape, transposeA))).toBe(-1);
              // the dense path is checked against float64 on every shape in matmul.test.ts; here once per case
              if (name === 'wasm-simd') {
                const want = matmulFloat64(a, b, transposeA, false);
                expect(firstMismatch(got, want.value, 1e-5, want.scale)).toBe(-1);
              }
            });
          }
        }
      }
    });
  }

  it('takes the sparse path for MNIST-like inputs on every kernel, and the dense one above the density bound', () => {
    for (const { name, sparse, paths } of kernels) {
      for (const [density, path] of [
        [0.2, 'sparse'],
        [SPARSE_MAX_DENSITY + 0.1, 'dense'],
      ] as const) {
        paths.length = 0;
        run(sparse, sparseOperand(128, 784, density, 1), randomMatrix(784, 100, 2), [128, 784, 100], false);
        run(sparse, sparseOperand(128, 784, density, 3), randomMatrix(128, 100, 4), [784, 128, 100], true);
        expect({ name, density, paths }).toEqual({ name, density, paths: [path, path] });
      }
    }
  });

  it(`keeps the dense path for C narrower than ${SPARSE_MIN_COLUMNS} columns and for B stored transposed`, () => {
    for (const { sparse, dense, paths } of kernels) {
      paths.length = 0;
      const a = sparseOperand(300, 800, 0.1, 5);
      const narrow = randomMatrix(800, SPARSE_MIN_COLUMNS - 1, 6);
      const got = run(sparse, a, narrow, [300, 800, SPARSE_MIN_COLUMNS - 1], false);
      expect(firstDifference(got, run(dense, a, narrow, [300, 800, SPARSE_MIN_COLUMNS - 1], false))).toBe(-1);
      const bt = randomMatrix(100, 800, 7);
      const out = new Float32Array(300 * 100);
      sparse(a.data, bt.data, out, 300, 800, 100, false, true);
      expect(paths.every((path) => path === 'dense')).toBe(true);
    }
  });

  it('gives NaN where B holds ∞ or NaN, as the dense path does (0·∞), and keeps NaN and ∞ of A', () => {
    for (const { name, sparse, dense } of kernels) {
      const shape: [number, number, number] = [64, 300, 40];
      const a = sparseOperand(64, 300, 0.1, 8);
      for (let p = 0; p < 300; p++) a.data[5 * 300 + p] = 0; // row 5 of A: zeros only
      a.data[7 * 300 + 11] = Number.POSITIVE_INFINITY;
      a.data[9 * 300 + 13] = Number.NaN;
      a.data[10 * 300 + 14] = -0;
      const b = randomMatrix(300, 40, 9);
      b.data[299 * 40 + 3] = Number.POSITIVE_INFINITY;
      b.data[17 * 40 + 39] = Number.NaN;
      const got = run(sparse, a, b, shape, false);
      expect(Number.isNaN(got[5 * 40 + 3]), name).toBe(true);
      expect(firstDifference(got, run(dense, a, b, shape, false)), name).toBe(-1);
      const finite = randomMatrix(300, 40, 9);
      const withInf = run(sparse, a, finite, shape, false);
      expect(withInf[5 * 40]).toBe(0);
      expect(Number.isNaN(withInf[9 * 40]) && !Number.isFinite(withInf[7 * 40 + 1])).toBe(true);
      expect(firstDifference(withInf, run(dense, a, finite, shape, false)), name).toBe(-1);
    }
  });

  it('stays right over products that alternate paths, shapes and forms on one memory', () => {
    for (const { name, sparse, dense } of kernels) {
      for (let round = 0; round < 4; round++) {
        for (const [index, shape] of SHAPES.entries()) {
          const [m, k, n] = shape;
          const transposeA = (round + index) % 2 === 1;
          const density = (round + index) % 3 === 0 ? 0.6 : 0.15;
          const a = transposeA
            ? sparseOperand(k, m, density, round * 100 + index)
            : sparseOperand(m, k, density, round * 100 + index);
          const b = randomMatrix(k, n, index);
          expect(firstDifference(run(sparse, a, b, shape, transposeA), run(dense, a, b, shape, transposeA)), name).toBe(
            -1,
          );
        }
      }
    }
  });
});

describe('the scans that choose the sparse path', () => {
  // countNonzero and allFinite read 16 floats at a time, then 4, then one: every length up to 40 and every
  // position of the odd value cross all three parts.
  const exports = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(MATMUL_WASM_BASE64)))
    .exports as unknown as MatmulExports;
  const heap = new Float32Array(exports.memory!.buffer);
  const at = exports.operandsStart.value as number;

  it('countNonzero counts every nonzero, wherever it lies', () => {
    for (let length = 0; length <= 40; length++) {
      for (let position = 0; position < length; position++) {
        heap.fill(0, at >> 2, (at >> 2) + length + 4);
        heap[(at >> 2) + position] = position % 2 === 0 ? 0.5 : -3;
        heap[(at >> 2) + length] = 1; // just past the range: not counted
        expect(exports.countNonzero(at, length), `length ${length}, position ${position}`).toBe(1);
      }
      heap.fill(-0, at >> 2, (at >> 2) + length);
      expect(exports.countNonzero(at, length)).toBe(0);
      heap.fill(2, at >> 2, (at >> 2) + length);
      expect(exports.countNonzero(at, length)).toBe(length);
    }
  });

  it('allFinite finds one ∞ or NaN, wherever it lies', () => {
    for (let length = 1; length <= 40; length++) {
      heap.fill(1e38, at >> 2, (at >> 2) + length + 1);
      heap[(at >> 2) + length] = Number.NaN; // just past the range: not read
      expect(exports.allFinite(at, length)).toBe(1);
      for (let position = 0; position < length; position++) {
        for (const odd of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]) {
          heap[(at >> 2) + position] = odd;
          expect(exports.allFinite(at, length), `length ${length}, position ${position}, ${odd}`).toBe(0);
          heap[(at >> 2) + position] = -1e38;
        }
      }
    }
  });
});
