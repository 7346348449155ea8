import { didYouMean, listInitializers, type ParamSpec } from '@initlab/initializers';
import { listActivations } from '@initlab/layers';
import { listOptimizers } from '@initlab/optimizers';
import { cellClaimsFor, claimsFor, listPresets } from '@initlab/trainer';
import { UsageError } from '../errors.js';

/** What `initlab list` can list, in the order it prints them. */
export const LIST_TOPICS = ['initializers', 'optimizers', 'presets', 'activations'] as const;
type Topic = (typeof LIST_TOPICS)[number];

interface Entry {
  name: string;
  description: string;
  params?: string;
  /** Lines printed under the entry (a preset's claims). */
  details?: string[];
}

function initializerParam(name: string, spec: ParamSpec): string {
  return spec.type === 'enum' ? `${name}=${spec.default} (${spec.options.join('|')})` : `${name}=${spec.default}`;
}

function entries(topic: Topic): Entry[] {
  switch (topic) {
    case 'initializers':
      return listInitializers().map((definition) => ({
        name: definition.name,
        description: definition.description,
        params: Object.entries(definition.params as Record<string, ParamSpec>)
          .map(([name, spec]) => initializerParam(name, spec))
          .join(', '),
      }));
    case 'optimizers':
      return listOptimizers().map((info) => ({
        name: info.name,
        description: info.description,
        params: Object.entries(info.params)
          .map(([name, param]) => `${name}=${param.default}`)
          .join(', '),
      }));
    case 'presets':
      return listPresets().map((preset) => ({
        name: preset.name,
        description: preset.kind === 'group' ? `(group) ${preset.description}` : preset.description,
        details: [...claimsFor(preset.name), ...cellClaimsFor(preset.name)].map(
          (claim) => `claim ${claim.id}: ${claim.claim}`,
        ),
      }));
    case 'activations':
      return listActivations().map((activation) => ({ name: activation.name, description: activation.description }));
  }
}

function section(topic: Topic): string {
  const rows = entries(topic);
  const width = Math.max(...rows.map((row) => row.name.length));
  const lines = rows.map((row) => {
    const params = row.params ? `  [${row.params}]` : '';
    const details = (row.details ?? []).map((line) => `\n  ${' '.repeat(width)}    ${line}`).join('');
    return `  ${row.name.padEnd(width)}  ${row.description}${params}${details}`;
  });
  return `${topic}:\n${lines.join('\n')}\n`;
}

/** The text of `initlab list [topic]`: every topic when none is given. */
export function listText(topic: string | undefined): string {
  if (topic === undefined) return LIST_TOPICS.map(section).join('\n');
  if (!(LIST_TOPICS as readonly string[]).includes(topic)) {
    throw new UsageError(
      `unknown list '${topic}' — ${didYouMean(topic, LIST_TOPICS, { reach: 'all' })} (choose one of ${LIST_TOPICS.join(', ')})`,
    );
  }
  return section(topic as Topic);
}
