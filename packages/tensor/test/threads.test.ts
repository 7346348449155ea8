import { afterAll, describe, expect, it } from 'vitest';
import { BackendError, cpuBackend, getBackend, MAX_THREADS, setBackend, type Backend } from '../src/index.js';
import { MIN_THREADED_FLOPS } from '../src/kernels/wasm-threads.js';
import { firstDifference, firstMismatch, matmulFloat64, randomMatrix } from './helpers.js';

const FORMS: [transposeA: boolean, transposeB: boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/**
 * [m, k, n], all large enough to be split: the MLP's shapes, an evaluation chunk, and shapes off every tile
 * and chunk size (m % 4, n % 8, k odd, a single strip, a single panel).
 */
const SHAPES: [number, number, number][] = [
  [128, 784, 100],
  [784, 128, 100],
  [128, 100, 784],
  [1000, 784, 100],
  [131, 97, 45],
  [997, 3, 201],
  [1, 1000, 1000],
  [1000, 1000, 1],
  [45, 257, 131],
];

/** Seeded operands per (shape, form), made once: drawing them costs more than multiplying. */
const operandCache = new Map<string, { a: ReturnType<typeof randomMatrix>; b: ReturnType<typeof randomMatrix> }>();

function product(backend: Backend, [m, k, n]: [number, number, number], transposeA: boolean, transposeB: boolean) {
  const key = `${m},${k},${n},${transposeA},${transposeB}`;
  let operands = operandCache.get(key);
  if (!operands) {
    operands = {
      a: transposeA ? randomMatrix(k, m, m + k) : randomMatrix(m, k, m + k),
      b: transposeB ? randomMatrix(n, k, n + 2 * k) : randomMatrix(k, n, n + 2 * k),
    };
    operandCache.set(key, operands);
  }
  const out = new Float32Array(m * n).fill(Number.NaN);
  backend.matmul(operands.a.data, operands.b.data, out, m, k, n, transposeA, transposeB);
  return { ...operands, out };
}

describe('cpu backend on several threads', () => {
  const one = cpuBackend('auto');
  const two = cpuBackend('auto', { threads: 2 });
  const three = cpuBackend('auto', { threads: 3 });

  afterAll(async () => {
    two.dispose?.();
    three.dispose?.();
    await setBackend('cpu');
  });

  it('reports its threads', () => {
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(three.detail).toMatch(/^cpu:wasm(-relaxed)?-simd×3$/);
  });

  it('has shapes that are really split', () => {
    for (const [m, k, n] of SHAPES) expect(2 * m * k * n).toBeGreaterThanOrEqual(MIN_THREADED_FLOPS);
  });

  for (const [transposeA, transposeB] of FORMS) {
    const form = `${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
    for (const shape of SHAPES) {
      it(`${form} with m=${shape[0]} k=${shape[1]} n=${shape[2]}: bit-identical to one thread`, () => {
        const single = product(one, shape, transposeA, transposeB).out;
        expect(firstDifference(product(two, shape, transposeA, transposeB).out, single)).toBe(-1);
        expect(firstDifference(product(three, shape, transposeA, transposeB).out, single)).toBe(-1);
      });
    }
  }

  it('matches float64 (the one-thread kernel is checked on every shape in matmul.test.ts)', () => {
    for (const [transposeA, transposeB] of FORMS) {
      const { a, b, out } = product(two, [131, 97, 45], transposeA, transposeB);
      const want = matmulFloat64(a, b, transposeA, transposeB);
      expect(firstMismatch(out, want.value, 1e-5, want.scale)).toBe(-1);
    }
  });

  it('stays bit-identical over many products of changing shapes, small ones between', () => {
    const shapes: [number, number, number][] = [
      [128, 784, 100],
      [3, 5, 7],
      [784, 128, 100],
      [128, 100, 100],
      [1000, 784, 100],
    ];
    for (let round = 0; round < 6; round++) {
      for (const [index, shape] of shapes.entries()) {
        const transposeA = (round + index) % 2 === 1;
        const transposeB = round % 3 === 2;
        const backend = round % 2 === 0 ? two : three;
        const threaded = product(backend, shape, transposeA, transposeB).out;
        expect(firstDifference(threaded, product(one, shape, transposeA, transposeB).out)).toBe(-1);
      }
    }
  });

  it('starts its threads again after dispose', () => {
    const backend = cpuBackend('auto', { threads: 2 });
    const first = product(backend, [128, 784, 100], false, false).out;
    backend.dispose?.();
    expect(firstDifference(product(backend, [128, 784, 100], false, false).out, first)).toBe(-1);
    const changed = first.slice();
    changed[12_345] = Math.fround(changed[12_345] * (1 + 2 ** -20));
    expect(firstDifference(first, changed)).toBe(12_345);
    backend.dispose?.();
  });

  it('is what setBackend picks with threads', async () => {
    await setBackend('cpu', { threads: 2 });
    expect(getBackend().threads).toBe(2);
    await setBackend('cpu');
    expect(getBackend().threads).toBe(1);
  });

  it('refuses thread counts it cannot run, saying what would', () => {
    for (const threads of [0, 1.5, MAX_THREADS + 1, Number.NaN]) {
      expect(() => cpuBackend('auto', { threads })).toThrow(BackendError);
      expect(() => cpuBackend('auto', { threads })).toThrow(`from 1 to ${MAX_THREADS}`);
    }
    expect(() => cpuBackend('ts', { threads: 2 })).toThrow(/needs a WASM kernel.*threads: 1/);
  });
});
