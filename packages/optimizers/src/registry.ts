import { closestNames, quotedList } from '@initlab/initializers';
import { OptimizerError } from './errors.js';
import { AdaGrad } from './rules/adagrad.js';
import { Adam } from './rules/adam.js';
import { Momentum } from './rules/momentum.js';
import { Nesterov } from './rules/nesterov.js';
import { RMSprop } from './rules/rmsprop.js';
import { SGD } from './rules/sgd.js';
import { describeRules, type SettingRules } from './settings.js';
import type { Optimizer, OptimizerInfo, OptimizerSpec } from './types.js';

interface OptimizerClass {
  readonly description: string;
  readonly rules: SettingRules;
  new (settings: Record<string, number | string>): Optimizer;
}

const registry: Record<string, OptimizerClass> = {
  sgd: SGD,
  momentum: Momentum,
  nesterov: Nesterov,
  adagrad: AdaGrad,
  rmsprop: RMSprop,
  adam: Adam,
} as unknown as Record<string, OptimizerClass>;

/**
 * An optimizer from its name and optional settings, e.g. `createOptimizer({ name: 'adam', lr: 0.01 })`.
 * Settings may be numbers or numeric strings; unknown names and out-of-range settings throw `OptimizerError`.
 */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  const { name, ...settings } = typeof spec === 'string' ? { name: spec } : spec;
  const names = Object.keys(registry);
  const Rule = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!Rule) {
    const nearest = quotedList(closestNames(String(name), names, { limit: 2, reach: 'all' }));
    throw new OptimizerError(`unknown optimizer '${name}' — did you mean ${nearest}? (valid: ${names.join(', ')})`);
  }
  return new Rule(settings);
}

/** Every optimizer with its description and settings (defaults are the book's). */
export function listOptimizers(): OptimizerInfo[] {
  return Object.entries(registry).map(([name, Rule]) => ({
    name,
    description: Rule.description,
    params: describeRules(Rule.rules),
  }));
}
