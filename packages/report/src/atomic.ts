import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RuntimeFailure } from '../errors.js';

/**
 * Writes a file under a temporary name in the same directory, then renames it into place, so a reader
 * (or an interrupted run) never sees half a file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Creates `dir` if needed and proves it is writable, before any training time is spent. */
export async function prepareOutputDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.initlab-write-check.${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuntimeFailure(`cannot write to the output directory '${dir}': ${reason} (choose another with --out DIR)`);
  }
}
