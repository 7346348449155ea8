import { describe, expect, it } from 'vitest';
import {
  addRowVectorRelu,
  addScaled,
  bytesToUnit,
  createRng,
  createSharedMemory,
  gatherBytesToUnit,
  Matrix,
  reluBackward,
  ShapeError,
} from '../src/index.js';
import { elementwiseTs, inPlaceKernels } from '../src/kernels/elementwise.js';
import { randomMatrix } from './helpers.js';

const fround = Math.fround;
/** Widths around the 4-lane vectors: tails of 0 to 3 floats, and the network's widths. */
const SHAPES: [number, number][] = [
  [1, 1],
  [3, 3],
  [2, 4],
  [5, 7],
  [7, 129],
  [128, 100],
  [100, 50],
];

/** Some exact zeros, −0, NaN and large values among random ones: the cases where a mask could go wrong. */
function awkward(rows: number, cols: number, seed: number): Matrix {
  const m = randomMatrix(rows, cols, seed);
  const special = [0, -0, Number.NaN, 1e30, -1e30, 1e-40];
  for (let i = 0; i < m.size; i += 5) m.data[i] = special[(i / 5) % special.length];
  return m;
}

function sameBits(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  // Any NaN equals any NaN; everything else bit for bit (so −0 and +0 differ).
  const mismatch = e.findIndex((bits, i) => (Number.isNaN(expected[i]) ? !Number.isNaN(actual[i]) : a[i] !== bits));
  expect(mismatch, mismatch < 0 ? '' : `index ${mismatch}: ${actual[mismatch]} vs ${expected[mismatch]}`).toBe(-1);
}

describe('addScaled', () => {
  it.each(SHAPES)('is float32 target + fround(fround(scale)·source) for %i × %i', (rows, cols) => {
    const target = randomMatrix(rows, cols, 1).data;
    const source = awkward(rows, cols, 2).data;
    const expected = Float32Array.from(target, (t, i) => fround(t + fround(fround(-0.01) * source[i])));
    addScaled(target, source, -0.01);
    sameBits(target, expected);
  });

  it('matches NumPy-style float32 SGD where float64 arithmetic would round differently', () => {
    // 1 − 0.1·(1/3) rounds differently in float32 steps than in float64 rounded once.
    const value = Float32Array.of(1);
    addScaled(value, Float32Array.of(fround(1 / 3)), -0.1);
    const stepwise = fround(1 - fround(fround(0.1) * fround(1 / 3)));
    expect(value[0]).toBe(stepwise);
  });

  it.each(SHAPES)(
    'with targetScale, is float32 fround(fround(a)·target) + fround(fround(b)·source) for %i × %i',
    (rows, cols) => {
      for (const [scale, targetScale] of [
        [0.5, 0.5],
        [22 / 45, 23 / 45],
        [-0.01, 1],
      ]) {
        const target = randomMatrix(rows, cols, 3).data;
        const source = awkward(rows, cols, 4).data;
        const expected = Float32Array.from(target, (t, i) =>
          fround(fround(fround(targetScale) * t) + fround(fround(scale) * source[i])),
        );
        const twin = target.slice();
        addScaled(target, source, scale, targetScale);
        sameBits(target, expected);
        elementwiseTs.addScaled(twin, source, twin.length, scale, targetScale);
        sameBits(twin, expected);
      }
    },
  );

  it('rejects arrays of different lengths', () => {
    expect(() => addScaled(new Float32Array(3), new Float32Array(4), 1)).toThrow(ShapeError);
  });
});

