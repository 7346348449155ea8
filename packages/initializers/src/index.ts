/**
 * Weight initializers for `[fanIn, fanOut]` matrices — the book's normal/Xavier/He, Glorot, Kaiming, LeCun,
 * variance scaling, truncated normal, orthogonal, identity, constants — behind a process-wide plugin registry.
 */
export type {
  InitializerContext,
  ParamSpec,
  AnyInitializerDefinition,
  InitializerDefinition,
  InitializerSpec,
  ResolvedInitializer,
  ParamValues,
} from './types.js';
export { InitializerError, type InitializerErrorDetails } from './errors.js';
export { defineInitializer } from './define.js';
export { registerInitializer, getInitializer, listInitializers } from './registry.js';
export { calculateGain, NONLINEARITIES, type Nonlinearity } from './gain.js';
export { denseContext } from './context.js';
export { fillUniform, fillTruncatedNormal, truncatedNormalStdFactor } from './sampling.js';
export { fillVarianceScaling, type FanMode, type Distribution } from './builtins/variance-scaling.js';
export { closestNames, quotedList, didYouMean, type ClosestNamesOptions } from './suggest.js';
