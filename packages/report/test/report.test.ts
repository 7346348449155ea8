import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimsFor, type ExperimentResults } from '@initlab/trainer';
import type { ExperimentView } from '../src/chart-style.js';
import { histogramChart, histogramRows, type HistogramBinRow } from '../src/histogram-chart.js';
import { CSV_COLUMNS, toCsv } from '../src/csv.js';
import { findingsFor } from '../src/findings.js';
import { accuracyObservation, lossObservation } from '../src/observations.js';
import { smoothCurve } from '../src/smooth.js';
import { writeReport } from '../src/write.js';
import { lsuvVarianceRows } from '../src/presets/papers-deep.js';
import { buildReport } from '../src/build.js';
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
    const row = lines.find(
      (line) =>
        line.startsWith(`${run.experiment},${run.label},${run.seed},`) &&
        line.split(',')[6] === String(point.iteration),
    )!;
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
    await writeReport(
      {
        ...first,
        experiment: 'both',
        runs: [...first.runs, ...second.runs],
        aggregates: [...first.aggregates, ...second.aggregates],
      },
      dir,
    );
    const files = readdirSync(dir);
    expect(files).toEqual(
      expect.arrayContaining(['alpha-loss.png', 'beta-loss.png', 'alpha-accuracy.svg', 'beta-histograms.png']),
    );
    // The contract's names also exist for a group: each experiment's figure stacked under its own title.
    for (const stem of ['loss', 'accuracy', 'histograms']) {
      const png = readFileSync(join(dir, `${stem}.png`));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      const single = readFileSync(join(dir, `alpha-${stem}.png`));
      // Two stacked sections are taller than one.
      expect(png.readUInt32BE(20)).toBeGreaterThan(single.readUInt32BE(20));
      const svg = readFileSync(join(dir, `${stem}.svg`), 'utf8');
      expect(svg).toContain('alpha:');
      expect(svg).toContain('beta:');
    }
  });
});

/** The synthetic seed-scale results with the last two labels turned into ReLU runs (about half exact zeros). */
function mixedActivations(): ExperimentResults {
  const results = syntheticResults({ seeds: [0], iterations: 20 });
  for (const run of results.runs.slice(2)) {
    run.activation = 'relu';
    run.label = `${run.label} + ReLU`;
    for (const layer of [...run.layers, ...run.snapshots.flatMap((snapshot) => snapshot.layers)]) {
      layer.name = `layer ${layer.index + 1} (relu)`;
      const total = layer.histogram.counts.reduce((sum, count) => sum + count, 0);
      const zeros = total;
      layer.histogram.counts[0] += zeros;
      layer.saturated = zeros / (total + zeros);
    }
  }
  return results;
}

function viewOf(results: ExperimentResults): ExperimentView {
  return { name: results.experiment, runs: results.runs, aggregates: results.aggregates, iterationsPerEpoch: null };
}

