import { closestNames, quotedList } from '@initlab/initializers';
import { OptimizerError } from './errors.js';
import type { OptimizerParamInfo } from './types.js';

/** A numeric setting: its default, its valid interval and what it means. */
export interface SettingRule {
  default: number;
  min: number;
  minInclusive: boolean;
  /** Exclusive upper bound; absent means unbounded. */
  maxExclusive?: number;
  description: string;
}

export type SettingRules = Record<string, SettingRule>;

function rangeText(rule: SettingRule): string {
  const upper = rule.maxExclusive === undefined ? '∞)' : `${rule.maxExclusive})`;
  return `${rule.minInclusive ? '[' : '('}${rule.min}, ${upper}`;
}

function inRange(value: number, rule: SettingRule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.minInclusive ? value < rule.min : value <= rule.min) return false;
  return rule.maxExclusive === undefined || value < rule.maxExclusive;
}

/** Settings given as strings (from a command line) are read as numbers. */
function toNumber(value: number | string): number {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** The rules as `listOptimizers` shows them. */
export function describeRules(rules: SettingRules): Record<string, OptimizerParamInfo> {
  const described: Record<string, OptimizerParamInfo> = {};
  for (const [key, rule] of Object.entries(rules)) {
    described[key] = {
      type: 'number',
      default: rule.default,
      min: rule.min,
      range: rangeText(rule),
      description: rule.description,
    };
  }
  return described;
}

/**
 * Defaults filled in and every given value checked; throws naming the optimizer, the setting and its valid range,
 * or the closest valid setting names for an unknown one.
 */
export function resolveSettings<K extends string>(
  optimizer: string,
  rules: Record<K, SettingRule>,
  given: Readonly<Record<string, number | string | undefined>>,
): Record<K, number> {
  const keys = Object.keys(rules) as K[];
  for (const key of Object.keys(given)) {
    if (key === 'name' || given[key] === undefined || keys.includes(key as K)) continue;
    const nearest = quotedList(closestNames(key, keys, { limit: 2, reach: 'all' }));
    throw new OptimizerError(
      `${optimizer}: unknown setting '${key}' — did you mean ${nearest}? (valid: ${keys.join(', ')})`,
    );
  }
  const resolved = {} as Record<K, number>;
  for (const key of keys) {
    const rule: SettingRule = rules[key];
    const raw = given[key];
    const value = raw === undefined ? rule.default : toNumber(raw);
    if (!inRange(value, rule)) {
      throw new OptimizerError(
        `${optimizer}: ${key} must be a number in ${rangeText(rule)}, got ${JSON.stringify(raw)}`,
      );
    }
    resolved[key] = value;
  }
  return resolved;
}

/** The settings every optimizer shares. */
export const learningRate = (defaultValue: number): SettingRule => ({
  default: defaultValue,
  min: 0,
  minInclusive: false,
  description: 'learning rate: the step size',
});

export const weightDecay: SettingRule = {
  default: 0,
  min: 0,
  minInclusive: true,
  description: 'L2 penalty λ: λ·value is added to the gradient before the update',
};

/** A coefficient in [0, 1). */
export const fraction = (defaultValue: number, description: string): SettingRule => ({
  default: defaultValue,
  min: 0,
  minInclusive: true,
  maxExclusive: 1,
  description,
});
