import { afterAll, describe, expect, it } from 'vitest';
import {
  cpuBackend,
  createRng,
  getBackend,
  matmul,
  matmulReference,
  Matrix,
  reluBackward,
  runWithBackend,
  ShapeError,
  sumColumns,
  type Backend,
} from '../src/index.js';
import { hasWasmRelaxedSimd } from '../src/backends/cpu.js';
import type { MatmulKernel } from '../src/kernels/types.js';
import { createWasmRelaxedSimdMatmul, createWasmSimdMatmul } from '../src/kernels/wasm-simd.js';
import { firstDifference, randomMatrix } from './helpers.js';

/** [m, k, n, splitK] of Aᵀ·B with A stored k × m: a first layer's and a hidden layer's dW, and odd shapes. */
const CASES: [number, number, number, number][] = [
  [784, 128, 100, 64],
  [100, 128, 100, 64],
  [37, 45, 19, 23],
  [5, 9, 130, 1],
  [64, 33, 8, 32],
];

/** k × m with about 1 value in 5 nonzero (an MNIST batch's density, so the sparse path runs), or dense. */
function operandA(k: number, m: number, sparse: boolean, seed: number): Matrix {
  const a = randomMatrix(k, m, seed);
  if (!sparse) return a;
  const keep = createRng(seed + 1).rand(a.size);
  for (let i = 0; i < a.size; i++) if (keep[i] >= 0.2) a.data[i] = 0;
  return a;
}

/** Two products over rows [0, s) and [s, k) of A and B with `kernel`, added in float32: what a split must give. */
function twoParts(kernel: MatmulKernel, a: Matrix, b: Matrix, m: number, k: number, n: number, s: number): Float32Array {
  const first = new Float32Array(m * n);
  const second = new Float32Array(m * n);
  kernel(a.data.subarray(0, s * m), b.data.subarray(0, s * n), first, m, s, n, true, false);
  kernel(a.data.subarray(s * m), b.data.subarray(s * n), second, m, k - s, n, true, false);
  return first.map((value, i) => Math.fround(value + second[i]));
}

const threaded = cpuBackend('auto', { threads: 2 });
afterAll(() => threaded.dispose?.());

const kernels: [string, MatmulKernel][] = [['cpu:ts', cpuBackend('ts').matmul], ['threads ×2', threaded.matmul]];
const simd = createWasmSimdMatmul();
if (simd) kernels.push(['wasm-simd', simd]);
const relaxed = hasWasmRelaxedSimd() ? createWasmRelaxedSimdMatmul() : null;
if (relaxed) kernels.push(['wasm-relaxed-simd', relaxed]);

describe('a product split over k', () => {
  for (const [name, kernel] of kernels) {
    for (const [m, k, n, s] of CASES) {
      for (const sparse of [false, true]) {
        it(`${name}: (${k}×${m})ᵀ·${k}×${n} split at ${s}${sparse ? ', A mostly zeros' : ''} is its two parts added, bit for bit`, () => {
          const a = operandA(k, m, sparse, m + k + n);
          const b = randomMatrix(k, n, s);
          const out = new Float32Array(m * n).fill(Number.NaN);
          kernel(a.data, b.data, out, m, k, n, true, false, s);
          // The parts through the single-thread kernel of the same family: every kernel here sums each part alike.
          expect(firstDifference(out, twoParts(kernel, a, b, m, k, n, s))).toBe(-1);
        });
      }
    }
    it(`${name}: splitK 0 or k is the plain product`, () => {
      const [m, k, n] = [37, 45, 19];
      const a = operandA(k, m, false, 1);
      const b = randomMatrix(k, n, 2);
      const plain = new Float32Array(m * n);
      kernel(a.data, b.data, plain, m, k, n, true, false);
      for (const s of [0, k]) {
        const out = new Float32Array(m * n);
        kernel(a.data, b.data, out, m, k, n, true, false, s);
        expect(firstDifference(out, plain)).toBe(-1);
      }
    });
  }

  it('differs from the unsplit sum in the last bits only', () => {
    const [m, k, n, s] = CASES[0];
    const a = operandA(k, m, false, 3);
    const b = randomMatrix(k, n, 4);
    const split = new Float32Array(m * n);
    const plain = new Float32Array(m * n);
    const kernel = kernels[kernels.length - 1][1];
    kernel(a.data, b.data, split, m, k, n, true, false, s);
    kernel(a.data, b.data, plain, m, k, n, true, false);
    expect(firstDifference(split, plain)).not.toBe(-1);
    for (let i = 0; i < split.length; i++) expect(Math.abs(split[i] - plain[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(plain[i])));
  });

  it('is split around a backend that cannot split itself', () => {
    const reference: Backend = { name: 'reference', matmul: matmulReference };
    const [m, k, n, s] = [37, 45, 19, 23];
    const a = operandA(k, m, false, 5);
    const b = randomMatrix(k, n, 6);
    const out = runWithBackend(reference, () => matmul(a, b, { transposeA: true, splitK: s }));
    expect(firstDifference(out.data, twoParts(matmulReference, a, b, m, k, n, s))).toBe(-1);
    expect(getBackend()).not.toBe(reference);
  });

  it('is refused where A and B are not both stored with k rows, or outside [0, k]', () => {
    const a = randomMatrix(8, 6, 1);
    const b = randomMatrix(8, 5, 2);
    expect(() => matmul(a, b, { splitK: 4 })).toThrow(ShapeError);
    expect(() => matmul(a, randomMatrix(5, 8, 3), { transposeA: true, transposeB: true, splitK: 4 })).toThrow(/needs transposeA and not transposeB/);
    expect(() => matmul(a, b, { transposeA: true, splitK: 9 })).toThrow(/from 0 to 8/);
    expect(() => matmul(a, b, { transposeA: true, splitK: 2.5 })).toThrow(/got 2.5/);
  });
});

describe('column sums split at a row', () => {
  const [rows, cols, split] = [45, 19, 23];

  it('sumColumns: the sums of the two parts, added', () => {
    const x = randomMatrix(rows, cols, 8);
    const top = sumColumns(new Matrix(x.data.subarray(0, split * cols), [split, cols]));
    const rest = sumColumns(new Matrix(x.data.subarray(split * cols), [rows - split, cols]));
    const got = sumColumns(x, undefined, split);
    expect(firstDifference(got.data, top.data.map((v, j) => Math.fround(v + rest.data[j])))).toBe(-1);
    expect(firstDifference(sumColumns(x, undefined, 0).data, sumColumns(x).data)).toBe(-1);
    expect(() => sumColumns(x, undefined, rows + 1)).toThrow(/splitRow must be a whole number from 0 to 45/);
  });

  it('reluBackward: the gradient unchanged, its column sums those of the two parts, added', () => {
    const y = randomMatrix(rows, cols, 9);
    const dout = randomMatrix(rows, cols, 10);
    const part = (from: number, to: number) => {
      const sums = Matrix.vector(cols);
      const dx = reluBackward(
        new Matrix(y.data.slice(from * cols, to * cols), [to - from, cols]),
        new Matrix(dout.data.slice(from * cols, to * cols), [to - from, cols]),
        undefined,
        sums,
      );
      return { dx, sums };
    };
    const top = part(0, split);
    const rest = part(split, rows);
    const sums = Matrix.vector(cols);
    const dx = reluBackward(y, dout, undefined, sums, split);
    expect(firstDifference(dx.data, Float32Array.from([...top.dx.data, ...rest.dx.data]))).toBe(-1);
    expect(firstDifference(sums.data, top.sums.data.map((v, j) => Math.fround(v + rest.sums.data[j])))).toBe(-1);
  });
});
