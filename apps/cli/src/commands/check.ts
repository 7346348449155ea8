import { checkResults, checkTotal, failedSeedsText, type Check, type ExperimentResults } from '@initlab/trainer';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ExitCode, UsageError } from '../errors.js';
import { messageOf } from '../exit.js';
import type { Io } from '../io.js';

const MARK: Record<Check['verdict'], string> = { holds: '✓', fails: '✗', 'n/a': '–' };

/** One line per check (and the numbers of the seeds it failed in); `failedOnly` keeps the failed ones. */
export function checksText(checks: readonly Check[], failedOnly: boolean): string {
  const shown = failedOnly ? checks.filter((check) => check.verdict === 'fails') : checks;
  return shown
    .map((check) => {
      const line = `${MARK[check.verdict]} ${check.experiment} ${check.id}: ${checkTotal(check)} — ${check.claim}`;
      return check.verdict === 'fails' ? `${line}\n    the data showed: ${failedSeedsText(check)}` : line;
    })
    .join('\n');
}

/** Exit 3 when any claim fails; a claim that applies to no seed fails nothing. */
export function checksExitCode(checks: readonly Check[]): number {
  return checks.some((check) => check.verdict === 'fails') ? ExitCode.claimFailed : ExitCode.ok;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first thing that keeps `json` from being results claims can be checked against, or undefined. */
function problemOf(json: unknown): string | undefined {
  if (!isObject(json)) return 'expected a JSON object with runs[]';
  if (!Array.isArray(json.runs)) return 'runs[] is missing';
  for (const [index, run] of json.runs.entries()) {
    if (!isObject(run)) return `runs[${index}] is not an object`;
    for (const field of ['experiment', 'label', 'status'] as const) {
      if (typeof run[field] !== 'string') return `runs[${index}].${field} is not a string`;
    }
    for (const field of ['seed', 'iterations'] as const) {
      if (typeof run[field] !== 'number') return `runs[${index}].${field} is not a number`;
    }
    for (const field of ['loss', 'evals', 'layers'] as const) {
      if (!Array.isArray(run[field])) return `runs[${index}].${field} is not an array`;
    }
  }
  return undefined;
}

async function readResults(path: string): Promise<ExperimentResults> {
  if (!existsSync(path)) throw new UsageError(`results file '${path}' does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`results file '${path}' is not valid JSON: ${messageOf(error)}`);
  }
  const problem = problemOf(json);
  if (problem)
    throw new UsageError(
      `'${path}' is not an initlab results file: ${problem} (write one with initlab run … --out DIR)`,
    );
  return json as ExperimentResults;
}

/** Where the verdicts a file records differ from the ones its runs give now (a tampered file, or older claims). */
function disagreements(recorded: readonly Check[] | undefined, checks: readonly Check[]): string[] {
  if (!Array.isArray(recorded)) return [];
  return checks.flatMap((check) => {
    const before = recorded.find((entry) => entry?.experiment === check.experiment && entry?.id === check.id);
    return before && before.verdict !== check.verdict
      ? [
          `note: the file records ${check.experiment} ${check.id} as '${before.verdict}'; its runs give '${check.verdict}'`,
        ]
      : [];
  });
}

/**
 * `initlab check <results.json>`: re-evaluates the presets' claims against the runs of a results file written
 * earlier (by the CLI or the demo). Exits 0 when every claim holds or does not apply, 3 when one fails.
 */
export async function checkCommand(path: string, io: Io): Promise<number> {
  const results = await readResults(path);
  const checks = checkResults(results);
  if (checks.length === 0) {
    io.stdout.write(`${path}: no claims to check (none of its experiments is a preset with claims)\n`);
    return ExitCode.ok;
  }
  const notes = disagreements(results.checks, checks);
  io.stdout.write(`${checksText(checks, false)}\n${notes.map((note) => `${note}\n`).join('')}`);
  return checksExitCode(checks);
}
