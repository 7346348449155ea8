import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { denseContext, getInitializer, type InitializerSpec } from '../src/index.js';
import { Z, moments } from './moments.js';

/** Mass and standard deviation of N(0, 1) restricted to [−cutoff, cutoff], by Simpson's rule. */
function truncatedStandardNormal(cutoff: number): { mass: number; std: number } {
  const steps = 2000;
  const h = (2 * cutoff) / steps;
  let mass = 0;
  let second = 0;
  for (let k = 0; k <= steps; k++) {
    const x = -cutoff + k * h;
    const weight = k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2;
    const density = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    mass += weight * density;
    second += weight * x * x * density;
  }
  return { mass: (mass * h) / 3, std: Math.sqrt(second / mass) };
}

interface Case {
  spec: InitializerSpec;
  shape: [number, number];
  mean: number;
  variance: number;
  /** Hard bounds every value must respect, which the sample must also come close to. */
  bounds?: [number, number];
  /** Density at the bounds relative to the uniform density on them: how close the extremes must come. */
  edgeDensity?: number;
}

const [IN, OUT] = [784, 100];
const uniformCase = (spec: InitializerSpec, limit: number, shape: [number, number] = [IN, OUT]): Case => ({
  spec,
  shape,
  mean: 0,
  variance: (limit * limit) / 3,
  bounds: [-limit, limit],
  edgeDensity: 1,
});
/**
 * Truncated at ±cutoff·σ' where σ' = std / (std of the truncated standard normal), so the values have std `std`.
 * Near the bounds the density is φ(cutoff)/mass per σ', against 1/(2·cutoff) per σ' for a uniform on them.
 */
const truncatedCase = (
  spec: InitializerSpec,
  mean: number,
  std: number,
  shape: [number, number] = [IN, OUT],
  cutoff = 2,
): Case => {
  const truncated = truncatedStandardNormal(cutoff);
  const sigma = std / truncated.std;
  return {
    spec,
    shape,
    mean,
    variance: std * std,
    bounds: [mean - cutoff * sigma, mean + cutoff * sigma],
    edgeDensity: (2 * cutoff * Math.exp((-cutoff * cutoff) / 2)) / Math.sqrt(2 * Math.PI) / truncated.mass,
  };
};

const cases: Case[] = [
  ...[1, 0.1, 0.01, 0.001].map(
    (std) => ({ spec: { name: 'normal', std }, shape: [IN, OUT], mean: 0, variance: std * std }) as Case,
  ),
  { spec: 'normal(std=0.5, mean=3)', shape: [IN, OUT], mean: 3, variance: 0.25 },
  { spec: 'xavier', shape: [IN, OUT], mean: 0, variance: 1 / IN },
  { spec: 'he', shape: [IN, OUT], mean: 0, variance: 2 / IN },
  { spec: 'glorotNormal', shape: [IN, OUT], mean: 0, variance: 2 / (IN + OUT) },
  { spec: 'glorotNormal(gain=3)', shape: [OUT, IN], mean: 0, variance: (9 * 2) / (IN + OUT) },
  uniformCase('glorotUniform', Math.sqrt(6 / (IN + OUT))),
  uniformCase('glorotUniform(gain=0.5)', 0.5 * Math.sqrt(6 / (IN + OUT)), [OUT, IN]),
  { spec: 'kaimingNormal', shape: [IN, OUT], mean: 0, variance: 2 / IN },
  { spec: 'kaimingNormal(mode=fanOut, nonlinearity=relu)', shape: [IN, OUT], mean: 0, variance: 2 / OUT },
  { spec: 'kaimingNormal(a=0.2)', shape: [OUT, IN], mean: 0, variance: 2 / (1 + 0.04) / OUT },
  { spec: 'kaimingNormal(nonlinearity=tanh)', shape: [IN, OUT], mean: 0, variance: 25 / 9 / IN },
  uniformCase('kaimingUniform', Math.sqrt(2) * Math.sqrt(3 / IN)),
  uniformCase('kaimingUniform(mode=fanOut, nonlinearity=selu)', 0.75 * Math.sqrt(3 / OUT)),
  truncatedCase('lecunNormal', 0, Math.sqrt(1 / IN)),
  uniformCase('lecunUniform', Math.sqrt(3 / IN)),
  uniformCase('uniform', 0.05),
  { ...uniformCase('uniform(low=2, high=5)', 1.5), mean: 3.5, bounds: [2, 5] },
  truncatedCase('truncatedNormal', 0, 0.05),
  truncatedCase('truncatedNormal(mean=-1, std=0.3)', -1, 0.3, [OUT, IN]),
  // Below cutoff 1 the sampler switches from redrawing normals to a uniform proposal.
  ...[0.1, 0.5, 0.99, 1, 3].map((cutoff) =>
    truncatedCase({ name: 'truncatedNormal', std: 0.2, cutoff }, 0, 0.2, [IN, OUT], cutoff),
  ),
];

