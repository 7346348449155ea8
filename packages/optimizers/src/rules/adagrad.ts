import { BaseOptimizer } from '../base.js';
import { learningRate, resolveSettings, weightDecay, type SettingsOf } from '../settings.js';

const rules = { lr: learningRate(0.01), weightDecay };

/** Settings of `AdaGrad`; absent ones take the book's defaults. */
export type AdaGradSettings = SettingsOf<typeof rules>;

/** AdaGrad as the book: `h += g²; value −= lr·g / (√h + 1e-7)`. */
export class AdaGrad extends BaseOptimizer {
  static readonly description = 'AdaGrad: h += g², value −= lr·g / (√h + 1e-7)';
  static readonly rules = rules;
  readonly name = 'adagrad';
  protected readonly stateCount = 1;
  readonly settings: Readonly<Record<keyof typeof rules, number>>;

  constructor(settings: AdaGradSettings = {}) {
    super();
    this.settings = resolveSettings('adagrad', rules, { ...settings });
  }

  protected step(value: Float32Array, grad: Float32Array, state: Float32Array[]): void {
    const squaredSum = state[0];
    const { lr, weightDecay: decay } = this.settings;
    for (let i = 0; i < value.length; i++) {
      const g = grad[i] + decay * value[i];
      squaredSum[i] += g * g;
      value[i] -= (lr * g) / (Math.sqrt(squaredSum[i]) + 1e-7);
    }
  }
}
