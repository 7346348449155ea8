import { InitializerError } from '@initlab/initializers';
import { LayerError } from '@initlab/layers';
import { OptimizerError } from '@initlab/optimizers';
import { ConfigError } from '@initlab/trainer';
import { ExitCode, UsageError } from './errors.js';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Maps an error to the exit code contract: what the user asked for was wrong (2), or the environment
 * failed (1) — a RuntimeFailure, a DatasetError, a BackendError or anything unforeseen. A failed claim (3) is
 * no error: `run --check` and `check` return it themselves.
 */
export function exitCodeOf(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof InitializerError ||
    error instanceof OptimizerError ||
    error instanceof LayerError
  ) {
    return ExitCode.usage;
  }
  return ExitCode.failure;
}
