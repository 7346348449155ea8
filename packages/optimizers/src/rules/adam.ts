import { BaseOptimizer } from '../base.js';
import { fraction, learningRate, resolveSettings, weightDecay, type SettingsOf } from '../settings.js';

const rules = {
  lr: learningRate(0.001),
  beta1: fraction(0.9, 'decay of the running mean of g (first moment)'),
  beta2: fraction(0.999, 'decay of the running mean of g² (second moment)'),
  weightDecay,
};

/** Settings of `Adam`; absent ones take the book's defaults. */
export type AdamSettings = SettingsOf<typeof rules>;

/**
 * Adam (Kingma & Ba 2015) in the book's form: the bias correction is folded into the step size,
 * `lrₜ = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ)`, and ε = 1e-7 is added to √v:
 * `m += (1 − β₁)(g − m); v += (1 − β₂)(g² − v); value −= lrₜ·m / (√v + 1e-7)`.
 */
export class Adam extends BaseOptimizer {
  static readonly description = 'Adam: bias-corrected step lrₜ = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), value −= lrₜ·m / (√v + 1e-7)';
  static readonly rules = rules;
  readonly name = 'adam';
  protected readonly stateCount = 2;
  readonly settings: Readonly<Record<keyof typeof rules, number>>;
  /** Updates done so far (the book's `iter`), the t of the bias correction. */
  iteration = 0;
  private stepSize = 0;

  constructor(settings: AdamSettings = {}) {
    super();
    this.settings = resolveSettings('adam', rules, { ...settings });
  }

  protected override beginStep(): void {
    const { lr, beta1, beta2 } = this.settings;
    this.iteration++;
    this.stepSize = (lr * Math.sqrt(1 - beta2 ** this.iteration)) / (1 - beta1 ** this.iteration);
  }

  protected step(value: Float32Array, grad: Float32Array, state: Float32Array[]): void {
    const mean = state[0];
    const meanSquare = state[1];
    const { beta1, beta2, weightDecay: decay } = this.settings;
    const stepSize = this.stepSize;
    for (let i = 0; i < value.length; i++) {
      const g = grad[i] + decay * value[i];
      mean[i] += (1 - beta1) * (g - mean[i]);
      meanSquare[i] += (1 - beta2) * (g * g - meanSquare[i]);
      value[i] -= (stepSize * mean[i]) / (Math.sqrt(meanSquare[i]) + 1e-7);
    }
  }
}
