import { OptimizerError } from './errors.js';
import type { Optimizer, Parameter } from './types.js';

/**
 * Shared bookkeeping: per-parameter state arrays (velocity, squared-gradient sums, moments) are created on the
 * first update of a parameter and found again by its value array, so later steps allocate nothing.
 */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly name: string;
  /** How many state arrays, each as long as the parameter, a rule keeps per parameter. */
  protected abstract readonly stateCount: number;
  private readonly states = new WeakMap<Float32Array, Float32Array[]>();

  update(params: readonly Parameter[]): void {
    this.beginStep();
    for (let p = 0; p < params.length; p++) {
      const param = params[p];
      if (param.grad.length !== param.value.length) {
        throw new OptimizerError(
          `${this.name}: parameter '${param.name}' has ${param.value.length} values but ${param.grad.length} gradients`,
        );
      }
      this.step(param.value, param.grad, this.stateOf(param.value));
    }
  }

  /** Called once per `update`, before any parameter (Adam counts its steps here). */
  protected beginStep(): void {}

  /** Updates `value` in place from `grad`, reading and writing this parameter's `state`. */
  protected abstract step(value: Float32Array, grad: Float32Array, state: Float32Array[]): void;

  private stateOf(value: Float32Array): Float32Array[] {
    let state = this.states.get(value);
    if (!state) {
      state = Array.from({ length: this.stateCount }, () => new Float32Array(value.length));
      this.states.set(value, state);
    }
    return state;
  }
}
