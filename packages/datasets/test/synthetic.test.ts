import { createRng } from '@initlab/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatasetError, makeBlobs, makeSpiral, type Dataset, type Split } from '../src/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function rowOf(split: Split, index: number): Float32Array {
  return (split.images as Float32Array).subarray(index * split.inputSize, (index + 1) * split.inputSize);
}

function expectSameData(a: Dataset, b: Dataset): void {
  for (const part of ['train', 'test'] as const) {
    expect(Buffer.from(a[part].images.buffer).equals(Buffer.from(b[part].images.buffer))).toBe(true);
    expect(a[part].labels).toEqual(b[part].labels);
  }
}

function classCounts(dataset: Dataset): number[] {
  const counts = new Array(dataset.numClasses).fill(0);
  for (const split of [dataset.train, dataset.test]) for (const label of split.labels) counts[label]++;
  return counts;
}

describe('makeBlobs', () => {
  const options = { samples: 3000, classes: 5, features: 6, spread: 1.5, seed: 7 };

  it('is deterministic per seed, uses no Math.random, and splits by testFraction', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const blobs = makeBlobs(options);
    expectSameData(blobs, makeBlobs(options));
    expect(
      Buffer.from(blobs.train.images.buffer).equals(
        Buffer.from(makeBlobs({ ...options, seed: 8 }).train.images.buffer),
      ),
    ).toBe(false);
    expect([blobs.name, blobs.inputSize, blobs.numClasses, blobs.train.count, blobs.test.count]).toEqual([
      'blobs',
      6,
      5,
      2400,
      600,
    ]);
    expect(blobs.train.images).toBeInstanceOf(Float32Array);
    expect(classCounts(blobs)).toEqual([600, 600, 600, 600, 600]);
    const tenth = makeBlobs({ ...options, testFraction: 0.1 });
    expect([tenth.train.count, tenth.test.count]).toEqual([2700, 300]);
  });

  it('puts each class around its center, drawn first from createRng(seed), with the asked spread', () => {
    const blobs = makeBlobs(options);
    const rng = createRng(options.seed);
    const centers = Array.from({ length: options.classes * options.features }, () => -10 + 20 * rng.nextDouble());
    const { train } = blobs;
    const sigma2 = options.spread ** 2;
    let squaredResiduals = 0;
    for (let c = 0; c < options.classes; c++) {
      const rows = [];
      for (let i = 0; i < train.count; i++) if (train.labels[i] === c) rows.push(rowOf(train, i));
      const n = rows.length;
      for (let j = 0; j < options.features; j++) {
        const center = centers[c * options.features + j];
        const mean = rows.reduce((s, row) => s + row[j], 0) / n;
        expect(Math.abs(mean - center)).toBeLessThan((5 * options.spread) / Math.sqrt(n));
        squaredResiduals += rows.reduce((s, row) => s + (row[j] - center) ** 2, 0);
      }
    }
    // Pooled over all values, with the true centers known: the variance estimate has sd σ²·√(2/n).
    const n = train.count * options.features;
    expect(Math.abs(squaredResiduals / n - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt(2 / n));
  });

  it('is learnable: class means from train classify the test split', () => {
    const blobs = makeBlobs(options);
    const { train, test, inputSize, numClasses } = blobs;
    const means = new Float64Array(numClasses * inputSize);
    const counts = new Array(numClasses).fill(0);
    for (let i = 0; i < train.count; i++) {
      const c = train.labels[i];
      counts[c]++;
      for (const [j, v] of rowOf(train, i).entries()) means[c * inputSize + j] += v;
    }
    for (let k = 0; k < means.length; k++) means[k] /= counts[Math.floor(k / inputSize)];
    let correct = 0;
    for (let i = 0; i < test.count; i++) {
      const row = rowOf(test, i);
      let best = -1;
      let bestDistance = Infinity;
      for (let c = 0; c < numClasses; c++) {
        let distance = 0;
        for (let j = 0; j < inputSize; j++) distance += (row[j] - means[c * inputSize + j]) ** 2;
        if (distance < bestDistance) [best, bestDistance] = [c, distance];
      }
      if (best === test.labels[i]) correct++;
    }
    expect(correct / test.count).toBeGreaterThan(0.95);
  });

  it('batch copies float samples as they are (no /255) and one-hot encodes', () => {
    const blobs = makeBlobs(options);
    const outX = new Float32Array(2 * 6);
    const outT = new Float32Array(2 * 5);
    blobs.test.batchOneHot([3, 0], outX, outT);
    expect(Array.from(outX)).toEqual([...rowOf(blobs.test, 3), ...rowOf(blobs.test, 0)]);
    expect(outT[blobs.test.labels[3]]).toBe(1);
    expect(outT[5 + blobs.test.labels[0]]).toBe(1);
    expect(outT.reduce((s, v) => s + v, 0)).toBe(2);
  });

  it('rejects impossible options', () => {
    expect(() => makeBlobs({ ...options, classes: 1 })).toThrow(/classes must be an integer in \[2, 256\], got 1/);
    expect(() => makeBlobs({ ...options, samples: 3 })).toThrow(/samples must be an integer in \[5, /);
    expect(() => makeBlobs({ ...options, testFraction: 1 })).toThrow(/testFraction must be in \[0, 1\), got 1/);
    expect(() => makeBlobs({ ...options, spread: -1 })).toThrow(DatasetError);
    expect(() => makeBlobs({ ...options, features: 0 })).toThrow(/features must be an integer/);
  });
});

describe('makeSpiral', () => {
  const options = { samples: 3000, classes: 3, noise: 0.2, seed: 3 };

  it('is deterministic per seed and balanced', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const spiral = makeSpiral(options);
    expectSameData(spiral, makeSpiral(options));
    expect([spiral.name, spiral.inputSize, spiral.train.count, spiral.test.count]).toEqual(['spiral', 2, 2400, 600]);
    expect(classCounts(spiral)).toEqual([1000, 1000, 1000]);
    expect(classCounts(makeSpiral({ ...options, samples: 3001 }))).toEqual([1001, 1000, 1000]);
  });

  it('puts class c on the arm θ = 4·(c + r), with angle noise of the asked size', () => {
    const spiral = makeSpiral(options);
    const residuals: number[] = [];
    for (const split of [spiral.train, spiral.test]) {
      for (let i = 0; i < split.count; i++) {
        const [x, y] = rowOf(split, i);
        const radius = Math.hypot(x, y);
        expect(radius).toBeLessThanOrEqual(1 + 1e-6);
        if (radius < 0.05) continue; // the angle of a point near the center is ill-conditioned in float32
        const nominal = 4 * (split.labels[i] + radius);
        const difference = Math.atan2(x, y) - nominal;
        residuals.push(difference - 2 * Math.PI * Math.round(difference / (2 * Math.PI)));
      }
    }
    const n = residuals.length;
    const mean = residuals.reduce((s, v) => s + v, 0) / n;
    const variance = residuals.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    const sigma2 = options.noise ** 2;
    expect(Math.abs(mean)).toBeLessThan((5 * options.noise) / Math.sqrt(n));
    expect(Math.abs(variance - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt(2 / (n - 1)));
  });

  it('without noise lies exactly on the arms', () => {
    const spiral = makeSpiral({ ...options, samples: 30, noise: 0, testFraction: 0 });
    expect(spiral.test.count).toBe(0);
    const { train } = spiral;
    for (let i = 0; i < train.count; i++) {
      const [x, y] = rowOf(train, i);
      const radius = Math.hypot(x, y);
      const angle = 4 * (train.labels[i] + radius);
      expect(x).toBeCloseTo(radius * Math.sin(angle), 5);
      expect(y).toBeCloseTo(radius * Math.cos(angle), 5);
    }
  });
});