describe('histogramChart', () => {
  it('puts every run in its own row and the layers, by position, in shared columns whatever the activation', () => {
    const results = mixedActivations();
    const spec = histogramChart(viewOf(results), 'first') as unknown as {
      facet: { row: { field: string }; column: { field: string; sort: string[] } };
      data: { values: HistogramBinRow[] };
    };
    expect(spec.facet.column.field).toBe('layer');
    expect(spec.facet.row.field).toBe('row');
    const columns = ['layer 1', 'layer 2', 'layer 3', 'layer 4', 'layer 5'];
    expect(spec.facet.column.sort).toEqual(columns);
    const rows = spec.data.values;
    const rowNames = ['param=1 · sigmoid', 'param=0.1 · sigmoid', 'param=0.01 + ReLU', 'param=0.001 + ReLU'];
    expect([...new Set(rows.map((row) => row.row))]).toEqual(rowNames);
    for (const row of rowNames) {
      expect([...new Set(rows.filter((bin) => bin.row === row).map((bin) => bin.layer))]).toEqual(columns);
    }
  });

  it('leaves ReLU’s exact zeros out of the first bar and names their share; the data stays unchanged', () => {
    const results = mixedActivations();
    const before = JSON.stringify(results);
    const { rows } = histogramRows(viewOf(results), 'first');
    expect(JSON.stringify(results)).toBe(before);
    const run = results.runs[2];
    const layer = run.snapshots[0].layers[1];
    const total = layer.histogram.counts.reduce((sum, count) => sum + count, 0);
    const zeros = Math.round(layer.saturated * total);
    const cells = rows.filter((row) => row.row === 'param=0.01 + ReLU' && row.layer === 'layer 2');
    expect(cells).toHaveLength(layer.histogram.counts.length);
    expect(cells[0].share).toBeCloseTo((layer.histogram.counts[0] - zeros) / total, 12);
    expect(cells[5].share).toBeCloseTo(layer.histogram.counts[5] / total, 12);
    expect(cells[0].note).toContain(`${(layer.saturated * 100).toFixed(0)}% zeros`);
    // Sigmoid runs keep their first bin whole.
    const sigmoid = results.runs[0].snapshots[0].layers[1].histogram.counts;
    const sigmoidFirst = rows.find((row) => row.row === 'param=1 · sigmoid' && row.layer === 'layer 2')!;
    expect(sigmoidFirst.share).toBeCloseTo(sigmoid[0] / sigmoid.reduce((sum, count) => sum + count, 0), 12);
    // One y range per row: the tallest bar of the row, plus room for the notes.
    const tallest = Math.max(...rows.filter((row) => row.row === 'param=0.01 + ReLU').map((row) => row.share));
    for (const row of rows.filter((bin) => bin.row === 'param=0.01 + ReLU'))
      expect(row.rowTop).toBeGreaterThan(tallest);
  });

  it('reads each histogram’s range from its edges (tanh over [-1, 1])', () => {
    const results = syntheticResults({ seeds: [0], iterations: 20 });
    const run = results.runs[0];
    run.activation = 'tanh';
    for (const layer of run.snapshots[0].layers)
      layer.histogram.edges = layer.histogram.edges.map((edge) => 2 * edge - 1);
    const cells = histogramRows(viewOf(results), 'first').rows.filter(
      (row) => row.row === 'param=1 · tanh' && row.layer === 'layer 1',
    );
    expect(cells[0].x0).toBe(-1);
    expect(cells[cells.length - 1].x1).toBe(1);
  });
});

describe('histogramChart of back-propagated gradients', () => {
  /** Symmetric 30-bin gradient histograms on every layer of `results`' runs: ten values in every bin. */
  function withGradients(results: ExperimentResults): void {
    for (const run of results.runs)
      for (const snapshot of run.snapshots)
        for (const layer of snapshot.layers) {
          const edges = Array.from({ length: 31 }, (_, i) => (i - 15) * 1e-4);
          layer.gradient = {
            mean: 0,
            std: 1e-3,
            histogram: { edges, counts: new Array(30).fill(10), below: 0, above: 0 },
          };
        }
  }

  it('is null where no run recorded gradients; the activations figure is unchanged by them', () => {
    const results = mixedActivations();
    expect(histogramChart(viewOf(results), 'first', 'gradients')).toBeNull();
    const activations = JSON.stringify(histogramChart(viewOf(results), 'first'));
    withGradients(results);
    expect(JSON.stringify(histogramChart(viewOf(results), 'first'))).toBe(activations);
  });

  it('draws dL/ds per layer over its symmetric range; ReLU’s exact zeros are left out of the bar at 0', () => {
    const results = mixedActivations();
    withGradients(results);
    const spec = histogramChart(viewOf(results), 'first', 'gradients') as unknown as {
      title: { text: string };
    };
    expect(spec.title.text).toContain('back-propagated gradients per hidden layer');
    const { rows } = histogramRows(viewOf(results), 'first', 'gradients');
    const layer = results.runs[2].snapshots[0].layers[1];
    const zeros = Math.round(layer.saturated * 300);
    const relu = rows.filter((row) => row.row === 'param=0.01 + ReLU' && row.layer === 'layer 2');
    expect(relu[0].x0).toBe(-15e-4);
    expect(relu[29].x1).toBe(15e-4);
    // Bin 15 is [0, 1e-4): the one that holds the zeros.
    expect(relu[15].share).toBeCloseTo(Math.max(0, 10 - zeros) / 300, 12);
    expect(relu[14].share).toBeCloseTo(10 / 300, 12);
    expect(relu[0].note).toMatch(/% zeros\nstd 0\.0010$/);
    const sigmoid = rows.filter((row) => row.row === 'param=1 · sigmoid' && row.layer === 'layer 2');
    expect(sigmoid[15].share).toBeCloseTo(10 / 300, 12);
  });
});

