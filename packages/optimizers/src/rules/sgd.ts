import { addScaled } from '@initlab/tensor';
import { BaseOptimizer } from '../base.js';
import { learningRate, resolveSettings, weightDecay, type SettingsOf } from '../settings.js';

const rules = { lr: learningRate(0.01), weightDecay };

/** Settings of `SGD`; absent ones take the book's defaults. */
export type SGDSettings = SettingsOf<typeof rules>;

/** Plain gradient descent: `value -= lr · grad` (the book's `SGD`). */
export class SGD extends BaseOptimizer {
  static readonly description = 'stochastic gradient descent: value -= lr·grad';
  static readonly rules = rules;
  readonly name = 'sgd';
  protected readonly stateCount = 0;
  readonly settings: Readonly<Record<keyof typeof rules, number>>;

  constructor(settings: SGDSettings = {}) {
    super();
    this.settings = resolveSettings('sgd', rules, { ...settings });
  }

  protected step(value: Float32Array, grad: Float32Array): void {
    const { lr, weightDecay: decay } = this.settings;
    // Without decay, the common case and the largest memory-bound pass of a step, the update runs as
    // NumPy's float32 `W -= lr * dW` does, in SIMD where available.
    if (decay === 0) {
      addScaled(value, grad, -lr);
      return;
    }
    for (let i = 0; i < value.length; i++) value[i] -= lr * (grad[i] + decay * value[i]);
  }
}
