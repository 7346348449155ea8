import { describe, expect, it } from 'vitest';
import {
  addRowVector,
  argmaxRows,
  logSumExpRows,
  map,
  Matrix,
  matmul,
  maxRows,
  ShapeError,
  softmaxRows,
  sumColumns,
  zipMap,
} from '../src/index.js';
import { firstMismatch, randomMatrix } from './helpers.js';

const TOLERANCE = 1e-5;
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 7],
  [7, 1],
  [7, 129],
  [129, 7],
  [100, 784],
];

/** Row i of x as float64 numbers. */
function row(x: Matrix, i: number): number[] {
  return Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols));
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, scale?: ArrayLike<number>): void {
  const bad = firstMismatch(got, want, TOLERANCE, scale);
  expect(bad, bad < 0 ? '' : `entry ${bad}: ${got[bad]} vs ${want[bad]}`).toBe(-1);
}

describe.each(SHAPES)('row and element kernels on %i×%i', (rows, cols) => {
  const x = randomMatrix(rows, cols, rows * 1000 + cols);
  const y = randomMatrix(rows, cols, rows * 1000 + cols + 1);
  const bias = randomMatrix(1, cols, cols);

  it('addRowVector', () => {
    const want = Array.from(x.data, (v, i) => v + bias.data[i % cols]);
    expectClose(addRowVector(x, bias).data, want);
    const inPlace = x.clone();
    addRowVector(inPlace, bias, inPlace);
    expectClose(inPlace.data, want);
  });

  it('sumColumns', () => {
    const want = new Float64Array(cols);
    const scale = new Float64Array(cols);
    for (let i = 0; i < x.data.length; i++) {
      want[i % cols] += x.data[i];
      scale[i % cols] += Math.abs(x.data[i]);
    }
    expectClose(sumColumns(x).data, want, scale);
  });

  it('map and zipMap', () => {
    expectClose(map(x, Math.tanh).data, Array.from(x.data, Math.tanh));
    expectClose(
      zipMap(x, y, (a, b) => a * b - b).data,
      Array.from(x.data, (v, i) => v * y.data[i] - y.data[i]),
    );
  });

  it('argmaxRows and maxRows', () => {
    const wantMax = Array.from({ length: rows }, (_, i) => Math.max(...row(x, i)));
    const wantArg = wantMax.map((max, i) => row(x, i).indexOf(max));
    expect(Array.from(argmaxRows(x))).toEqual(wantArg);
    expect(Array.from(maxRows(x))).toEqual(wantMax.map(Math.fround));
  });

  it('logSumExpRows and softmaxRows', () => {
    const shifted = x.clone();
    map(shifted, (v) => v * 30, shifted);
    const lse = Array.from({ length: rows }, (_, i) => {
      const values = row(shifted, i);
      const max = Math.max(...values);
      return max + Math.log(values.reduce((sum, v) => sum + Math.exp(v - max), 0));
    });
    expectClose(logSumExpRows(shifted), lse);
    const want = Array.from(shifted.data, (v, i) => Math.exp(v - lse[Math.floor(i / cols)]));
    // Probabilities judged against 1 (their sum), so tiny ones need not match relatively.
    expectClose(softmaxRows(shifted).data, want, new Float64Array(want.length).fill(1));
    softmaxRows(shifted, shifted);
    expectClose(shifted.data, want, new Float64Array(want.length).fill(1));
  });
});

describe('shape errors name the op and both shapes', () => {
  it('matmul', () => {
    expect(() => matmul(Matrix.zeros(2, 3), Matrix.zeros(4, 5))).toThrow(ShapeError);
    expect(() => matmul(Matrix.zeros(2, 3), Matrix.zeros(4, 5))).toThrow(
      'matmul: cannot multiply [2, 3] by [4, 5] (inner sizes 3 and 4 differ)',
    );
    expect(() => matmul(Matrix.zeros(3, 2), Matrix.zeros(4, 5), { transposeA: true, transposeB: true })).toThrow(
      /matmul: cannot multiply \[3, 2\]ᵀ by \[4, 5\]ᵀ \(inner sizes 3 and 5 differ\)/,
    );
    expect(() => matmul(Matrix.zeros(2, 3), Matrix.zeros(3, 4), { out: Matrix.zeros(4, 2) })).toThrow(
      'matmul: out has shape [4, 2] but the result is [2, 4]',
    );
  });

  it('addRowVector, zipMap, sumColumns, row reductions', () => {
    expect(() => addRowVector(Matrix.zeros(2, 3), Matrix.vector(4))).toThrow(
      'addRowVector: bias [4] does not fit rows of [2, 3]',
    );
    expect(() => zipMap(Matrix.zeros(2, 3), Matrix.zeros(3, 2), (a) => a)).toThrow(
      'zipMap: shapes [2, 3] and [3, 2] differ',
    );
    expect(() => sumColumns(Matrix.zeros(2, 3), Matrix.vector(2))).toThrow(/sumColumns: out \[2\] .* \[2, 3\]/);
    expect(() => argmaxRows(Matrix.zeros(3, 2), new Int32Array(2))).toThrow(/argmaxRows: .* \[3, 2\] has 3 rows/);
    expect(() => softmaxRows(Matrix.zeros(3, 2), Matrix.zeros(2, 3))).toThrow(/softmaxRows: out has shape \[2, 3\]/);
  });
});