describe('findings', () => {
  it('states book-compare’s finding (as its claims) and measures when each label learned', () => {
    expect(
      claimsFor('book-compare')
        .map((claim) => claim.claim)
        .join(' '),
    ).toMatch(/σ = 0\.01 does not learn at all.*He leads Xavier/);
    expect(findingsFor('book-compare').loss).toMatch(/std=0\.01 stays flat/);
    const results = syntheticResults({ seeds: [0], iterations: 400 });
    const loss = lossObservation(results.runs, [])!;
    // The synthetic param=0.1 and 0.01 runs learn (loss 0.2 + 2.1·e^(-i/300) + noise); 1 and 0.001 stay at 2.3.
    expect(loss).toMatch(/never below 1\.0: param=1, ending at 2\.3\d; param=0\.001, ending at 2\.3\d/);
    for (const run of results.runs.slice(1, 3)) {
      const crossing = smoothCurve(run.loss).findIndex((value) => value < 1) + 1;
      expect(crossing).toBeGreaterThan(0);
      expect(loss).toContain(`${crossing} (${run.label})`);
    }
    const accuracy = accuracyObservation(results.runs, [])!;
    const last = (index: number) => results.runs[index].evals[results.runs[index].evals.length - 1].testAccuracy;
    expect(accuracy).toContain(`param=0.1 ${(last(1) * 100).toFixed(1)}%`);
    expect(accuracy).toMatch(/never reached 90%: param=1, .*param=0\.001/);
  });
});

describe('the deep-ReLU paper presets', () => {
  /** synthetic lsuv results: 3 affine layers whose variance halves before LSUV and sits near 1 after it. */
  function lsuvResults(): ExperimentResults {
    const results = syntheticResults({ seeds: [0, 1], iterations: 50, experiment: 'lsuv' });
    results.runs = results.runs.map((run, index) =>
      index % 2 === 0
        ? {
            ...run,
            lsuv: {
              samples: 128,
              tolerance: 0.1,
              maxIterations: 10,
              layers: [0.5, 0.25, 0].map((before, layer) => ({
                variance: 1 + 0.01 * layer,
                rescalings: 2,
                varianceBefore: before,
              })),
            },
          }
        : run,
    );
    return results;
  }

  it('draws LSUV’s per-layer variance before and after, leaving out what a log axis cannot show', () => {
    const results = lsuvResults();
    const rows = lsuvVarianceRows(results.runs);
    const recorded = results.runs.filter((run) => run.lsuv);
    // Every layer after LSUV, and before it those with a positive variance (2 of 3).
    expect(rows).toHaveLength(recorded.length * (3 + 2));
    expect(rows.filter((row) => row.stage === 'before LSUV').map((row) => row.variance)).toEqual(
      recorded.flatMap(() => [0.5, 0.25]),
    );
    expect(rows.find((row) => row.stage === 'after LSUV' && row.layer === 3)!.variance).toBeCloseTo(1.02, 12);
    expect(lsuvVarianceRows(syntheticResults({ seeds: [0], iterations: 10 }).runs)).toEqual([]);
  });

  /** The report's files in memory, without PNGs (SVG and HTML are what these tests read). */
  async function reportFiles(results: ExperimentResults): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    await buildReport(results, { write: (name, data) => void files.set(name, String(data)) });
    return files;
  }

  it('puts the LSUV figure and the paper in lsuv’s report, and He et al. in he-deep’s', async () => {
    const files = await reportFiles(lsuvResults());
    expect(files.get('lsuv-variance.svg')).toContain('per-layer variance before and after LSUV');
    const html = files.get('report.html')!;
    expect(html).toContain('Per-layer variance before and after LSUV');
    expect(html).toContain('<strong>Paper:</strong> Mishkin &amp; Matas 2015');
    expect(html).toMatch(/What to look for.{0,200}Before LSUV/s);

    const heDeep = await reportFiles(syntheticResults({ seeds: [0], iterations: 50, experiment: 'he-deep' }));
    expect([...heDeep.keys()]).not.toContain('lsuv-variance.svg');
    expect(heDeep.get('report.html')).toContain('<strong>Paper:</strong> He, Zhang, Ren &amp; Sun 2015');
    expect(findingsFor('he-deep').loss).toMatch(/At 30 layers Xavier/);
  });
});
