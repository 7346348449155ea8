import { InvalidArgumentError } from 'commander';
import { MAX_THREADS } from '@initlab/tensor';

/** A flag's parser for a positive whole number; `what` names the flag in the message. */
export function positiveInteger(what: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`${what} must be a positive integer, got '${value}'.`);
    }
    return number;
  };
}

/** --threads, with the same words as `initlab run --threads`. */
export function threadCount(value: string): number | 'auto' {
  if (value.trim() === 'auto') return 'auto';
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < 1 || number > MAX_THREADS) {
    throw new InvalidArgumentError(
      `--threads must be 'auto' or a whole number from 1 to ${MAX_THREADS}, got '${value}'.`,
    );
  }
  return number;
}