describe('addRowVectorRelu', () => {
  it.each(SHAPES)('equals x + bias then x <= 0 ? 0 : x, bit for bit, for %i × %i', (rows, cols) => {
    const x = awkward(rows, cols, 3);
    const bias = Matrix.from(awkward(1, cols, 4).data, 1, cols);
    const expected = Float32Array.from(x.data, (v, i) => {
      const sum = fround(v + bias.data[i % cols]);
      return sum <= 0 ? 0 : sum;
    });
    sameBits(addRowVectorRelu(x, bias).data, expected);
    const inPlace = x.clone();
    addRowVectorRelu(inPlace, bias, inPlace);
    sameBits(inPlace.data, expected);
  });

  it('rejects a bias that does not fit the rows', () => {
    expect(() => addRowVectorRelu(Matrix.zeros(2, 3), Matrix.vector(4))).toThrow(
      /bias \[4\] does not fit rows of \[2, 3\]/,
    );
  });
});

describe('reluBackward', () => {
  it.each(SHAPES)('masks dout where y <= 0 and sums columns as float32 row after row, for %i × %i', (rows, cols) => {
    const y = awkward(rows, cols, 5);
    const dout = randomMatrix(rows, cols, 6);
    const expected = Float32Array.from(dout.data, (g, i) => (y.data[i] <= 0 ? 0 : g));
    const sums = new Float32Array(cols);
    for (let i = 0; i < expected.length; i++) sums[i % cols] += expected[i];
    const columnSums = Matrix.vector(cols);
    columnSums.data.fill(123);
    sameBits(reluBackward(y, dout, undefined, columnSums).data, expected);
    sameBits(columnSums.data, sums);
    reluBackward(y, dout, dout);
    sameBits(dout.data, expected);
  });

  it('rejects mismatched shapes', () => {
    expect(() => reluBackward(Matrix.zeros(2, 3), Matrix.zeros(3, 2))).toThrow(ShapeError);
    expect(() => reluBackward(Matrix.zeros(2, 3), Matrix.zeros(2, 3), undefined, Matrix.vector(2))).toThrow(
      /columnSums/,
    );
  });
});

describe('TypeScript twins of the SIMD kernels', () => {
  it('give the same bits as the kernels in use', () => {
    const [rows, cols] = [9, 13];
    const y = awkward(rows, cols, 7);
    const dout = randomMatrix(rows, cols, 8);
    const bias = randomMatrix(1, cols, 9);
    const viaOps = addRowVectorRelu(y, bias).data;
    const viaTs = new Float32Array(rows * cols);
    elementwiseTs.addBiasRelu(y.data, bias.data, viaTs, rows, cols);
    sameBits(viaTs, viaOps);

    const sums = Matrix.vector(cols);
    const dx = reluBackward(y, dout, undefined, sums).data;
    const dxTs = new Float32Array(rows * cols);
    const sumsTs = new Float32Array(cols);
    elementwiseTs.reluBackwardSum(y.data, dout.data, dxTs, sumsTs, rows, cols);
    sameBits(dxTs, dx);
    sameBits(sumsTs, sums.data);

    const target = randomMatrix(rows, cols, 10).data;
    const targetTs = target.slice();
    addScaled(target, dout.data, -0.03);
    elementwiseTs.addScaled(targetTs, dout.data, targetTs.length, -0.03, 1);
    sameBits(targetTs, target);
  });
});

