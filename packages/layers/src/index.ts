/**
 * The layers of a fully-connected network as in the book's `common/layers.py`, each with `forward` and
 * `backward`, and `MultiLayerNet` that stacks them.
 */
export type { Layer, Parameter, Labels, ParameterStorage } from './types.js';
export { LayerError } from './errors.js';
export { Affine } from './affine.js';
export { ElementwiseActivation, Sigmoid, Relu, Tanh, LeakyRelu, Linear } from './activations.js';
export { AffineActivation } from './affine-activation.js';
export { listActivations, createActivation, type ActivationName } from './activation-registry.js';
export { PreActivationGradients } from './pre-activation-gradients.js';
export { SoftmaxWithLoss } from './softmax-with-loss.js';
export { BatchNormalization } from './batch-normalization.js';
export { Dropout } from './dropout.js';
export { MultiLayerNet, parameterCount, type MultiLayerNetOptions, type NetworkTaps } from './network.js';
export { lsuv, type LsuvOptions, type LsuvResult } from './lsuv.js';
