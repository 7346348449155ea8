import {
  REQUIRED_FIELDS,
  RUN_SETTING_NAMES,
  isPlainObject,
  runSettingsSchema,
  type ExperimentConfig,
  type GridAxis,
  type RunSettings,
} from '../config/config.js';
import { hint, show } from '../config/suggest.js';
import { formatPath, messageOf, type ConfigIssue } from '../errors.js';
import { applyAxis, DEPTH_SETTING, expandCells } from './cells.js';

/** What an axis's `setting` may start with: a run setting, or `depth`. The seed has its own list (`seeds`). */
const SETTABLE = [...RUN_SETTING_NAMES.filter((name) => name !== 'seed'), DEPTH_SETTING];

/** An axis over a setting that does not exist, named with the closest one that does. */
function settingIssue(axis: GridAxis, at: string): ConfigIssue | undefined {
  if (axis.setting === undefined) return undefined;
  const [head] = axis.setting.split('.');
  if (SETTABLE.includes(head)) return undefined;
  return {
    path: `${at}.setting`,
    message: `axis '${axis.name}': unknown setting '${axis.setting}'${hint(head, SETTABLE)}`,
  };
}

/** Each value applied alone to `base`, checked as run settings: a bad value or a path that leads nowhere. */
function valueIssues(axis: GridAxis, base: RunSettings, kind: ExperimentConfig['kind'], at: string): ConfigIssue[] {
  const bundles = axis.values.filter((value) => typeof value === 'object').length;
  if (axis.setting !== undefined && bundles > 0) {
    return [{ path: `${at}.values`, message: `axis '${axis.name}' has a setting, so its values must be plain values` }];
  }
  if (axis.setting === undefined && bundles < axis.values.length) {
    return [{ path: `${at}.setting`, message: `axis '${axis.name}': plain values need a setting to give them to` }];
  }
  const issues: ConfigIssue[] = [];
  // A path that leads nowhere fails every value alike: said once, at the first.
  const said = new Set<string>();
  const what = axis.setting === undefined ? `axis '${axis.name}'` : `axis '${axis.name}' (setting '${axis.setting}')`;
  for (const [index, value] of axis.values.entries()) {
    const path = `${at}.values[${index}]`;
    let settings: RunSettings;
    try {
      settings = applyAxis(base, axis, value, kind ?? 'train');
    } catch (error) {
      issues.push({ path, message: `${what}: ${messageOf(error)}` });
      continue;
    }
    const parsed = runSettingsSchema.safeParse(settings);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const where = formatPath(issue.path as PropertyKey[]);
      if (said.has(`${where}: ${issue.message}`)) continue;
      said.add(`${where}: ${issue.message}`);
      issues.push({ path, message: `${what} = ${show(value)}: ${where ? `${where}: ` : ''}${issue.message}` });
    }
  }
  return issues;
}

/** Unique axis names, and a heatmap over two of them. */
function namingIssues(axes: readonly GridAxis[], heatmap: { x: string; y: string } | undefined, prefix: string) {
  const issues: ConfigIssue[] = [];
  const names = axes.map((axis) => axis.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) {
      issues.push({ path: `${prefix}.axes[${index}].name`, message: `duplicate axis name '${name}'` });
    }
  });
  for (const side of ['x', 'y'] as const) {
    const name = heatmap?.[side];
    if (name !== undefined && !names.includes(name)) {
      issues.push({ path: `${prefix}.heatmap.${side}`, message: `no axis named '${name}'${hint(name, names)}` });
    }
  }
  return issues;
}

/**
 * The checks of a grid across fields, once its shape parsed: either `runs` or `grid`, unique axis names, axes over
 * settings that exist, values the setting accepts, and every field the kind requires in the first cell.
 */
export function gridIssues(input: Record<string, unknown>, prefix: (string | number)[]): ConfigIssue[] {
  const at = (...path: (string | number)[]) => formatPath([...prefix, ...path]);
  const hasGrid = input.grid !== undefined;
  if (hasGrid && input.runs !== undefined) {
    return [{ path: at('grid'), message: 'give either runs or grid, not both' }];
  }
  if (!hasGrid) {
    if (input.runs === undefined)
      return [{ path: at('runs'), message: 'required: a non-empty list of runs, or a grid' }];
    if (input.kind === 'jacobian') return [{ path: at('kind'), message: "kind 'jacobian' runs as a grid: give grid" }];
    return [];
  }
  const config = input as ExperimentConfig;
  const axes = config.grid?.axes;
  // A grid whose shape is wrong has had its issues reported by the schema.
  if (!Array.isArray(axes) || !axes.every((axis) => isPlainObject(axis) && Array.isArray(axis.values))) return [];
  if (!isPlainObject(config.base)) return [];
  const issues = namingIssues(axes, config.grid?.heatmap, at('grid'));
  for (const [index, axis] of axes.entries()) {
    const axisAt = at('grid', 'axes', index);
    const unknown = settingIssue(axis, axisAt);
    if (unknown) issues.push(unknown);
    else if (axis.values.length > 0) issues.push(...valueIssues(axis, config.base, config.kind, axisAt));
  }
  if (issues.length > 0 || axes.some((axis) => axis.values.length === 0) || !Array.isArray(config.seeds)) return issues;
  const first = expandCells({ ...config, seeds: [0] })[0]?.settings ?? {};
  for (const field of REQUIRED_FIELDS[config.kind ?? 'train']) {
    if (first[field] === undefined) {
      issues.push({ path: at('base', field), message: `required: set '${field}' in base or on an axis` });
    }
  }
  return issues;
}
