/**
 * A trainable array and its gradient, updated in place. Layers expose theirs in this shape
 * (`{ name, value, grad }`), so any object of this shape can be optimized.
 */
export interface Parameter {
  /** A name for messages and logs, e.g. `W1` (as the book's `params['W1']`). */
  readonly name: string;
  /** The values, overwritten by `Optimizer.update`. */
  readonly value: Float32Array;
  /** The gradient of the loss with respect to `value`, same length; read, never written. */
  readonly grad: Float32Array;
}

/** Updates parameters from their gradients, keeping any per-parameter state (velocity, moments) itself. */
export interface Optimizer {
  /** The registry name (`sgd`, `adam`, …). */
  readonly name: string;
  /** One step over `params`, in place; allocation-free after the first call with these parameters. */
  update(params: readonly Parameter[]): void;
}

/** An optimizer by name, or a name with settings: `'adam'`, `{ name: 'adam', lr: 0.01 }`. */
export type OptimizerSpec = string | { name: string; [setting: string]: number | string };

/** One setting of an optimizer, as `listOptimizers` describes it. */
export interface OptimizerParamInfo {
  type: 'number';
  default: number;
  /** The smallest valid value (see `range` for whether it is included). */
  min?: number;
  /** The valid interval in interval notation, e.g. `[0, 1)`. */
  range: string;
  description: string;
}

/** What `listOptimizers` tells about one optimizer. */
export interface OptimizerInfo {
  name: string;
  description: string;
  params: Record<string, OptimizerParamInfo>;
}
