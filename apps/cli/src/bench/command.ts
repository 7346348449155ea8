import { ExitCode } from '../errors.js';
import type { Io } from '../main.js';
import { benchText } from './format.js';
import { runBenchmarks, type BenchOptions } from './index.js';

/** `initlab bench`: runs the suite, progress on stderr, figures on stdout (JSON and nothing else with --json). */
export async function runBench(options: BenchOptions, io: Io): Promise<number> {
  const result = await runBenchmarks(options, (line) => io.stderr.write(`bench: ${line}\n`));
  io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : benchText(result));
  return ExitCode.ok;
}
