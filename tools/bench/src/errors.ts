/** A run of the suite that failed (a diverged timing run, a child process that exited badly): exit code 1. */
export class BenchFailure extends Error {
  override name = 'BenchFailure';
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
