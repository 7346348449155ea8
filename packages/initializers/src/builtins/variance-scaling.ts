import { defineInitializer } from '../define.js';
import { InitializerError } from '../errors.js';
import { NONLINEARITIES, gainSquared } from '../gain.js';
import { fillTruncatedNormal, fillUniform } from '../sampling.js';
import type { InitializerContext } from '../types.js';

/** Which fan the variance is divided by. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/** How the weights are drawn once their variance is fixed. */
export type Distribution = 'normal' | 'truncatedNormal' | 'uniform';

/** Truncation point (in underlying σ) of the truncated-normal family, as in Keras and TensorFlow. */
const TRUNCATION_CUTOFF = 2;

/**
 * The whole family in one formula: weights with variance `scale / fan`, drawn from `distribution`.
 * The standard deviation is computed as `Math.sqrt(scale / fan)` so that scale 1 and 2 with fanIn give
 * exactly the book's `np.sqrt(1.0 / n)` and `np.sqrt(2.0 / n)`.
 */
export function fillVarianceScaling(
  out: Float32Array,
  { fanIn, fanOut, rng }: InitializerContext,
  scale: number,
  mode: FanMode,
  distribution: Distribution,
): Float32Array {
  const fan = mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
  const variance = scale / fan;
  switch (distribution) {
    case 'normal':
      return rng.fillNormal(out, Math.sqrt(variance));
    case 'truncatedNormal':
      return fillTruncatedNormal(out, 0, Math.sqrt(variance), TRUNCATION_CUTOFF, rng);
    case 'uniform': {
      const limit = Math.sqrt(3 * variance);
      return fillUniform(out, -limit, limit, rng);
    }
  }
}

const GAIN = { type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'multiplier on the std' } as const;

/** Keras' `VarianceScaling`: variance `scale / fan` with a choice of fan and distribution. */
export const varianceScaling = defineInitializer({
  name: 'varianceScaling',
  description: 'variance scale/fan, drawn normal, truncated normal (±2σ, std-corrected) or uniform',
  params: {
    scale: { type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'variance numerator' },
    mode: {
      type: 'enum',
      options: ['fanIn', 'fanOut', 'fanAvg'],
      default: 'fanIn',
      description: 'fan in the denominator',
    },
    distribution: {
      type: 'enum',
      options: ['normal', 'truncatedNormal', 'uniform'],
      default: 'truncatedNormal',
      description: 'distribution of the weights',
    },
  },
  init: (context, { scale, mode, distribution }, out) => {
    fillVarianceScaling(out, context, scale, mode, distribution);
  },
});

/** The book's "Xavier": σ = √(1/fanIn), normal. Not Glorot & Bengio's 2/(fanIn+fanOut): see glorotNormal. */
export const xavier = defineInitializer({
  name: 'xavier',
  description: "the book's Xavier: normal, σ = √(1/fanIn) (Glorot & Bengio's version is glorotNormal)",
  params: {},
  init: (context, _params, out) => {
    fillVarianceScaling(out, context, 1, 'fanIn', 'normal');
  },
});

/** The book's "He": σ = √(2/fanIn), normal. */
export const he = defineInitializer({
  name: 'he',
  description: "the book's He: normal, σ = √(2/fanIn), for ReLU",
  params: {},
  init: (context, _params, out) => {
    fillVarianceScaling(out, context, 2, 'fanIn', 'normal');
  },
});

/** Glorot & Bengio (2010), PyTorch's `xavier_normal_`: normal, σ = gain·√(2/(fanIn+fanOut)). */
export const glorotNormal = defineInitializer({
  name: 'glorotNormal',
  description: 'Glorot & Bengio: normal, σ = gain·√(2/(fanIn+fanOut)) (PyTorch xavier_normal_)',
  params: { gain: GAIN },
  init: (context, { gain }, out) => {
    fillVarianceScaling(out, context, gain * gain, 'fanAvg', 'normal');
  },
});

