import { BUILTIN_INITIALIZERS } from './builtins/index.js';
import { defineInitializer } from './define.js';
import { InitializerError } from './errors.js';
import { formatLabel, resolveParams } from './params.js';
import { parseSpec } from './spec.js';
import { closestNames, quotedList } from './suggest.js';
import type {
  InitializerContext,
  AnyInitializerDefinition,
  InitializerDefinition,
  InitializerSpec,
  ResolvedInitializer,
} from './types.js';

/**
 * The registry lives on `globalThis` under a `Symbol.for` key, so the ESM and CJS builds — or a plugin's own
 * copy of this package — share one process-wide table.
 */
const REGISTRY_KEY = Symbol.for('initlab.initializers.registry');

interface Registry {
  readonly version: 1;
  readonly definitions: Map<string, AnyInitializerDefinition>;
}

function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  let shared = holder[REGISTRY_KEY];
  if (!shared) {
    shared = {
      version: 1,
      definitions: new Map(BUILTIN_INITIALIZERS.map((definition) => [definition.name, definition])),
    };
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: shared, configurable: true });
  }
  return shared;
}

/**
 * Adds an initializer to the process-wide registry; from then on `getInitializer`, `initlab list initializers`,
 * the demo and the reports all know it. Re-registering a name throws unless `replace` is true.
 */
export function registerInitializer<P extends Record<string, number | string>>(
  definition: InitializerDefinition<P>,
  options: { replace?: boolean } = {},
): InitializerDefinition<P> {
  const checked = defineInitializer(definition);
  const { definitions } = registry();
  if (definitions.has(checked.name) && !options.replace) {
    throw new InitializerError(
      `initializer '${checked.name}' is already registered; choose another name or pass { replace: true }`,
      { initializer: checked.name },
    );
  }
  definitions.set(checked.name, checked);
  return checked;
}

/** Every registered initializer: the built-ins first, then plugins in registration order. */
export function listInitializers(): AnyInitializerDefinition[] {
  return [...registry().definitions.values()];
}

function lookup(name: string): AnyInitializerDefinition {
  const { definitions } = registry();
  const definition = definitions.get(name);
  if (definition) return definition;
  const suggestions = closestNames(name, [...definitions.keys()]);
  const hint = suggestions.length > 0 ? ` — did you mean ${quotedList(suggestions)}?` : '';
  throw new InitializerError(`unknown initializer '${name}'${hint} (see \`initlab list initializers\`)`, {
    initializer: name,
    value: name,
    suggestions,
  });
}

function checkContext(name: string, context: InitializerContext): void {
  const fail = (problem: string): never => {
    throw new InitializerError(`initializer '${name}': ${problem}`, { initializer: name });
  };
  if (typeof context !== 'object' || context === null) fail('needs a context { shape, fanIn, fanOut, rng }');
  const { shape, fanIn, fanOut, rng } = context;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((size) => Number.isSafeInteger(size) && size > 0)) {
    fail(`shape must be [rows, cols] of positive integers, got ${JSON.stringify(shape)}`);
  }
  for (const [key, fan] of [
    ['fanIn', fanIn],
    ['fanOut', fanOut],
  ] as const) {
    if (typeof fan !== 'number' || !Number.isFinite(fan) || fan <= 0)
      fail(`${key} must be a positive number, got ${String(fan)}`);
  }
  if (typeof rng?.nextGaussian !== 'function') fail('context.rng must be an Rng from createRng(seed)');
}

/**
 * Resolves `'he'`, `'normal(std=0.01)'` or `{ name: 'normal', std: 0.01 }` to a ready initializer:
 * unknown names get suggestions, parameters are checked against the schema and defaults filled in.
 *
 * @example
 * const w = getInitializer({ name: 'normal', std: 0.01 }).init({ shape: [784, 100], fanIn: 784, fanOut: 100, rng });
 */
export function getInitializer(spec: InitializerSpec): ResolvedInitializer {
  const { name, given } = parseSpec(spec);
  const definition = lookup(name);
  const params = Object.freeze(resolveParams(definition, given));
  const label = formatLabel(definition, params, Object.keys(given));
  return {
    name,
    params,
    label,
    definition,
    init(context, out) {
      checkContext(name, context);
      const size = context.shape[0] * context.shape[1];
      const target = out ?? new Float32Array(size);
      if (target.length !== size) {
        throw new InitializerError(
          `initializer '${name}': out holds ${target.length} values but shape [${context.shape.join(', ')}] needs ${size}`,
          { initializer: name },
        );
      }
      definition.init(context, params, target);
      for (let i = 0; i < size; i++) {
        if (!Number.isFinite(target[i])) {
          throw new InitializerError(
            `initializer '${label}' produced ${target[i]} at index ${i}; an initializer must write finite values`,
            { initializer: name, value: target[i] },
          );
        }
      }
      return target;
    },
  };
}
