import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { denseContext, getInitializer, type InitializerSpec } from '../src/index.js';

const [IN, OUT] = [300, 70];
const draw = (spec: InitializerSpec, seed = 11) => getInitializer(spec).init(denseContext(IN, OUT, createRng(seed)));

/** Index of the first bit pattern that differs, −1 when identical (deep equality is slow on 21 000 floats). */
function firstDifference(a: Float32Array, b: Float32Array): number {
  const [bitsA, bitsB] = [new Uint32Array(a.buffer), new Uint32Array(b.buffer)];
  if (bitsA.length !== bitsB.length) return Math.min(bitsA.length, bitsB.length);
  return bitsA.findIndex((bits, i) => bits !== bitsB[i]);
}

/** Named initializers that are cases of varianceScaling must give the very same bits for the same seed. */
const coincidences: [InitializerSpec, InitializerSpec][] = [
  ['xavier', 'varianceScaling(scale=1, mode=fanIn, distribution=normal)'],
  ['xavier', { name: 'normal', std: Math.sqrt(1 / IN) }],
  ['he', 'varianceScaling(scale=2, mode=fanIn, distribution=normal)'],
  ['he', { name: 'normal', std: Math.sqrt(2 / IN) }],
  ['he', 'kaimingNormal'],
  ['he', 'kaimingNormal(nonlinearity=relu)'],
  ['kaimingNormal(mode=fanOut, nonlinearity=relu)', 'varianceScaling(scale=2, mode=fanOut, distribution=normal)'],
  ['kaimingUniform', 'varianceScaling(scale=2, mode=fanIn, distribution=uniform)'],
  ['kaimingUniform(nonlinearity=sigmoid)', 'varianceScaling(scale=1, mode=fanIn, distribution=uniform)'],
  ['glorotNormal', 'varianceScaling(scale=1, mode=fanAvg, distribution=normal)'],
  ['glorotUniform', 'varianceScaling(scale=1, mode=fanAvg, distribution=uniform)'],
  ['glorotUniform(gain=2)', 'varianceScaling(scale=4, mode=fanAvg, distribution=uniform)'],
  ['lecunNormal', 'varianceScaling'],
  ['lecunNormal', { name: 'truncatedNormal', std: Math.sqrt(1 / IN) }],
  ['lecunUniform', 'varianceScaling(scale=1, mode=fanIn, distribution=uniform)'],
  ['lecunUniform', { name: 'uniform', low: -Math.sqrt(3 / IN), high: Math.sqrt(3 / IN) }],
];

describe('named initializers are cases of varianceScaling', () => {
  it.each(coincidences.map(([a, b]) => [JSON.stringify(a), JSON.stringify(b), a, b] as const))(
    '%s = %s',
    (_a, _b, a, b) => {
      expect(firstDifference(draw(a), draw(b))).toBe(-1);
    },
  );

  it('and differ where the formulas differ (the comparison above can fail)', () => {
    expect(firstDifference(draw('xavier'), draw('glorotNormal'))).toBe(0);
    expect(firstDifference(draw('lecunNormal'), draw('xavier'))).toBe(0);
    expect(firstDifference(draw('he'), draw('he', 12))).toBe(0);
  });
});
