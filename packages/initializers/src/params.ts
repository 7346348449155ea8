import { z } from 'zod';
import { InitializerError, show } from './errors.js';
import { closestNames, quotedList } from './suggest.js';
import type { AnyInitializerDefinition, ParamSpec } from './types.js';

/** Words for a spec's valid values: "a number > 0", "a number in [0, 1)", "one of 'fanIn', 'fanOut'". */
export function describeRange(spec: ParamSpec): string {
  if (spec.type === 'enum') return `one of ${spec.options.map((option) => `'${option}'`).join(', ')}`;
  const hasMin = spec.min !== undefined;
  const hasMax = spec.max !== undefined;
  if (hasMin && hasMax) {
    return `a number in ${spec.exclusiveMin ? '(' : '['}${spec.min}, ${spec.max}${spec.exclusiveMax ? ')' : ']'}`;
  }
  if (hasMin) return `a number ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}`;
  if (hasMax) return `a number ${spec.exclusiveMax ? '<' : '≤'} ${spec.max}`;
  return 'a finite number';
}

/**
 * A parameter's schema in zod: one of the options, or a finite number in range. Numeric strings count as
 * numbers, so specs typed on a command line or in a URL work unchanged.
 */
export function paramSchema(spec: ParamSpec): z.ZodType<number | string> {
  if (spec.type === 'enum') return z.enum(spec.options as [string, ...string[]]);
  let number = z.number();
  if (spec.min !== undefined) number = spec.exclusiveMin ? number.gt(spec.min) : number.gte(spec.min);
  if (spec.max !== undefined) number = spec.exclusiveMax ? number.lt(spec.max) : number.lte(spec.max);
  return z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), number);
}

/** Checks one value against its schema and returns it in its proper type (see `paramSchema`). */
export function checkParam(initializer: string, parameter: string, spec: ParamSpec, value: unknown): number | string {
  const parsed = paramSchema(spec).safeParse(value);
  if (parsed.success) return parsed.data;
  const close =
    spec.type === 'enum' && typeof value === 'string' ? closestNames(value, spec.options, { limit: 1 }) : [];
  const hint = close.length > 0 ? ` — did you mean ${quotedList(close)}?` : '';
  throw new InitializerError(
    `initializer '${initializer}': parameter '${parameter}' must be ${describeRange(spec)}, got ${show(value)}${hint}`,
    { initializer, parameter, value, suggestions: close },
  );
}

/** Every parameter of `definition`, taken from `given` or its default; unknown names are rejected. */
export function resolveParams(
  definition: AnyInitializerDefinition,
  given: Readonly<Record<string, unknown>>,
): Record<string, number | string> {
  const names = Object.keys(definition.params);
  for (const parameter of Object.keys(given)) {
    if (names.includes(parameter)) continue;
    const close = closestNames(parameter, names, { limit: 1 });
    const hint = close.length > 0 ? ` — did you mean ${quotedList(close)}?` : '';
    const valid =
      names.length > 0 ? `its parameters are ${names.join(', ')}` : `'${definition.name}' takes no parameters`;
    throw new InitializerError(`initializer '${definition.name}': unknown parameter '${parameter}'${hint} (${valid})`, {
      initializer: definition.name,
      parameter,
      value: given[parameter],
      suggestions: close,
    });
  }
  const params: Record<string, number | string> = {};
  for (const name of names) {
    const spec: ParamSpec = definition.params[name];
    params[name] = name in given ? checkParam(definition.name, name, spec, given[name]) : spec.default;
  }
  definition.validate?.(params);
  return params;
}

/** `name(k=v, ...)` listing the parameters given explicitly or differing from their defaults. */
export function formatLabel(
  definition: AnyInitializerDefinition,
  params: Record<string, number | string>,
  explicit: readonly string[],
): string {
  const shown = Object.keys(definition.params)
    .filter((name) => explicit.includes(name) || params[name] !== definition.params[name].default)
    .map((name) => `${name}=${params[name]}`);
  return shown.length > 0 ? `${definition.name}(${shown.join(', ')})` : definition.name;
}
