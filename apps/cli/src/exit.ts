import { DatasetError } from '@initlab/datasets';
import { InitializerError } from '@initlab/initializers';
import { LayerError } from '@initlab/layers';
import { OptimizerError } from '@initlab/optimizers';
import { BackendError } from '@initlab/tensor';
import { ConfigError } from '@initlab/trainer';
import { ExitCode, RuntimeFailure, UsageError } from './errors.js';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Maps an error to the exit code contract: what the user asked for was wrong (2), or the environment
 * failed (1).
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
  if (error instanceof RuntimeFailure || error instanceof DatasetError || error instanceof BackendError) {
    return ExitCode.failure;
  }
  return ExitCode.failure;
}