const fans = { fanIn: IN, fanOut: OUT, fanAvg: (IN + OUT) / 2 } as const;
for (const mode of ['fanIn', 'fanOut', 'fanAvg'] as const) {
  const scale = 1.5;
  const variance = scale / fans[mode];
  const spec = (distribution: string) => ({ name: 'varianceScaling', scale, mode, distribution });
  cases.push({ spec: spec('normal'), shape: [IN, OUT], mean: 0, variance });
  cases.push(uniformCase(spec('uniform'), Math.sqrt(3 * variance)));
  cases.push(truncatedCase(spec('truncatedNormal'), 0, Math.sqrt(variance)));
}

describe('every random initializer matches its formula (5 standard errors)', () => {
  const titled = cases.map((c, index) => ({
    ...c,
    index,
    title: typeof c.spec === 'string' ? c.spec : JSON.stringify(c.spec),
  }));
  it.each(titled)('$title on $shape', ({ spec, shape, mean, variance, bounds, edgeDensity, index }) => {
    const weights = getInitializer(spec).init(denseContext(shape[0], shape[1], createRng(1000 + index)));
    const stats = moments(weights);
    expect(Math.abs(stats.mean - mean)).toBeLessThanOrEqual(Z * Math.sqrt(variance / stats.count));
    expect(Math.abs(stats.variance - variance)).toBeLessThanOrEqual(Z * stats.varianceError);
    if (bounds && edgeDensity) {
      // float32 rounding may land a value half an ulp outside the real-valued bound.
      const slack = (bound: number) => Math.abs(bound) * 2 ** -24;
      expect(stats.min).toBeGreaterThanOrEqual(bounds[0] - slack(bounds[0]));
      expect(stats.max).toBeLessThanOrEqual(bounds[1] + slack(bounds[1]));
      // With density d·n/width near an edge, no sample within 20/(d·n) of the width there has chance e^-20.
      const reach = ((bounds[1] - bounds[0]) * 20) / (edgeDensity * stats.count);
      expect(stats.min).toBeLessThan(bounds[0] + reach);
      expect(stats.max).toBeGreaterThan(bounds[1] - reach);
    }
  });
});

describe('orthogonal', () => {
  function gram(weights: Float32Array, rows: number, cols: number, byColumns: boolean): Float64Array {
    const size = byColumns ? cols : rows;
    const result = new Float64Array(size * size);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        let dot = 0;
        if (byColumns) for (let i = 0; i < rows; i++) dot += weights[i * cols + a] * weights[i * cols + b];
        else for (let j = 0; j < cols; j++) dot += weights[a * cols + j] * weights[b * cols + j];
        result[a * size + b] = dot;
      }
    }
    return result;
  }

  it.each([
    [784, 100, 1],
    [100, 784, 1],
    [64, 64, 2],
    [1, 10, 0.5],
    [10, 1, 1],
  ])('[%i, %i] with gain %s: WᵀW (or WWᵀ when wide) = gain²·I', (rows, cols, gain) => {
    const weights = getInitializer({ name: 'orthogonal', gain }).init(denseContext(rows, cols, createRng(5)));
    const product = gram(weights, rows, cols, rows >= cols);
    const size = Math.min(rows, cols);
    let worst = 0;
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++)
        worst = Math.max(worst, Math.abs(product[a * size + b] - (a === b ? gain * gain : 0)));
    }
    // float32 storage of each entry: relative 2^-24, summed over up to max(rows, cols) products.
    expect(worst).toBeLessThan(1e-5 * gain * gain);
  });
});

describe('deterministic initializers write exact values over whatever `out` held', () => {
  const garbage = () => Float32Array.from({ length: 12 }, (_, i) => i * 7.5 - 3);
  const run = (spec: InitializerSpec, rows: number, cols: number) =>
    Array.from(getInitializer(spec).init(denseContext(rows, cols, createRng(0)), garbage()));

  it('zeros, ones, constant', () => {
    expect(run('zeros', 3, 4)).toEqual(Array(12).fill(0));
    expect(run('ones', 3, 4)).toEqual(Array(12).fill(1));
    expect(run('constant(value=0.25)', 3, 4)).toEqual(Array(12).fill(0.25));
    expect(run('constant', 4, 3)).toEqual(Array(12).fill(0));
  });

  it('identity on tall, wide and square matrices', () => {
    expect(run('identity', 4, 3)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
    expect(run('identity(gain=2)', 3, 4)).toEqual([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0]);
    expect(run('identity', 2, 6)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });
});
