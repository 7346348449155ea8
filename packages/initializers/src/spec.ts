import { InitializerError } from './errors.js';
import type { InitializerSpec } from './types.js';

/** An initializer spec split into its name and the parameters it states explicitly. */
export interface ParsedSpec {
  name: string;
  given: Record<string, number | string>;
}

const CALL = /^\s*([^\s(]+)\s*(?:\((.*)\))?\s*$/s;
const ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S(?:.*\S)?)\s*$/s;

/** `'he'`, `'normal(std=0.1, mean=0)'` (the label syntax) or `{ name, ...params }`. */
export function parseSpec(spec: InitializerSpec): ParsedSpec {
  if (typeof spec === 'object' && spec !== null) {
    const { name, ...given } = spec;
    if (typeof name !== 'string') {
      throw new InitializerError(`initializer spec needs a string 'name', got ${JSON.stringify(spec)}`);
    }
    return { name, given };
  }
  if (typeof spec !== 'string') {
    throw new InitializerError(
      `initializer spec must be a name like 'he', 'normal(std=0.1)' or { name: 'normal', std: 0.1 }, got ${String(spec)}`,
    );
  }
  const call = CALL.exec(spec);
  if (!call) {
    throw new InitializerError(`cannot read initializer spec '${spec}': expected 'name' or 'name(param=value, ...)'`);
  }
  const [, name, list] = call;
  const given: Record<string, string> = {};
  if (list !== undefined && list.trim() !== '') {
    for (const part of list.split(',')) {
      const assignment = ASSIGNMENT.exec(part);
      if (!assignment) {
        throw new InitializerError(`cannot read initializer spec '${spec}': '${part.trim()}' is not 'param=value'`, {
          initializer: name,
        });
      }
      given[assignment[1]] = assignment[2];
    }
  }
  return { name, given };
}
