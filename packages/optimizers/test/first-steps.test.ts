import { describe, expect, it } from 'vitest';
import { createOptimizer, type Parameter } from '../src/index.js';

/** A tiny problem: f(x) = ½ Σ aᵢ xᵢ², so gᵢ = aᵢ xᵢ. */
const curvature = [1, 4, 0.25];
const start = [1, -2, 0.5];

function parameter(values: number[]): Parameter {
  return { name: 'x', value: Float32Array.from(values), grad: new Float32Array(values.length) };
}

function fillGradient(param: Parameter): void {
  for (let i = 0; i < curvature.length; i++) param.grad[i] = curvature[i] * param.value[i];
}

function expectClose(actual: ArrayLike<number>, expected: number[], relative = 2e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected[i])));
  }
}

describe('first step, by hand', () => {
  const g = start.map((x, i) => curvature[i] * x);
  const cases: [string, Record<string, number>, number[]][] = [
    ['sgd', {}, start.map((x, i) => x - 0.01 * g[i])],
    ['momentum', {}, start.map((x, i) => x - 0.01 * g[i])],
    // v = −lr·g, then x += μ²·v − (1 + μ)·lr·g
    ['nesterov', {}, start.map((x, i) => x - 0.01 * g[i] * (1 + 0.9 + 0.81))],
    ['adagrad', {}, start.map((x, i) => x - (0.01 * g[i]) / (Math.abs(g[i]) + 1e-7))],
    ['rmsprop', {}, start.map((x, i) => x - (0.01 * g[i]) / (Math.sqrt(0.01) * Math.abs(g[i]) + 1e-7))],
    // lr₁ = lr·√(1−β₂)/(1−β₁), m = (1−β₁)g, v = (1−β₂)g²
    [
      'adam',
      {},
      start.map((x, i) => {
        const stepSize = (0.001 * Math.sqrt(0.001)) / 0.1;
        return x - (stepSize * 0.1 * g[i]) / (Math.sqrt(0.001) * Math.abs(g[i]) + 1e-7);
      }),
    ],
    ['sgd', { lr: 0.1, weightDecay: 0.5 }, start.map((x, i) => x - 0.1 * (g[i] + 0.5 * x))],
    ['momentum', { momentum: 0.5, weightDecay: 0.1 }, start.map((x, i) => x - 0.01 * (g[i] + 0.1 * x))],
  ];
  for (const [name, settings, expected] of cases) {
    it(`${name} ${JSON.stringify(settings)}`, () => {
      const param = parameter(start);
      fillGradient(param);
      createOptimizer({ name, ...settings }).update([param]);
      expectClose(param.value, expected);
    });
  }
});

/** The book's update rules restated in float64, one state per rule, for several steps. */
function referenceSteps(name: string, steps: number): number[] {
  const x = start.slice();
  const first = x.map(() => 0);
  const second = x.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i < x.length; i++) {
      const g = curvature[i] * x[i];
      if (name === 'sgd') x[i] -= 0.01 * g;
      if (name === 'momentum') {
        first[i] = 0.9 * first[i] - 0.01 * g;
        x[i] += first[i];
      }
      if (name === 'nesterov') {
        first[i] = 0.9 * first[i] - 0.01 * g;
        x[i] += 0.81 * first[i] - 1.9 * 0.01 * g;
      }
      if (name === 'adagrad') {
        first[i] += g * g;
        x[i] -= (0.01 * g) / (Math.sqrt(first[i]) + 1e-7);
      }
      if (name === 'rmsprop') {
        first[i] = 0.99 * first[i] + 0.01 * g * g;
        x[i] -= (0.01 * g) / (Math.sqrt(first[i]) + 1e-7);
      }
      if (name === 'adam') {
        const stepSize = (0.001 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
        first[i] += 0.1 * (g - first[i]);
        second[i] += 0.001 * (g * g - second[i]);
        x[i] -= (stepSize * first[i]) / (Math.sqrt(second[i]) + 1e-7);
      }
    }
  }
  return x;
}

describe('ten steps against a float64 restatement of the book', () => {
  for (const name of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']) {
    it(name, () => {
      const param = parameter(start);
      const optimizer = createOptimizer(name);
      for (let t = 0; t < 10; t++) {
        fillGradient(param);
        optimizer.update([param]);
      }
      expectClose(param.value, referenceSteps(name, 10), 1e-5);
    });
  }

  it('keeps separate state for each parameter', () => {
    const a = parameter(start);
    const b = parameter(start.map((x) => 2 * x));
    const optimizer = createOptimizer('momentum');
    for (let t = 0; t < 3; t++) {
      fillGradient(a);
      b.grad.fill(0);
      optimizer.update([a, b]);
    }
    expectClose(a.value, referenceSteps('momentum', 3), 1e-5);
    expectClose(
      b.value,
      start.map((x) => 2 * x),
    );
  });
});
