import type { RunRow } from './form';

/**
 * The page's URL holds every setting of the form, in its query string, so that a link reopens the same
 * experiment (see the README's "Permalinks"):
 *
 *   ?preset=custom&r=normal:sigmoid:std=0.1&r=he:relu&hidden=100,100&optimizer=sgd&lr=0.01&batch=100
 *    &iterations=2000&every=100&seeds=0,1,2&backend=auto&run=1
 *
 * `r` is one compared run: initializer, activation, then its parameters as `name=value`. `run=1` starts
 * the run once the page is ready. Values are the form's text, as typed; the form and the trainer's parsers
 * check them when the link is opened.
 */
export interface Settings {
  preset: string;
  runs: RunRow[];
  hidden: string;
  optimizer: string;
  lr: string;
  batch: string;
  iterations: string;
  every: string;
  seeds: string;
  backend: string;
}

/** The form's single-value fields in a link, each with the id of its element. */
export const FIELDS = {
  hidden: 'hidden-sizes',
  optimizer: 'optimizer',
  lr: 'learning-rate',
  batch: 'batch-size',
  iterations: 'iterations',
  every: 'eval-every',
  seeds: 'seeds',
} as const;
export type FieldName = keyof typeof FIELDS;

/** A link as read: the values it carries (raw text), its runs (`r`, still encoded) and the start flag. */
export interface Link {
  values: Partial<Record<FieldName | 'preset' | 'backend', string>>;
  runs: string[];
  start: boolean;
}

/** `he:relu:gain=2` for He (gain 2) with ReLU. */
export function encodeRow(row: RunRow): string {
  const params = Object.entries(row.params).map(([name, value]) => `${name}=${value}`);
  return [row.initializer, row.activation, ...params].join(':');
}

/** The run a link's `r` value names (numbers as numbers); its initializer and activation are checked later. */
export function decodeRow(text: string): RunRow {
  const [initializer = '', activation = '', ...params] = text.split(':');
  const values: Record<string, number | string> = {};
  for (const param of params) {
    const at = param.indexOf('=');
    const name = at < 0 ? param : param.slice(0, at);
    const value = at < 0 ? '' : param.slice(at + 1);
    values[name] = value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return { initializer, activation, params: values };
}

/** Keeps `,`, `:` and `=` readable: all three are allowed in a query string. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%3D/gi, '=');
}

/** The query string (with its `?`) for `settings`; `start` adds `run=1`. */
export function toQuery(settings: Settings, start = false): string {
  const pairs: [string, string][] = [['preset', settings.preset]];
  for (const row of settings.runs) pairs.push(['r', encodeRow(row)]);
  for (const key of Object.keys(FIELDS) as FieldName[]) pairs.push([key, settings[key]]);
  pairs.push(['backend', settings.backend]);
  if (start) pairs.push(['run', '1']);
  return `?${pairs.map(([key, value]) => `${key}=${encode(value)}`).join('&')}`;
}

/** Reads a query string (`location.search`); keys it does not know are ignored. */
export function readLink(search: string): Link {
  const params = new URLSearchParams(search);
  const values: Link['values'] = {};
  for (const key of ['preset', ...Object.keys(FIELDS), 'backend'] as (keyof Link['values'])[]) {
    const value = params.get(key);
    if (value !== null) values[key] = value;
  }
  return { values, runs: params.getAll('r'), start: params.get('run') === '1' };
}
