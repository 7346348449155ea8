import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../src/report/csv.js';
import { smoothCurve } from '../src/report/smooth.js';
import { writeReport } from '../src/report/write.js';
import { syntheticResults } from './synthetic.js';

describe('toCsv', () => {
  it('writes one row per run per evaluation point, with the smoothed loss of the last update before it', () => {
    const results = syntheticResults({ seeds: [0, 1], iterations: 60 });
    const lines = toCsv(results).trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const expectedRows = results.runs.reduce((sum, run) => sum + run.evals.length, 0);
    expect(lines).toHaveLength(1 + expectedRows);
    const run = results.runs[1];
    const point = run.evals[2];
    const row = lines.find((line) => line.startsWith(`${run.experiment},${run.label},${run.seed},`) && line.split(',')[6] === String(point.iteration))!;
    const cells = row.split(',');
    expect(Number(cells[7])).toBeCloseTo(smoothCurve(run.loss)[point.iteration - 1], 12);
    expect(Number(cells[9])).toBe(point.testAccuracy);
    // At iteration 0 nothing has trained yet: no loss.
    expect(lines.find((line) => line.split(',')[6] === '0')!.split(',')[7]).toBe('');
  });
});

describe('writeReport', () => {
  it('writes results, CSV, every figure as SVG and PNG, and an offline HTML report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-report-'));
    const results = syntheticResults({ seeds: [0, 1, 2], iterations: 200 });
    await writeReport(results, dir);
    const files = readdirSync(dir);
    for (const stem of ['loss', 'accuracy', 'histograms']) {
      expect(files).toContain(`${stem}.svg`);
      const png = readFileSync(join(dir, `${stem}.png`));
      expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    }
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    for (const label of ['param=1', 'param=0.1', 'param=0.01', 'param=0.001']) expect(html).toContain(label);
    expect(html).toContain('What to look for');
    // Offline: nothing is fetched from anywhere.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
  });

  it('prefixes each experiment’s figures with its name in a group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-report-'));
    const first = syntheticResults({ seeds: [0], iterations: 50, experiment: 'alpha' });
    const second = syntheticResults({ seeds: [0], iterations: 50, experiment: 'beta' });
    await writeReport({ ...first, experiment: 'both', runs: [...first.runs, ...second.runs], aggregates: [...first.aggregates, ...second.aggregates] }, dir);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['alpha-loss.png', 'beta-loss.png', 'alpha-accuracy.svg', 'beta-histograms.png']));
    expect(files).not.toContain('loss.png');
  });
});
