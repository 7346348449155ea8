import { getPreset } from '@initlab/trainer';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';
import { messageOf } from './exit.js';

/** What `initlab run <target>` resolved to: the config still to parse (`parseExperiment`, with the overrides). */
export interface ResolvedTarget {
  /** A preset or group, or the JSON of a config file as it was read. */
  input: unknown;
  /** Short name for the default output directory (a config file's is its `name`, known once it is parsed). */
  name?: string;
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
  return { input: json, fromFile: true };
}

/**
 * A preset, a group of presets, or a config file (read, not yet checked). Unknown preset names throw a
 * ConfigError that names the closest ones.
 */
export async function resolveTarget(target: string): Promise<ResolvedTarget> {
  if (looksLikeFile(target)) return fromFile(target);
  return { input: getPreset(target), name: target, fromFile: false };
}
