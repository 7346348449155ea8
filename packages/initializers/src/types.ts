import type { Rng } from '@initlab/tensor';
import type { ParamSpec } from './param-spec.js';

export type { ParamSpec };

/**
 * What an initializer is told about the weight matrix it fills.
 * Dense layers pass `fanIn = shape[0]` and `fanOut = shape[1]`; the fans are separate so that layers whose
 * receptive field differs from the matrix shape (convolutions) can state their own.
 */
export interface InitializerContext {
  /** The weight matrix shape, `[fanIn, fanOut]` for a dense layer (row-major, as in the book). */
  shape: readonly [number, number];
  /** Inputs feeding each output unit. */
  fanIn: number;
  /** Outputs each input unit feeds. */
  fanOut: number;
  /** The only source of randomness an initializer may use. */
  rng: Rng;
}

/** An initializer: a name, a parameter schema and a function that fills a weight matrix. */
export interface InitializerDefinition<P extends Record<string, number | string>> {
  /** Registry key, e.g. `'he'`: letters, digits and `_`, starting with a letter. */
  name: string;
  /** One line shown by `initlab list initializers`. */
  description: string;
  /** One schema entry per parameter; `getInitializer` validates against it and fills defaults. */
  params: { [K in keyof P]: ParamSpec };
  /**
   * Checks that involve several parameters at once (e.g. `low < high`); runs after the schema checks.
   * Throw an `InitializerError` naming the parameter and the valid range.
   */
  validate?(params: P): void;
  /** Fills `out` (length `shape[0] * shape[1]`, row-major) using only `context.rng` for randomness. */
  init(context: InitializerContext, params: P, out: Float32Array): void;
}

/**
 * An initializer of any parameter type, for code that holds several (the registry, lists): each definition's
 * parameter type differs, and a parameter's type is contravariant in `init`, so no narrower type admits them all.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; only the registry's callers read the params, by their specs.
export type AnyInitializerDefinition = InitializerDefinition<any>;

/** An initializer by name (`'he'`, `'normal(std=0.01)'`) or as `{ name, ...params }`. */
export type InitializerSpec = string | { name: string; [param: string]: number | string };

/** An initializer with validated parameters, ready to fill matrices. */
export interface ResolvedInitializer {
  /** The registered name. */
  name: string;
  /** Every parameter, defaults filled in. */
  params: Record<string, number | string>;
  /** Short name for legends and reports, e.g. `'normal(std=0.01)'`; parses back with `getInitializer`. */
  label: string;
  /** The definition it was resolved from. */
  definition: AnyInitializerDefinition;
  /** Fills `out` (allocated when omitted) and returns it; throws if the result holds NaN or ±Infinity. */
  init(context: InitializerContext, out?: Float32Array): Float32Array;
}

/** Parameter values implied by a schema: numbers for `'number'`, the option strings for `'enum'`. */
export type ParamValues<S extends Record<string, ParamSpec>> = {
  -readonly [K in keyof S]: S[K] extends { type: 'enum'; options: readonly (infer O)[] }
    ? O extends string
      ? O
      : string
    : number;
};
