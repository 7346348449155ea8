import { closestNames, quotedList } from '@initlab/initializers';
import { z } from 'zod';
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

/** The settings an optimizer takes, one per rule, each optional (absent ones take the rule's default). */
export type SettingsOf<R extends SettingRules> = { [K in keyof R]?: number };

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

/** One setting's schema: a number or numeric string in the rule's range, read as a number; absent, the default. */
function settingSchema(optimizer: string, key: string, rule: SettingRule) {
  return z.custom<number | string | undefined>().transform((raw, ctx) => {
    const value = raw === undefined ? rule.default : toNumber(raw);
    if (!inRange(value, rule)) {
      ctx.addIssue({
        code: 'custom',
        message: `${optimizer}: ${key} must be a number in ${rangeText(rule)}, got ${JSON.stringify(raw)}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

/**
 * The zod schema of an optimizer's settings, made from its rules: every given value checked and read as a
 * number, defaults filled in; an unknown setting is reported with the closest valid names.
 */
function settingsSchema<K extends string>(optimizer: string, rules: Record<K, SettingRule>) {
  const keys = Object.keys(rules) as K[];
  const shape = Object.fromEntries(keys.map((key) => [key, settingSchema(optimizer, key, rules[key])])) as {
    [Key in K]: ReturnType<typeof settingSchema>;
  };
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const [key] = issue.keys;
      const nearest = quotedList(closestNames(key, keys, { limit: 2, reach: 'all' }));
      return `${optimizer}: unknown setting '${key}' — did you mean ${nearest}? (valid: ${keys.join(', ')})`;
    },
  });
}

/**
 * Defaults filled in and every given value checked (`name` and absent values aside); throws naming the
 * optimizer, the setting and its valid range, or the closest valid setting names for an unknown one.
 */
export function resolveSettings<K extends string>(
  optimizer: string,
  rules: Record<K, SettingRule>,
  given: Readonly<Record<string, number | string | undefined>>,
): Record<K, number> {
  const present = Object.entries(given).filter(([key, value]) => key !== 'name' && value !== undefined);
  const parsed = settingsSchema(optimizer, rules).safeParse(Object.fromEntries(present));
  if (parsed.success) return parsed.data as Record<K, number>;
  // An unknown name is the likelier mistake (a typo), so it is reported before a value out of range.
  const { issues } = parsed.error;
  throw new OptimizerError((issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0]).message);
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
