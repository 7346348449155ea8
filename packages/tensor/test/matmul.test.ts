import { afterAll, describe, expect, it } from 'vitest';
import { hasWasmRelaxedSimd } from '../src/backends/cpu.js';
import { backendName, getBackend, hasWasmSimd, Matrix, matmul, setBackend } from '../src/index.js';
import { decodeBase64 } from '../src/kernels/heap-views.js';
import { MATMUL_RELAXED_WASM_BASE64 } from '../src/kernels/wasm/matmul-relaxed-bytes.generated.js';
import { firstMismatch, matmulFloat64, randomMatrix } from './helpers.js';

const TOLERANCE = 1e-5;

type Form = [transposeA: boolean, transposeB: boolean];
const FORMS: Form[] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** [m, k, n]: ones, primes off every tile size, the MLP shapes and a 784×1000 operand. */
const CPU_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [7, 1, 7],
  [7, 7, 7],
  [129, 7, 1],
  [1, 129, 7],
  [129, 129, 129],
  [128, 784, 100],
  [784, 128, 100],
  [128, 100, 784],
  [7, 784, 1000],
  [3, 0, 5],
];

/**
 * [m, k, n] around the WASM kernel's tiles (4 rows, 8-column panels, k packed 4 at a time):
 * every m % 4, n % 8 and k % 4, k = 1, n = 1, and whole tiles with nothing left over.
 */
const WASM_EDGE_SHAPES: [number, number, number][] = [
  [4, 8, 8],
  [8, 4, 16],
  [5, 6, 9],
  [6, 3, 12],
  [11, 1, 13],
  [8, 5, 1],
  [3, 2, 20],
  [2, 9, 6],
  [14, 17, 23],
  [13, 1, 1],
  [1, 1, 15],
];

const GPUJS_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [7, 1, 7],
  [129, 7, 1],
  [1, 129, 7],
  [13, 784, 9],
];

function stored(rows: number, cols: number, transposed: boolean, seed: number): Matrix {
  return transposed ? randomMatrix(cols, rows, seed) : randomMatrix(rows, cols, seed);
}

