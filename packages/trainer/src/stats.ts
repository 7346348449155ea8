import type { Histogram, LayerStats } from './results.js';

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

/** The histogram range of an activation's training statistics: tanh [-1, 1], everything else [0, 1]. */
export function activationRange(activation: string): [number, number] {
  return activation === 'tanh' ? [-1, 1] : [0, 1];
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
