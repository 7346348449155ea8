import type { Rng } from '@initlab/tensor';
import type { InitializerContext } from './types.js';

/** The context of a dense layer's `[fanIn, fanOut]` weight matrix. */
export function denseContext(fanIn: number, fanOut: number, rng: Rng): InitializerContext {
  return { shape: [fanIn, fanOut], fanIn, fanOut, rng };
}
