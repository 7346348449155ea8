import { defineInitializer } from '@initlab/initializers';

/**
 * An example plugin: He initialization with a tunable gain, `N(0, (gain · √(2 / fanIn))²)`.
 * `gain = 1` is plain He; below 1 the signal shrinks layer by layer, above 1 it grows — a knob to see
 * how narrow the band is in which a deep ReLU network trains.
 */
export const heScaled = defineInitializer({
  name: 'heScaled',
  description: 'He (Kaiming) normal times a gain: std = gain * sqrt(2 / fanIn)',
  params: {
    gain: {
      type: 'number',
      default: 1,
      min: 0,
      exclusiveMin: true,
      max: 100,
      description: 'factor on the He standard deviation',
    },
  },
  init({ fanIn, rng }, { gain }, out) {
    rng.fillNormal(out, gain * Math.sqrt(2 / fanIn));
  },
});
