import { Command, CommanderError, Option } from 'commander';
import { messageOf } from './errors.js';
import { benchText } from './format.js';
import { runBenchmarks } from './index.js';
import { positiveInteger, threadCount } from './options.js';

/** Where the suite writes: figures on stdout, progress and errors on stderr. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Exit codes, as `initlab`'s: 0 done, 1 something failed while measuring, 2 the command line was wrong. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  return new Command('pnpm bench')
    .description(
      'the benchmark suite on MNIST: matmul kernels, training throughput, preset wall times, peak memory, beside NumPy',
    )
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .option('--json', 'print the figures as JSON, and nothing else, to stdout')
    .option('--iterations <n>', 'timed training iterations per network', positiveInteger('--iterations'), 1000)
    .addOption(
      new Option('--preset-iterations <n>', 'iterations of every preset run and of the memory run')
        .argParser(positiveInteger('--preset-iterations'))
        .default(2000),
    )
    .addOption(
      new Option('--full', 'presets and the memory run at their own length (minutes)').conflicts('presetIterations'),
    )
    .option('--skip-presets', 'leave out the preset wall times')
    .option('--skip-numpy', 'leave out every NumPy comparison')
    .option('--data <dir>', 'directory with the four MNIST IDX files')
    .addOption(
      new Option('--backend <name>', 'matrix-multiply backend for training')
        .choices(['auto', 'cpu', 'gpujs'])
        .default('auto'),
    )
    .addOption(
      new Option('--threads <n>', "threads per training run for the kernel and training figures; 'auto': every core")
        .argParser(threadCount)
        .default('auto'),
    )
    .action(async (options) => {
      const result = await runBenchmarks(options, (line) => io.stderr.write(`bench: ${line}\n`));
      io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : benchText(result));
      setExitCode(ExitCode.ok);
    });
}

/** Runs the suite's command line (arguments after the program name) and resolves to its exit code. */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed its message (or the help text).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    io.stderr.write(`bench: ${messageOf(error)}\n`);
    return ExitCode.failure;
  }
}
