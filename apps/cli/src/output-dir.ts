import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeFailure } from './errors.js';

/** Creates `dir` if needed and proves it is writable, before any training time is spent. */
export async function prepareOutputDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.initlab-write-check.${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuntimeFailure(
      `cannot write to the output directory '${dir}': ${reason} (choose another with --out DIR)`,
    );
  }
}