describe('bytesToUnit and gatherBytesToUnit', () => {
  /** Every byte value, then a length off the 16-byte vectors. */
  const everyByte = Uint8Array.from({ length: 256 + 23 }, (_, i) => (i * 7 + (i >> 8)) & 255);

  it('gives b / 255 rounded to float32 for every byte, as NumPy does, on a length with a tail', () => {
    const out = new Float32Array(everyByte.length + 3).fill(Number.NaN);
    bytesToUnit(everyByte, out, 3);
    const expected = Float32Array.from(everyByte, (b) => fround(b / 255));
    sameBits(out.subarray(3), expected);
    expect(Number.isNaN(out[2])).toBe(true);
    const ts = new Float32Array(everyByte.length);
    elementwiseTs.unitFromBytes(everyByte, ts, 0);
    sameBits(ts, expected);
  });

  it('gathers rows by index, from word-aligned rows and from rows that are not', () => {
    for (const rowLength of [16, 28, 13]) {
      const bytes = Uint8Array.from({ length: 9 * rowLength + 1 }, (_, i) => (i * 31) & 255).subarray(
        rowLength === 13 ? 1 : 0,
      );
      const rows = [8, 0, 3, 3];
      const out = new Float32Array(rows.length * rowLength);
      gatherBytesToUnit(bytes, rowLength, rows, out);
      const expected = Float32Array.from({ length: out.length }, (_, i) =>
        fround(bytes[rows[Math.floor(i / rowLength)] * rowLength + (i % rowLength)] / 255),
      );
      sameBits(out, expected);
      const ts = new Float32Array(out.length);
      elementwiseTs.gatherUnitRows(bytes, rowLength, rows, ts);
      sameBits(ts, expected);
    }
  });

  it('refuses an out that is too short', () => {
    expect(() => bytesToUnit(everyByte, new Float32Array(10))).toThrow(ShapeError);
    expect(() => gatherBytesToUnit(everyByte, 16, [0, 1], new Float32Array(31))).toThrow(
      /need 32 values, out holds 31/,
    );
  });
});

describe('addScaled on a shared memory from createSharedMemory', () => {
  it('updates in place, bit for bit as on plain arrays, and falls back where operands lie elsewhere', () => {
    const buffer = createSharedMemory(3 * 4 * 1001 + 64)!; // Node 20 has shared WebAssembly memory
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    const rng = createRng(3);
    const plainTarget = new Float32Array(1001);
    const plainSource = new Float32Array(1001);
    rng.fillNormal(plainTarget, 1);
    rng.fillNormal(plainSource, 1);
    const target = new Float32Array(buffer, 16, 1001);
    const source = new Float32Array(buffer, 16 + 4 * 1001, 1001);
    target.set(plainTarget);
    source.set(plainSource);
    expect(inPlaceKernels(target, source, 1001)).toBeDefined();
    expect(inPlaceKernels(target, plainSource, 1001)).toBeUndefined();
    expect(inPlaceKernels(target, new Float32Array(buffer, 20, 1001), 1001)).toBeUndefined();
    expect(
      inPlaceKernels(
        new Float32Array(new SharedArrayBuffer(4004)),
        new Float32Array(new SharedArrayBuffer(4004)),
        1001,
      ),
    ).toBeUndefined();
    for (const scale of [0.01, -3, 1]) {
      addScaled(target, source, scale);
      addScaled(plainTarget, plainSource, scale);
      expect(Array.from(target)).toEqual(Array.from(plainTarget));
    }
    addScaled(target, source, 0.5, 0.5);
    addScaled(plainTarget, plainSource, 0.5, 0.5);
    expect(Array.from(target)).toEqual(Array.from(plainTarget));
    // A target on the shared memory with a plain source, and a source that is the target: the same results.
    addScaled(target, plainSource, 0.5);
    addScaled(plainTarget, plainSource, 0.5);
    addScaled(target, target, 2);
    addScaled(plainTarget, plainTarget.slice(), 2);
    expect(Array.from(target)).toEqual(Array.from(plainTarget));
    // Partly overlapping ranges take the copying path, which reads the whole source first.
    const overlapping = new Float32Array(buffer, 20, 1001);
    const expected = Float32Array.from(target);
    const sourceBefore = Float32Array.from(overlapping);
    addScaled(target, overlapping, 1);
    addScaled(expected, sourceBefore, 1);
    expect(Array.from(target)).toEqual(Array.from(expected));
  });

  it('works where the memory is: its kernel sees the values other threads wrote', () => {
    const buffer = createSharedMemory(8 * 4)!;
    const view = new Float32Array(buffer, 0, 8);
    view.set([1, 2, 3, 4, 10, 20, 30, 40]);
    addScaled(view.subarray(0, 4), view.subarray(4, 8), 0.5);
    expect(Array.from(view.subarray(0, 4))).toEqual([6, 12, 18, 24]);
  });
});
