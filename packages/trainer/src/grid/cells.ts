import { mergeRun, type ExperimentConfig, type GridAxis, type RunSettings } from '../config/config.js';
import type { ExperimentKind } from '../config/resolve.js';
import { TrainerError } from '../errors.js';
import type { Coordinate } from '../results/results.js';

/*
 * A grid's cells: every combination of its axes' values, times the seeds, in one fixed order — nested loops in
 * the axes' declared order, the first axis slowest, seeds innermost. A cell's index counts from 0 in that order;
 * `--shard k/n` and the merge of shards rely on it.
 */

/** The setting that sets the number of hidden layers, each as wide as `base.hiddenSizes[0]`. */
export const DEPTH_SETTING = 'depth';

/** One cell of a grid, before it runs. */
export interface GridCell {
  index: number;
  /** Axis name → value (a bundle's `label`), in axis order. */
  coordinates: Record<string, Coordinate>;
  seed: number;
  /** `sigmaW2=1.75, depth=30`: the coordinates in axis order. */
  label: string;
  /** `base` with the cell's values applied (without the seed). */
  settings: RunSettings;
}

/** An axis value: a plain value for the axis's `setting`, or a labelled bundle of settings. */
export type AxisValue = GridAxis['values'][number];

function isBundle(value: AxisValue): value is { label: Coordinate } & Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The coordinate a value stands for: itself, or a bundle's label. */
export function coordinateOf(value: AxisValue): Coordinate {
  return isBundle(value) ? value.label : value;
}

/** `settings` with `value` at the dotted `path`; a bare name on the way becomes `{ name }` (`'he'` → `{ name: 'he', … }`). */
function setPath(settings: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (rest.length === 0) return { ...settings, [key]: value };
  const current = settings[key];
  if (Array.isArray(current)) {
    throw new TrainerError(`'${key}' is a per-layer list here; an axis cannot set '${rest.join('.')}' inside it`);
  }
  const inner = typeof current === 'string' ? { name: current } : typeof current === 'object' ? current : {};
  return { ...settings, [key]: setPath((inner ?? {}) as Record<string, unknown>, rest, value) };
}

/** The hidden sizes for `depth` layers as wide as `settings`' first; a Jacobian's first layer is one more. */
function hiddenSizesFor(settings: RunSettings, depth: unknown, kind: ExperimentKind): number[] {
  const width = settings.hiddenSizes?.[0];
  if (width === undefined)
    throw new TrainerError("setting 'depth' needs base.hiddenSizes (its first entry is the width)");
  if (typeof depth !== 'number' || !Number.isSafeInteger(depth) || depth < 1) {
    throw new TrainerError(`depth must be a positive integer, got ${JSON.stringify(depth)}`);
  }
  return new Array<number>(depth + (kind === 'jacobian' ? 1 : 0)).fill(width);
}

/** `settings` with one axis's `value` applied: a bundle merged in, `depth` as hidden layers, anything else at its path. */
export function applyAxis(settings: RunSettings, axis: GridAxis, value: AxisValue, kind: ExperimentKind): RunSettings {
  if (isBundle(value)) return mergeRun(settings, value as RunSettings);
  if (axis.setting === undefined) {
    throw new TrainerError(`axis '${axis.name}' has plain values but no setting to give them to`);
  }
  if (axis.setting === DEPTH_SETTING) return { ...settings, hiddenSizes: hiddenSizesFor(settings, value, kind) };
  return setPath(settings as Record<string, unknown>, axis.setting.split('.'), value) as RunSettings;
}

/** How many cells a grid has: the product of its axes' lengths, times the seeds. */
export function cellCount(config: Pick<ExperimentConfig, 'grid' | 'seeds'>): number {
  const axes = config.grid?.axes ?? [];
  return axes.reduce((count, axis) => count * axis.values.length, 1) * config.seeds.length;
}

/** Every cell of `config`'s grid, in the grid's order (see above); none when it has no grid. */
export function expandCells(config: ExperimentConfig): GridCell[] {
  if (!config.grid) return [];
  const { axes } = config.grid;
  const kind = config.kind ?? 'train';
  const combinations = cellCount(config) / config.seeds.length;
  const cells: GridCell[] = [];
  for (let combination = 0; combination < combinations; combination++) {
    // The combination's digits in the mixed radix of the axes' lengths, the last axis the fastest digit.
    const picks: number[] = new Array(axes.length);
    let rest = combination;
    for (let axis = axes.length - 1; axis >= 0; axis--) {
      picks[axis] = rest % axes[axis].values.length;
      rest = Math.floor(rest / axes[axis].values.length);
    }
    let settings: RunSettings = { ...config.base };
    const coordinates: Record<string, Coordinate> = {};
    for (const [position, axis] of axes.entries()) {
      const value = axis.values[picks[position]];
      settings = applyAxis(settings, axis, value, kind);
      coordinates[axis.name] = coordinateOf(value);
    }
    const label = Object.entries(coordinates)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    for (const seed of config.seeds) cells.push({ index: cells.length, coordinates, seed, label, settings });
  }
  return cells;
}
