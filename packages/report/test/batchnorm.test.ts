import { describe, expect, it } from 'vitest';
import { aggregate, type ExperimentResults, type RunResult } from '@initlab/trainer';
import { buildReport } from '../src/build.js';
import type { ExperimentView } from '../src/chart-style.js';
import { findingsFor } from '../src/findings.js';
import { iterationsPerEpoch, runMetrics } from '../src/model.js';
import { accuracyObservation, lossObservation } from '../src/observations.js';
import { batchNormPanelsChart } from '../src/presets/batchnorm.js';
import { renderSvg } from '../src/render.js';

const SCALES = [1, 0.5411695265464637, 0.01];

/** A book-batchnorm-like run: 200 iterations, train accuracy every 10, or diverged at `divergedAt`. */
function run(scale: number, batchNorm: boolean, seed: number, divergedAt?: number): RunResult {
  const iterations = divergedAt ?? 200;
  const points = Array.from({ length: Math.floor(iterations / 10) + 1 }, (_, k) => k * 10).filter(
    (iteration) => iteration < iterations || divergedAt === undefined,
  );
  const final = batchNorm ? 0.9 : 0.3;
  return {
    experiment: 'book-batchnorm',
    label: `w=${Number(scale.toPrecision(3))}${batchNorm ? ' + BN' : ''}`,
    seed,
    initializer: { name: 'normal', params: { std: scale, mean: 0 }, label: `normal(std=${scale})` },
    activation: 'relu',
    status: divergedAt === undefined ? 'done' : 'diverged',
    ...(divergedAt === undefined ? {} : { divergedAt }),
    iterations,
    loss: Array.from({ length: iterations }, (_, i) => (divergedAt === undefined ? 2.3 - i / 100 : 10 ** (5 * i))),
    evals: points.map((iteration) => ({
      iteration,
      trainAccuracy: 0.1 + ((final - 0.1) * iteration) / 200 + seed / 100,
      testAccuracy: 0.1,
    })),
    layers: [],
    snapshots: [],
    wallTimeMs: 1,
    backend: 'cpu',
    config: { batchNorm, trainSubset: 1000, batchSize: 100 },
  };
}

/**
 * Two seeds at three scales: at w = 1 without BN both seeds diverge (iterations 3 and 4), at w = 0.541 only
 * seed 1 does (at 45), so the mean over seeds stops at the last evaluation both have (iteration 40).
 */
function runs(): RunResult[] {
  return [0, 1].flatMap((seed) =>
    SCALES.flatMap((scale) => [
      run(scale, true, seed),
      run(scale, false, seed, scale === 1 ? 3 + seed : scale < 0.6 && scale > 0.5 && seed === 1 ? 45 : undefined),
    ]),
  );
}

function view(): ExperimentView {
  const all = runs();
  const config = { name: 'book-batchnorm', dataset: 'mnist', base: { batchSize: 100, trainSubset: 1000 }, runs: [] };
  return {
    name: 'book-batchnorm',
    runs: all,
    aggregates: aggregate(all),
    iterationsPerEpoch: iterationsPerEpoch(config),
  };
}

type Row = { panel: string; bn: string; kind: string; epoch: number; accuracy: number; seed?: number; text?: string };

function rowsOf(spec: object): Row[] {
  return (spec as { data: { values: Row[] } }).data.values;
}

