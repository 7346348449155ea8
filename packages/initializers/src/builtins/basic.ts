import { defineInitializer } from '../define.js';
import { InitializerError } from '../errors.js';
import { fillTruncatedNormal, fillUniform } from '../sampling.js';

/** The book's "weight_init_std": σ = 1.0, 0.1, 0.01 (its default) or 0.001. */
export const normal = defineInitializer({
  name: 'normal',
  description: 'Gaussian N(mean, std²), the book\'s "std × randn(fanIn, fanOut)"',
  params: {
    std: { type: 'number', default: 0.01, min: 0, exclusiveMin: true, description: 'standard deviation σ' },
    mean: { type: 'number', default: 0, description: 'mean μ' },
  },
  init: ({ rng }, { std, mean }, out) => {
    // fillNormal keeps the draws bit-identical to NumPy's (std * randn(...)).astype(float32).
    if (mean === 0) {
      rng.fillNormal(out, std);
      return;
    }
    for (let i = 0; i < out.length; i++) out[i] = Math.fround(mean + std * rng.nextGaussian());
  },
});

/** Uniform on [low, high), the same draws as NumPy's `uniform(low, high, size)`. */
export const uniform = defineInitializer({
  name: 'uniform',
  description: 'uniform U(low, high)',
  params: {
    low: { type: 'number', default: -0.05, description: 'lower bound (inclusive)' },
    high: { type: 'number', default: 0.05, description: 'upper bound (exclusive before float32 rounding)' },
  },
  validate: ({ low, high }) => {
    if (!(low < high)) {
      throw new InitializerError(
        `initializer 'uniform': parameter 'high' must be greater than low = ${low}, got ${high}`,
        {
          initializer: 'uniform',
          parameter: 'high',
          value: high,
        },
      );
    }
  },
  init: ({ rng }, { low, high }, out) => {
    fillUniform(out, low, high, rng);
  },
});

/** A normal cut at ±cutoff underlying σ, rescaled so the values' own standard deviation is `std`. */
export const truncatedNormal = defineInitializer({
  name: 'truncatedNormal',
  description: 'normal truncated at mean ± cutoff·σ, corrected so the samples have standard deviation std',
  params: {
    mean: { type: 'number', default: 0, description: 'mean μ' },
    std: {
      type: 'number',
      default: 0.05,
      min: 0,
      exclusiveMin: true,
      description: 'standard deviation of the truncated values (not of the underlying normal)',
    },
    cutoff: {
      type: 'number',
      default: 2,
      min: 0,
      exclusiveMin: true,
      description: 'truncation point in underlying standard deviations',
    },
  },
  init: ({ rng }, { mean, std, cutoff }, out) => {
    fillTruncatedNormal(out, mean, std, cutoff, rng);
  },
});
