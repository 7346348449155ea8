import type { AnyInitializerDefinition } from '../types.js';
import { normal, truncatedNormal, uniform } from './basic.js';
import { constant, identity, ones, zeros } from './constant.js';
import { orthogonal } from './orthogonal.js';
import {
  glorotNormal,
  glorotUniform,
  he,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  varianceScaling,
  xavier,
} from './variance-scaling.js';

/** Registered on first use of the registry, in the order `listInitializers` shows them. */
export const BUILTIN_INITIALIZERS: readonly AnyInitializerDefinition[] = [
  normal,
  xavier,
  he,
  glorotNormal,
  glorotUniform,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  varianceScaling,
  uniform,
  truncatedNormal,
  orthogonal,
  identity,
  zeros,
  ones,
  constant,
];
