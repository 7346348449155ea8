import type { GradientStats, Histogram, LayerStats } from '../results/results.js';

/**
 * Counts `values` into `bins` equal bins over [low, high] exactly as `numpy.histogram(values, bins, (low, high))`:
 * the last bin includes `high`, values outside the range are not binned but counted in `below` / `above`,
 * NaN is counted nowhere.
 */
export function histogram(values: ArrayLike<number>, bins: number, low: number, high: number): Histogram {
  const step = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => low + i * step);
  edges[bins] = high;
  const counts = new Array<number>(bins).fill(0);
  const norm = bins / (high - low);
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value < low) below++;
    else if (value > high) above++;
    else if (value >= low) {
      let bin = Math.min(Math.floor((value - low) * norm), bins - 1);
      // The multiplication can land one bin off near an edge; NumPy corrects against the edges the same way.
      if (value < edges[bin]) bin--;
      else if (bin < bins - 1 && value >= edges[bin + 1]) bin++;
      counts[bin]++;
    }
  }
  return { edges, counts, below, above };
}

/** Whether an activation value lies in the activation's saturated (gradient-starved) region. */
export function saturationTest(activation: string): (value: number) => boolean {
  switch (activation) {
    case 'sigmoid':
      return (value) => value < 0.01 || value > 0.99;
    case 'tanh':
      return (value) => Math.abs(value) > 0.99;
    case 'relu':
      return (value) => value === 0;
    case 'leakyRelu':
      return (value) => value < 0;
    default:
      return () => false;
  }
}

/** A histogram range, or a rule that picks one from the values to be binned. */
export type RangeRule = readonly [number, number] | ((values: Float32Array) => readonly [number, number]);

/** Share of values a ReLU-family histogram may leave above its range. */
const RELU_TAIL = 0.001;

/** `value` rounded up to a multiple of half its order of magnitude: 1.3 → 1.5, 2.1 → 2.5, 13 → 15. */
function roundUpHalfDecade(value: number): number {
  const step = 10 ** Math.floor(Math.log10(value)) / 2;
  return Math.ceil(value / step) * step;
}

/**
 * The range of a ReLU-family histogram: [0, h] with h the 99.9th percentile of `values` rounded up to a
 * multiple of half its order of magnitude, and at least 1. ReLU outputs have no upper bound and grow in deep
 * layers and during training; a fixed [0, 1] left a large share of them out of every bin. The rounding keeps
 * the range of one layer steady across evaluation points while it grows slowly.
 */
export function reluRange(values: ArrayLike<number>): [number, number] {
  const finite = new Float64Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[count++] = values[i];
  if (count === 0) return [0, 1];
  const percentile = kthSmallest(finite.subarray(0, count), Math.min(count - 1, Math.floor((1 - RELU_TAIL) * count)));
  return [0, percentile > 1 ? roundUpHalfDecade(percentile) : 1];
}

/** Share of values a symmetric histogram may leave outside its range, both tails together. */
const SYMMETRIC_TAIL = 0.001;

/**
 * [−h, h], h the 99.9th percentile of |value| rounded up to a multiple of half its order of magnitude (as
 * `reluRange`), at least `floor`; [−1, 1] where no value is finite or h would be 0.
 */
function symmetricRange(values: ArrayLike<number>, floor: number): [number, number] {
  const magnitudes = new Float64Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) magnitudes[count++] = Math.abs(values[i]);
  if (count === 0) return [-1, 1];
  const k = Math.min(count - 1, Math.floor((1 - SYMMETRIC_TAIL) * count));
  const percentile = kthSmallest(magnitudes.subarray(0, count), k);
  if (!(percentile > 0)) return [-1, 1];
  const high = Math.max(floor, roundUpHalfDecade(percentile));
  return [-high, high];
}

/**
 * The histogram range of a layer's back-propagated gradients: [−h, h], symmetric around 0, with h the 99.9th
 * percentile of |g| rounded up to a multiple of half its order of magnitude (as `reluRange`, without its floor
 * of 1: gradients of a mean loss are small, and shrink or grow by orders of magnitude from layer to layer, which
 * the histogram is there to show). [−1, 1] where every value is 0 or none is finite.
 */
export function gradientRange(values: ArrayLike<number>): [number, number] {
  return symmetricRange(values, 0);
}

/**
 * The range of a linear layer's histogram: [−h, h] as `gradientRange`, h at least 1 (as `reluRange`): its
 * outputs are unbounded and of either sign.
 */
export function linearRange(values: ArrayLike<number>): [number, number] {
  return symmetricRange(values, 1);
}

/** Mean, population std (float64 sums) and histogram over `gradientRange` of a layer's back-propagated gradients. */
export function gradientStats(values: ArrayLike<number>, bins: number): GradientStats {
  const count = values.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i];
  const mean = count > 0 ? sum / count : 0;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  const [low, high] = gradientRange(values);
  return { mean, std: count > 0 ? Math.sqrt(squares / count) : 0, histogram: histogram(values, bins, low, high) };
}

/**
 * The value at index `k` of `values` sorted ascending, in linear expected time (quickselect with a
 * median-of-three pivot; `values` is reordered). An evaluation point finds this over every hidden unit of
 * its statistics batch, where sorting them all took a noticeable share of a run.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  let rounds = 0;
  while (high > low) {
    if (++rounds > 64) return values.subarray(low, high + 1).sort()[k - low]; // a pathological order: sort the rest
    const middle = (low + high) >>> 1;
    const pivot = medianOfThree(values[low], values[middle], values[high]);
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    // [low, j] ≤ pivot ≤ [i, high], and everything strictly between j and i equals the pivot
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k];
  }
  return values[k];
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/**
 * The histogram range of an activation's training statistics: sigmoid [0, 1], tanh [-1, 1], relu and
 * leakyRelu [0, h] from the data (see `reluRange`; leakyRelu's small negatives are counted in `below`), linear
 * [−h, h] from the data (see `linearRange`).
 */
export function activationRange(activation: string): RangeRule {
  switch (activation) {
    case 'tanh':
      return [-1, 1];
    case 'relu':
    case 'leakyRelu':
      return reluRange;
    case 'linear':
      return linearRange;
    default:
      return [0, 1];
  }
}

export interface LayerStatsOptions {
  index: number;
  activation: string;
  bins: number;
  range: readonly [number, number];
  gradientNorm?: number;
}

/** Mean, population std, histogram and saturated fraction of one layer's activations (float64 sums). */
export function layerStats(values: ArrayLike<number>, options: LayerStatsOptions): LayerStats {
  const { index, activation, bins, range, gradientNorm } = options;
  const saturated = saturationTest(activation);
  let sum = 0;
  let saturatedCount = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (saturated(values[i])) saturatedCount++;
  }
  const count = values.length;
  const mean = count > 0 ? sum / count : 0;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  const stats: LayerStats = {
    index,
    name: `layer ${index + 1} (${activation})`,
    mean,
    std: count > 0 ? Math.sqrt(squares / count) : 0,
    histogram: histogram(values, bins, range[0], range[1]),
    saturated: count > 0 ? saturatedCount / count : 0,
  };
  if (gradientNorm !== undefined) stats.gradientNorm = gradientNorm;
  return stats;
}
