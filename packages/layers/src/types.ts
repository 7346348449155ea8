import type { Matrix } from '@initlab/tensor';

/**
 * A trainable array and its gradient, as optimizers take them (`{ name, value, grad }`). `value` and `grad` are
 * the layer's own buffers: an optimizer updating `value` updates the layer.
 */
export interface Parameter {
  /** The book's key, e.g. `W1`, `b1`, `gamma1`, `beta1`. */
  readonly name: string;
  readonly value: Float32Array;
  /** Filled by `backward`; same length as `value`. */
  readonly grad: Float32Array;
}

/**
 * One layer as in the book's `common/layers.py`: `forward` keeps what `backward` needs; `backward` takes
 * ∂L/∂output and returns ∂L/∂input, filling the gradients of its parameters on the way.
 * Returned matrices are the layer's own buffers, overwritten by its next call.
 */
export interface Layer {
  /** The book's key, e.g. `Affine1`, `Relu1`, `BatchNorm1`, `Dropout1`. */
  readonly name: string;
  readonly params: readonly Parameter[];
  /** `train` switches batch norm to batch statistics and dropout to random masks. */
  forward(x: Matrix, train: boolean): Matrix;
  backward(dout: Matrix): Matrix;
}

/** Class labels: an index per row, or one-hot rows (a matrix shaped like the scores). */
export type Labels = Int32Array | Matrix;

/** Where a layer's parameters live: values, and optionally gradients, each one array in `params` order. */
export interface ParameterStorage {
  readonly values: Float32Array;
  readonly grads?: Float32Array;
}
