import type { ExperimentResults } from '@initlab/trainer';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { buildReport } from './build.js';
import { svgToPng } from './png.js';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Absolute or as-given path of report.html. */
  report: string;
  /** Every file written, in order. */
  files: string[];
}

/**
 * Writes the report of {@link buildReport} into `outDir` (created if missing), every figure as .svg and .png.
 * Each file is written atomically.
 */
export async function writeReport(results: ExperimentResults, outDir: string): Promise<WrittenReport> {
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  await buildReport(results, {
    png: svgToPng,
    async write(name, data) {
      const path = join(outDir, name);
      await writeFileAtomic(path, data);
      files.push(path);
    },
  });
  return { report: join(outDir, 'report.html'), files };
}
