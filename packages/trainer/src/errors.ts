/** One problem in a config: where (a JSON path such as `runs[2].initializer`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * Thrown for an invalid experiment or run config. `issues` lists every bad field at once;
 * the message shows them one per line as `path: message`.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], what = 'config') {
    const lines = issues.map(({ path, message }) => `  ${path ? `${path}: ` : ''}${message}`);
    super(`invalid ${what}:\n${lines.join('\n')}`);
    this.issues = issues;
  }
}

/** Thrown for a run that cannot start or a worker that failed; the message names the run. */
export class TrainerError extends Error {
  override name = 'TrainerError';
}

/** `['runs', 2, 'initializer']` → `runs[2].initializer`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