/** Glorot & Bengio (2010), PyTorch's `xavier_uniform_`, Keras' `glorot_uniform`: U(±gain·√(6/(fanIn+fanOut))). */
export const glorotUniform = defineInitializer({
  name: 'glorotUniform',
  description: 'Glorot & Bengio: uniform ±gain·√(6/(fanIn+fanOut)) (PyTorch xavier_uniform_, Keras glorot_uniform)',
  params: { gain: GAIN },
  init: (context, { gain }, out) => {
    fillVarianceScaling(out, context, gain * gain, 'fanAvg', 'uniform');
  },
});

const KAIMING_PARAMS = {
  mode: {
    type: 'enum',
    options: ['fanIn', 'fanOut'],
    default: 'fanIn',
    description: 'fanIn keeps forward variance, fanOut backward',
  },
  nonlinearity: {
    type: 'enum',
    options: NONLINEARITIES,
    default: 'leaky_relu',
    description: "the activation after this layer (PyTorch's default: leaky_relu with a = 0, gain √2)",
  },
  a: { type: 'number', default: 0, description: "negative slope of leaky_relu (only with nonlinearity 'leaky_relu')" },
} as const;

function kaimingGainSquared(name: string, nonlinearity: (typeof NONLINEARITIES)[number], a: number): number {
  if (nonlinearity !== 'leaky_relu' && a !== 0) {
    throw new InitializerError(
      `initializer '${name}': parameter 'a' only applies to nonlinearity 'leaky_relu' (got a = ${a} with '${nonlinearity}'); use a = 0`,
      { initializer: name, parameter: 'a', value: a },
    );
  }
  return gainSquared(nonlinearity, nonlinearity === 'leaky_relu' ? a : undefined);
}

/** He et al. (2015), PyTorch's `kaiming_normal_`: normal, σ = gain/√fan. Defaults equal `he` exactly. */
export const kaimingNormal = defineInitializer({
  name: 'kaimingNormal',
  description: 'He et al.: normal, σ = gain/√fan, gain from nonlinearity (PyTorch kaiming_normal_)',
  params: KAIMING_PARAMS,
  validate: ({ nonlinearity, a }) => void kaimingGainSquared('kaimingNormal', nonlinearity, a),
  init: (context, { mode, nonlinearity, a }, out) => {
    fillVarianceScaling(out, context, kaimingGainSquared('kaimingNormal', nonlinearity, a), mode, 'normal');
  },
});

/** He et al. (2015), PyTorch's `kaiming_uniform_`: U(±gain·√(3/fan)). */
export const kaimingUniform = defineInitializer({
  name: 'kaimingUniform',
  description: 'He et al.: uniform ±gain·√(3/fan), gain from nonlinearity (PyTorch kaiming_uniform_)',
  params: KAIMING_PARAMS,
  validate: ({ nonlinearity, a }) => void kaimingGainSquared('kaimingUniform', nonlinearity, a),
  init: (context, { mode, nonlinearity, a }, out) => {
    fillVarianceScaling(out, context, kaimingGainSquared('kaimingUniform', nonlinearity, a), mode, 'uniform');
  },
});

/** LeCun et al. (1998) as Keras and JAX define it: truncated normal (±2σ), std √(1/fanIn). */
export const lecunNormal = defineInitializer({
  name: 'lecunNormal',
  description: 'LeCun: truncated normal (±2σ) with std √(1/fanIn) (Keras/JAX lecun_normal)',
  params: {},
  init: (context, _params, out) => {
    fillVarianceScaling(out, context, 1, 'fanIn', 'truncatedNormal');
  },
});

/** LeCun et al. (1998) as Keras defines it: U(±√(3/fanIn)). */
export const lecunUniform = defineInitializer({
  name: 'lecunUniform',
  description: 'LeCun: uniform ±√(3/fanIn) (Keras lecun_uniform)',
  params: {},
  init: (context, _params, out) => {
    fillVarianceScaling(out, context, 1, 'fanIn', 'uniform');
  },
});
