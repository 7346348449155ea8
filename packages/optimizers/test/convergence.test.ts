import { describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerSpec, type Parameter } from '../src/index.js';

/** An ill-conditioned bowl f = ½ Σ aᵢ (xᵢ − cᵢ)² with curvatures 1 to 20. */
const curvature = [1, 5, 20];
const center = [3, -1, 0.5];

function bowlLoss(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += 0.5 * curvature[i] * (x[i] - center[i]) ** 2;
  return sum;
}

function minimise(spec: OptimizerSpec, steps: number): number {
  const param: Parameter = { name: 'x', value: new Float32Array(3), grad: new Float32Array(3) };
  const optimizer = createOptimizer(spec);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < 3; i++) param.grad[i] = curvature[i] * (param.value[i] - center[i]);
    optimizer.update([param]);
  }
  return bowlLoss(param.value);
}

describe('convergence on a quadratic bowl', () => {
  const initialLoss = bowlLoss(new Float32Array(3));
  const cases: [OptimizerSpec, number][] = [
    [{ name: 'sgd', lr: 0.05 }, 1000],
    [{ name: 'momentum', lr: 0.01 }, 1000],
    [{ name: 'nesterov', lr: 0.01 }, 1000],
    [{ name: 'adagrad', lr: 0.5 }, 1000],
    [{ name: 'rmsprop', lr: 0.001 }, 5000],
    [{ name: 'adam', lr: 0.01 }, 3000],
  ];
  for (const [spec, steps] of cases) {
    it(`${JSON.stringify(spec)} in ${steps} steps`, () => {
      expect(minimise(spec, steps)).toBeLessThan(1e-6 * initialLoss);
    });
  }
});