describe('book-batchnorm panels', () => {
  it('counts epochs over the training subset: 1000 images in batches of 100 are 10 iterations', () => {
    expect(view().iterationsPerEpoch).toBe(10);
    expect(iterationsPerEpoch({ base: { batchSize: 100 } })).toBe(600);
  });

  it('draws one panel per scale, in the preset’s order, 4 to a row, BN solid and no BN dashed', () => {
    const spec = batchNormPanelsChart(view()) as unknown as Record<string, unknown>;
    expect(spec.columns).toBe(4);
    expect((spec.facet as { sort: string[] }).sort).toEqual(['w = 1', 'w = 0.541', 'w = 0.01']);
    const dash = JSON.stringify((spec.spec as { layer: unknown[] }).layer[1]);
    expect(dash).toContain('"domain":["with batch norm","without"]');
    expect(dash).toContain('"range":[[1,0],[5,3]]');
    const rows = rowsOf(spec);
    const means = rows.filter((row) => row.kind === 'mean' && row.panel === 'w = 0.01' && row.bn === 'with batch norm');
    expect(means.map((row) => row.epoch)).toEqual(Array.from({ length: 21 }, (_, k) => k));
    // The mean of seeds 0 and 1 (their accuracies differ by 0.01).
    expect(means.at(-1)?.accuracy).toBeCloseTo(0.905, 12);
  });

  it('marks a diverged run where it diverged and draws nothing past it', () => {
    const rows = rowsOf(batchNormPanelsChart(view()) as object);
    expect(rows.every((row) => Number.isFinite(row.accuracy) && Number.isFinite(row.epoch))).toBe(true);
    const large = rows.filter((row) => row.panel === 'w = 1' && row.bn === 'without');
    expect(large.filter((row) => row.kind === 'diverged').map((row) => [row.seed, row.epoch])).toEqual([
      [0, 0.3],
      [1, 0.4],
    ]);
    // Before diverging each seed was evaluated only at iteration 0: no line, no mean past it.
    expect(large.filter((row) => row.kind === 'seed').map((row) => row.epoch)).toEqual([0, 0]);
    expect(large.filter((row) => row.kind === 'mean').map((row) => row.epoch)).toEqual([0]);
    expect(large.find((row) => row.kind === 'note')?.text).toBe('no BN: diverged at it. 3–4 (every seed)');

    const middle = rows.filter((row) => row.panel === 'w = 0.541' && row.bn === 'without');
    expect(middle.find((row) => row.kind === 'note')?.text).toBe('no BN: diverged at it. 45 (seed 1)');
    expect(Math.max(...middle.filter((row) => row.kind === 'seed' && row.seed === 1).map((row) => row.epoch))).toBe(4);
    expect(Math.max(...middle.filter((row) => row.kind === 'mean').map((row) => row.epoch))).toBe(4);
    // The seed that finished keeps its whole curve.
    expect(Math.max(...middle.filter((row) => row.kind === 'seed' && row.seed === 0).map((row) => row.epoch))).toBe(20);
    expect(rows.some((row) => row.bn === 'with batch norm' && row.kind === 'diverged')).toBe(false);
  });

  it('reports a diverged run as diverged in the sentences and the table, never with its blown-up loss', () => {
    const { runs: all, aggregates } = view();
    const loss = lossObservation(all, aggregates) ?? '';
    expect(loss).toContain('w=1, diverged at iteration 3, 4');
    expect(loss).not.toMatch(/e\+\d/);
    expect(accuracyObservation(all, aggregates)).toMatch(/w=1 diverged, w=0\.541 diverged\.$/);
    const large = all.find((one) => one.label === 'w=1' && one.seed === 0)!;
    expect(runMetrics(large)).toEqual({ finalLoss: null, finalTestAccuracy: null, iterationToTarget: null });
    expect(runMetrics(all.find((one) => one.label === 'w=1 + BN')!).finalLoss).not.toBeNull();
  });

  it('renders with the divergence notes and the book’s figure named', async () => {
    const svg = await renderSvg(batchNormPanelsChart(view())!);
    expect(svg).toContain('no BN: diverged at it. 3–4 (every seed)');
    expect(svg).toContain('w = 0.541');
    expect(svg).toContain('Fig. 6-19');
    expect(findingsFor('book-batchnorm').figures?.['batchnorm-panels']).toMatch(/6-18\/6-19/);
  });

  it('replaces the standard accuracy and iteration-0 figures in the report; keeps the loss', async () => {
    const all = runs();
    const results: ExperimentResults = {
      schemaVersion: 1,
      experiment: 'book-batchnorm',
      config: { name: 'book-batchnorm', dataset: 'mnist', base: { batchSize: 100, trainSubset: 1000 }, runs: [] },
      environment: {
        initlab: '0.1.0',
        runtime: 'node v20',
        platform: 'linux x64',
        cpus: 2,
        backend: 'cpu',
        workers: 1,
        date: new Date(0).toISOString(),
      },
      runs: all,
      aggregates: aggregate(all),
    };
    const files: string[] = [];
    await buildReport(results, { write: (name) => void files.push(name) });
    expect(files).toContain('batchnorm-panels.svg');
    expect(files).toContain('loss.svg');
    for (const omitted of ['accuracy.svg', 'histograms.svg', 'gradients.svg', 'activation-spread.svg']) {
      expect(files).not.toContain(omitted);
    }
  });
});
