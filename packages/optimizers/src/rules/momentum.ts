import { BaseOptimizer } from '../base.js';
import { fraction, learningRate, resolveSettings, weightDecay, type SettingsOf } from '../settings.js';

const rules = {
  lr: learningRate(0.01),
  momentum: fraction(0.9, 'how much of the previous velocity is kept each step'),
  weightDecay,
};

/** Settings of `Momentum`; absent ones take the book's defaults. */
export type MomentumSettings = SettingsOf<typeof rules>;

/** Heavy-ball momentum, as the book: `v = momentum·v − lr·grad; value += v`. */
export class Momentum extends BaseOptimizer {
  static readonly description = 'momentum SGD: v = momentum·v − lr·grad, value += v';
  static readonly rules = rules;
  readonly name = 'momentum';
  protected readonly stateCount = 1;
  readonly settings: Readonly<Record<keyof typeof rules, number>>;

  constructor(settings: MomentumSettings = {}) {
    super();
    this.settings = resolveSettings('momentum', rules, { ...settings });
  }

  protected step(value: Float32Array, grad: Float32Array, state: Float32Array[]): void {
    const velocity = state[0];
    const { lr, momentum, weightDecay: decay } = this.settings;
    for (let i = 0; i < value.length; i++) {
      velocity[i] = momentum * velocity[i] - lr * (grad[i] + decay * value[i]);
      value[i] += velocity[i];
    }
  }
}
