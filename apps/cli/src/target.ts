import { getPreset, validateExperiment, validateGroup, type Experiment } from '@initlab/trainer';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from './errors.js';
import { messageOf } from './exit.js';

/** What `initlab run <target>` resolved to. */
export interface ResolvedTarget {
  experiment: Experiment;
  /** Short name for the default output directory. */
  name: string;
  /** Presets and groups take their seeds from `--seeds` (default 0); a config file keeps its own unless given. */
  fromFile: boolean;
}

function looksLikeFile(target: string): boolean {
  return target.endsWith('.json') || target.includes('/') || target.includes('\\') || existsSync(target);
}

async function fromFile(path: string): Promise<ResolvedTarget> {
  if (!existsSync(path)) throw new UsageError(`config file '${path}' does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`config file '${path}' is not valid JSON: ${messageOf(error)}`);
  }
  const isGroupFile = typeof json === 'object' && json !== null && 'experiments' in json;
  const experiment = isGroupFile ? validateGroup(json) : validateExperiment(json);
  return { experiment, name: experiment.name || basename(path, '.json'), fromFile: true };
}

/**
 * A preset, a group of presets, or a config file (validated, every bad field reported at once). Unknown preset
 * names throw a ConfigError that names the closest ones.
 */
export async function resolveTarget(target: string): Promise<ResolvedTarget> {
  if (looksLikeFile(target)) return fromFile(target);
  return { experiment: getPreset(target), name: target, fromFile: false };
}
