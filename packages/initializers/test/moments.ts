/** Sample moments in float64 and the 5-standard-error bounds the statistical tests assert. */
export interface Moments {
  count: number;
  mean: number;
  variance: number;
  /** Standard error of `mean`: √(variance / n). */
  meanError: number;
  /** Standard error of `variance`: √((m₄ − variance²) / n), from the sample's 4th central moment m₄. */
  varianceError: number;
  min: number;
  max: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const count = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    sum += values[i];
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const mean = sum / count;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < count; i++) {
    const d = values[i] - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= count;
  m4 /= count;
  return {
    count,
    mean,
    variance: m2,
    meanError: Math.sqrt(m2 / count),
    varianceError: Math.sqrt((m4 - m2 * m2) / count),
    min,
    max,
  };
}

/** How many standard errors a statistic may stray from its formula: a false alarm about once in 1.7 million. */
export const Z = 5;
