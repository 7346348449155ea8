import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built command the tests run as a separate process (`pnpm --filter @initlab/cli build` makes it). */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface Outcome {
  /** The exit code; -1 when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command; `onStderr` may act on progress (e.g. send a signal to the child). */
export function initlab(
  args: string[],
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
  });
}
