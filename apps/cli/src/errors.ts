/** Exit codes of the `initlab` command (a contract: scripts rely on them). */
export const ExitCode = {
  ok: 0,
  /** Something failed at run time: unreadable data, unwritable output directory. */
  failure: 1,
  /** The command line or a config was wrong: unknown name, bad flag, invalid config file. */
  usage: 2,
  /** With `run --check` or `check`: a claim of a preset does not hold in the results. */
  claimFailed: 3,
  /** `merge`: some cells (runs) are in no part; they are listed on stderr and marked `interrupted` in results.json. */
  incomplete: 4,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** A mistake in what the user asked for; exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure of the environment (files, directories, data); exits with code 1. */
export class RuntimeFailure extends Error {
  override name = 'RuntimeFailure';
}
