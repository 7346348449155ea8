import { InitializerError, show } from './errors.js';
import { paramSpecProblem } from './param-spec.js';
import { checkParam } from './params.js';
import type { AnyInitializerDefinition, InitializerDefinition, ParamSpec, ParamValues } from './types.js';

/** Names must survive labels, specs like `normal(std=0.1)` and command lines. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

function invalid(name: string, problem: string): never {
  throw new InitializerError(`invalid initializer definition '${name}': ${problem}`, { initializer: name });
}

function checkSpec(name: string, parameter: string, spec: ParamSpec): void {
  const where = `parameter '${parameter}'`;
  const problem = paramSpecProblem(spec);
  if (problem !== undefined) invalid(name, `${where}${problem}`);
  try {
    checkParam(name, parameter, spec, spec.default);
  } catch (error) {
    invalid(name, `default of ${where} is out of its own range (${(error as Error).message})`);
  }
}

/**
 * Validates an initializer definition and returns it (frozen), typed so that `init` sees numbers for
 * `'number'` parameters and the option strings for `'enum'` ones. Register it with `registerInitializer`.
 *
 * @example
 * const scaledOnes = defineInitializer({
 *   name: 'scaledOnes',
 *   description: 'every weight equal to 1/fanIn',
 *   params: {},
 *   init: ({ fanIn }, _params, out) => out.fill(1 / fanIn),
 * });
 */
export function defineInitializer<const S extends Record<string, ParamSpec>>(definition: {
  name: string;
  description: string;
  params: S;
  validate?(params: ParamValues<S>): void;
  init(
    context: Parameters<InitializerDefinition<ParamValues<S>>['init']>[0],
    params: ParamValues<S>,
    out: Float32Array,
  ): void;
}): InitializerDefinition<ParamValues<S>>;
export function defineInitializer<P extends Record<string, number | string>>(
  definition: InitializerDefinition<P>,
): InitializerDefinition<P>;
export function defineInitializer(definition: AnyInitializerDefinition): AnyInitializerDefinition {
  if (typeof definition !== 'object' || definition === null) {
    throw new InitializerError(`invalid initializer definition: expected an object, got ${show(definition)}`);
  }
  const { name, description, params, init, validate } = definition;
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    invalid(String(name), `name must start with a letter and hold only letters, digits and '_', got ${show(name)}`);
  }
  if (typeof description !== 'string' || description.trim() === '' || /[\r\n]/.test(description)) {
    invalid(name, 'description must be one non-empty line');
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    invalid(name, `params must be an object of parameter schemas, got ${show(params)}`);
  }
  for (const [parameter, spec] of Object.entries(params)) {
    if (!IDENTIFIER.test(parameter) || parameter === 'name') {
      invalid(name, `parameter name ${show(parameter)} must be an identifier other than 'name'`);
    }
    checkSpec(name, parameter, spec as ParamSpec);
  }
  if (typeof init !== 'function') invalid(name, `init must be a function, got ${show(init)}`);
  if (validate !== undefined && typeof validate !== 'function') {
    invalid(name, `validate must be a function when given, got ${show(validate)}`);
  }
  if (validate) {
    const defaults = Object.fromEntries(Object.entries(params).map(([key, spec]) => [key, spec.default]));
    try {
      validate(defaults);
    } catch (error) {
      invalid(name, `its defaults fail its own validate (${(error as Error).message})`);
    }
  }
  for (const spec of Object.values(params)) Object.freeze(spec);
  Object.freeze(params);
  return Object.freeze(definition);
}
