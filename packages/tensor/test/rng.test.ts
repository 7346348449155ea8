import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, RngError } from '../src/index.js';

interface Stream {
  seed: number;
  rand: number[];
  randn: number[];
  randnAfterOdd: number[];
  choice60000: number[];
  choice10: number[];
  randnAfterChoice: number[];
  choice1: number[];
  permutation100: number[];
  randAfterPermutation: number[];
  interleaved: [string, number][];
  'weights784x100scale0.01_first2000': number[];
  'weights784x100scale0.01_sum': number;
  weightsHe784x100_last2000: number[];
}

const fixtures: { streams: Stream[]; raw: { seed: number; uint32: number[] }[] } = JSON.parse(
  readFileSync(new URL('./fixtures/rng.json', import.meta.url), 'utf8'),
);

/** randn goes through Math.log, which may differ from C's log by an ulp (see NUMPY_RNG notes). */
function expectGaussiansClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-15 * Math.max(1, Math.abs(expected[i]));
    if (Math.abs(actual[i] - expected[i]) > tolerance) {
      throw new Error(`draw ${i}: ${actual[i]} vs NumPy ${expected[i]}`);
    }
  }
}

describe('createRng reproduces numpy.random.RandomState', () => {
  for (const { seed, uint32 } of fixtures.raw) {
    it(`raw 32-bit stream, seed ${seed}`, () => {
      const rng = createRng(seed);
      expect(Array.from({ length: uint32.length }, () => rng.nextUint32())).toEqual(uint32);
    });
  }

  for (const stream of fixtures.streams) {
    it(`seed ${stream.seed}: rand, randn (with cached value), choice, permutation in sequence`, () => {
      const rng = createRng(stream.seed);
      expect(Array.from(rng.rand(stream.rand.length))).toEqual(stream.rand);
      expectGaussiansClose(rng.randn(stream.randn.length), stream.randn);
      expectGaussiansClose(rng.randn(stream.randnAfterOdd.length), stream.randnAfterOdd);
      expect(Array.from(rng.choice(60000, stream.choice60000.length))).toEqual(stream.choice60000);
      expect(Array.from(rng.choice(10, stream.choice10.length))).toEqual(stream.choice10);
      expectGaussiansClose(rng.randn(stream.randnAfterChoice.length), stream.randnAfterChoice);
      expect(Array.from(rng.choice(1, stream.choice1.length))).toEqual(stream.choice1);
      expect(Array.from(rng.permutation(100))).toEqual(stream.permutation100);
      expect(Array.from(rng.rand(stream.randAfterPermutation.length))).toEqual(stream.randAfterPermutation);
      for (const [kind, value] of stream.interleaved) {
        if (kind === 'rand') expect(rng.nextDouble()).toBe(value);
        else if (kind === 'choice') expect(rng.nextInt(60000)).toBe(value);
        else expectGaussiansClose([rng.nextGaussian()], [value]);
      }
    });

    it(`seed ${stream.seed}: float32 weights equal (scale * randn).astype(float32) exactly`, () => {
      const small = createRng(stream.seed).fillNormal(new Float32Array(784 * 100), 0.01);
      expect(Array.from(small.subarray(0, 2000))).toEqual(stream['weights784x100scale0.01_first2000']);
      let sum = 0;
      for (const w of small) sum += w;
      expect(sum).toBeCloseTo(stream['weights784x100scale0.01_sum'], 9);

      const he = createRng(stream.seed).fillNormal(new Float32Array(784 * 100), Math.sqrt(2 / 784));
      expect(Array.from(he.subarray(he.length - 2000))).toEqual(stream.weightsHe784x100_last2000);
    });
  }

  it('writes choice into a reused buffer', () => {
    const out = new Int32Array(128);
    const a = createRng(3).choice(60000, 128, out);
    expect(a).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(createRng(3).choice(60000, 128)));
  });
});

describe('createRng rejects what NumPy rejects', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 32])('seed %s', (seed) => {
    expect(() => createRng(seed)).toThrow(RngError);
    expect(() => createRng(seed)).toThrow(/seed must be an integer in \[0, 4294967295\]/);
  });

  it('bad counts and bounds name the call and the value', () => {
    const rng = createRng(0);
    expect(() => rng.randn(-3)).toThrow(/randn: count must be a non-negative integer, got -3/);
    expect(() => rng.rand(2.5)).toThrow(/rand: count must be a non-negative integer/);
    expect(() => rng.choice(0, 5)).toThrow(/choice: n must be an integer in \[1, 2\^32\], got 0/);
    expect(() => rng.choice(10, 5, new Int32Array(2))).toThrow(/out holds 2 values but 5/);
  });
});
