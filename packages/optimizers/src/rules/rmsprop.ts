import { BaseOptimizer } from '../base.js';
import { fraction, learningRate, resolveSettings, weightDecay, type SettingsOf } from '../settings.js';

const rules = {
  lr: learningRate(0.01),
  decayRate: fraction(0.99, 'how much of the running mean of g² is kept each step'),
  weightDecay,
};

/** Settings of `RMSprop`; absent ones take the book's defaults. */
export type RMSpropSettings = SettingsOf<typeof rules>;

/** RMSprop as the book: `h = ρ·h + (1 − ρ)·g²; value −= lr·g / (√h + 1e-7)` with ρ = `decayRate`. */
export class RMSprop extends BaseOptimizer {
  static readonly description = 'RMSprop: h = ρ·h + (1−ρ)·g², value −= lr·g / (√h + 1e-7)';
  static readonly rules = rules;
  readonly name = 'rmsprop';
  protected readonly stateCount = 1;
  readonly settings: Readonly<Record<keyof typeof rules, number>>;

  constructor(settings: RMSpropSettings = {}) {
    super();
    this.settings = resolveSettings('rmsprop', rules, { ...settings });
  }

  protected step(value: Float32Array, grad: Float32Array, state: Float32Array[]): void {
    const meanSquare = state[0];
    const { lr, decayRate, weightDecay: decay } = this.settings;
    for (let i = 0; i < value.length; i++) {
      const g = grad[i] + decay * value[i];
      meanSquare[i] = decayRate * meanSquare[i] + (1 - decayRate) * g * g;
      value[i] -= (lr * g) / (Math.sqrt(meanSquare[i]) + 1e-7);
    }
  }
}
