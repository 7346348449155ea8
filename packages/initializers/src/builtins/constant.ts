import { defineInitializer } from '../define.js';

/** All weights 0: every unit computes the same thing and learns the same thing (the book's warning). */
export const zeros = defineInitializer({
  name: 'zeros',
  description: 'all weights 0 (symmetric: every unit learns the same thing)',
  params: {},
  init: (_context, _params, out) => {
    out.fill(0);
  },
});

/** All weights 1. */
export const ones = defineInitializer({
  name: 'ones',
  description: 'all weights 1',
  params: {},
  init: (_context, _params, out) => {
    out.fill(1);
  },
});

/** All weights equal to `value`. */
export const constant = defineInitializer({
  name: 'constant',
  description: 'all weights equal to value',
  params: { value: { type: 'number', default: 0, description: 'the weight value' } },
  init: (_context, { value }, out) => {
    out.fill(value);
  },
});

/** `gain` on the main diagonal of the [fanIn, fanOut] matrix, 0 elsewhere (rectangular allowed). */
export const identity = defineInitializer({
  name: 'identity',
  description: 'gain on the diagonal of the [fanIn, fanOut] matrix, 0 elsewhere',
  params: {
    gain: { type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'value on the diagonal' },
  },
  init: ({ shape }, { gain }, out) => {
    const [rows, cols] = shape;
    out.fill(0);
    for (let i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = gain;
  },
});
