export type { Parameter, Optimizer, OptimizerSpec, OptimizerInfo, OptimizerParamInfo } from './types.js';
export { OptimizerError } from './errors.js';
export { createOptimizer, listOptimizers } from './registry.js';
export { SGD, type SGDSettings } from './rules/sgd.js';
export { Momentum, type MomentumSettings } from './rules/momentum.js';
export { Nesterov, type NesterovSettings } from './rules/nesterov.js';
export { AdaGrad, type AdaGradSettings } from './rules/adagrad.js';
export { RMSprop, type RMSpropSettings } from './rules/rmsprop.js';
export { Adam, type AdamSettings } from './rules/adam.js';
