import { BaseOptimizer } from '../base.js';
import { fraction, learningRate, resolveSettings, weightDecay, type SettingsOf } from '../settings.js';

const rules = {
  lr: learningRate(0.01),
  momentum: fraction(0.9, 'how much of the previous velocity is kept each step'),
  weightDecay,
};

/** Settings of `Nesterov`; absent ones take the book's defaults. */
export type NesterovSettings = SettingsOf<typeof rules>;

/**
 * Nesterov's accelerated gradient in the book's form (Bengio et al. 2012, arXiv:1212.0901), which needs the
 * gradient at the current point only: `v = μ·v − lr·g; value += μ²·v − (1 + μ)·lr·g`.
 */
export class Nesterov extends BaseOptimizer {
  static readonly description = "Nesterov's accelerated gradient: v = μ·v − lr·g, value += μ²·v − (1+μ)·lr·g";
  static readonly rules = rules;
  readonly name = 'nesterov';
  protected readonly stateCount = 1;
  readonly settings: Readonly<Record<keyof typeof rules, number>>;

  constructor(settings: NesterovSettings = {}) {
    super();
    this.settings = resolveSettings('nesterov', rules, { ...settings });
  }

  protected step(value: Float32Array, grad: Float32Array, state: Float32Array[]): void {
    const velocity = state[0];
    const { lr, momentum, weightDecay: decay } = this.settings;
    const lookAhead = momentum * momentum;
    const gradientStep = (1 + momentum) * lr;
    for (let i = 0; i < value.length; i++) {
      const g = grad[i] + decay * value[i];
      velocity[i] = momentum * velocity[i] - lr * g;
      value[i] += lookAhead * velocity[i] - gradientStep * g;
    }
  }
}