function checkShapes(shapes: [number, number, number][]): void {
  for (const [transposeA, transposeB] of FORMS) {
    const form = `${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
    for (const [m, k, n] of shapes) {
      it(`${form} with m=${m} k=${k} n=${n} matches float64`, () => {
        const a = stored(m, k, transposeA, m * 7 + k);
        const b = stored(k, n, transposeB, n * 13 + k + 1);
        const out = Matrix.zeros(m, n);
        out.data.fill(Number.NaN);
        matmul(a, b, { transposeA, transposeB, out });
        const want = matmulFloat64(a, b, transposeA, transposeB);
        const bad = firstMismatch(out.data, want.value, TOLERANCE, want.scale);
        expect(bad, bad < 0 ? '' : `entry ${bad}: ${out.data[bad]} vs ${want.value[bad]}`).toBe(-1);
      });
    }
  }
}

afterAll(async () => {
  await setBackend('cpu');
});

describe('cpu backend, TypeScript kernel', () => {
  it('is selected and named cpu', async () => {
    expect(await setBackend('cpu', { cpuKernel: 'ts' })).toBe('cpu');
    expect(getBackend().detail).toBe('cpu:ts');
  });
  checkShapes(CPU_SHAPES);
});

/** The matrix every WASM kernel runs: the cpu shapes, the tile edges, stale memory and memory growth. */
function checkWasmKernel(): void {
  checkShapes(CPU_SHAPES);
  checkShapes(WASM_EDGE_SHAPES);

  it('leaks nothing from an earlier product with NaN into the padding of edge tiles', () => {
    const poisoned = randomMatrix(23, 17, 7);
    poisoned.data.fill(Number.NaN);
    matmul(poisoned, randomMatrix(17, 23, 8));
    matmul(randomMatrix(17, 23, 9), poisoned, { transposeA: true, transposeB: true });
    for (const [transposeA, transposeB] of FORMS) {
      const a = stored(14, 17, transposeA, 10);
      const b = stored(17, 23, transposeB, 11);
      const got = matmul(a, b, { transposeA, transposeB });
      const want = matmulFloat64(a, b, transposeA, transposeB);
      expect(firstMismatch(got.data, want.value, TOLERANCE, want.scale)).toBe(-1);
    }
  });

  it('gives the same results after its memory grew and shrank back to small products', () => {
    const a = randomMatrix(5, 9, 1);
    const b = randomMatrix(9, 3, 2);
    const before = matmul(a, b).data.slice();
    matmul(randomMatrix(300, 784, 3), randomMatrix(784, 300, 4));
    expect(Array.from(matmul(a, b).data)).toEqual(Array.from(before));
  });
}

describe('cpu backend, WASM SIMD kernel', () => {
  it('is selected and named cpu', async () => {
    expect(hasWasmSimd()).toBe(true);
    expect(await setBackend('cpu', { cpuKernel: 'wasm-simd' })).toBe('cpu');
    expect(getBackend().detail).toBe('cpu:wasm-simd');
  });
  checkWasmKernel();
});

// Engines validate relaxed SIMD natively (Node 22+, current browsers) or, in Node 20.16+, once the
// cpu backend has set V8's flag through process.getBuiltinModule; older engines lack it.
const relaxedExpected =
  WebAssembly.validate(decodeBase64(MATMUL_RELAXED_WASM_BASE64)) || typeof process.getBuiltinModule === 'function';

describe('cpu backend, WASM relaxed-SIMD kernel', () => {
  it(`is ${relaxedExpected ? '' : 'not '}available in this engine`, () => {
    expect(hasWasmRelaxedSimd()).toBe(relaxedExpected);
  });

  describe.runIf(relaxedExpected)('where available', () => {
    it('is what auto picks, and is named cpu', async () => {
      expect(await setBackend('cpu')).toBe('cpu');
      expect(getBackend().detail).toBe('cpu:wasm-relaxed-simd');
      expect(await setBackend('cpu', { cpuKernel: 'wasm-relaxed-simd' })).toBe('cpu');
      expect(getBackend().detail).toBe('cpu:wasm-relaxed-simd');
    });
    checkWasmKernel();

    it('gives bit-identical results from call to call', () => {
      const a = randomMatrix(128, 784, 12);
      const b = randomMatrix(784, 100, 13);
      const first = matmul(a, b).data.slice();
      matmul(b, randomMatrix(100, 31, 14));
      expect(Array.from(matmul(a, b).data)).toEqual(Array.from(first));
    });
  });

  describe.runIf(!relaxedExpected)('where missing', () => {
    it('cannot be forced, and auto falls back to the plain SIMD kernel', async () => {
      await expect(setBackend('cpu', { cpuKernel: 'wasm-relaxed-simd' })).rejects.toThrow(/relaxed SIMD.*'wasm-simd'/);
      await setBackend('cpu');
      expect(getBackend().detail).toBe('cpu:wasm-simd');
    });
  });
});

describe('gpujs backend in its Node mode', () => {
  it('runs as gpujs:webasm', async () => {
    expect(await setBackend('gpujs')).toBe('gpujs:webasm');
    expect(backendName()).toBe('gpujs:webasm');
  });
  checkShapes(GPUJS_SHAPES);

  it('reuses one compiled kernel per shape across calls', () => {
    const a = randomMatrix(4, 6, 5);
    const b = randomMatrix(6, 3, 6);
    const first = matmul(a, b).data.slice();
    a.data[0] += 1;
    const second = matmul(a, b).data;
    const want = matmulFloat64(a, b, false, false);
    expect(firstMismatch(second, want.value, TOLERANCE, want.scale)).toBe(-1);
    expect(second[0]).not.toBe(first[0]);
  });
});
