import type { LayerStats, RunResult } from '@initlab/trainer';
import { describe, expect, it } from 'vitest';
import { histogramChart, histogramRows, MAX_LAYER_COLUMNS, shownLayers, type ExperimentView } from '../src/index.js';

/** A run of `depth` hidden layers, each with the same made-up histogram. */
function deepRun(label: string, depth: number): RunResult {
  const layers: LayerStats[] = Array.from({ length: depth }, (_, index) => ({
    index,
    name: `layer ${index + 1} (relu)`,
    mean: 0.5,
    std: 0.3,
    histogram: { edges: [0, 0.5, 1], counts: [3, 1] },
    saturated: 0,
  }));
  return {
    experiment: 'deep',
    label,
    seed: 0,
    initializer: { name: 'he', params: {}, label: 'he' },
    activation: 'relu',
    status: 'done',
    iterations: 0,
    loss: [],
    evals: [],
    layers,
    snapshots: [{ iteration: 0, layers }],
    wallTimeMs: 1,
    backend: 'cpu',
  } as RunResult;
}

const view = (runs: RunResult[]): ExperimentView => ({ name: 'deep', runs, aggregates: [], iterationsPerEpoch: null });

describe('histogram figures of deep nets', () => {
  it('show every layer up to the limit, beyond it the limit spread evenly plus each net’s last layer', () => {
    expect([...shownLayers([5])]).toEqual([0, 1, 2, 3, 4]);
    expect([...shownLayers([30])].sort((a, b) => a - b)).toEqual([0, 4, 8, 12, 17, 21, 25, 29]);
    const mixed = shownLayers([2, 8, 16, 32]);
    for (const last of [1, 7, 15, 31]) expect(mixed.has(last)).toBe(true);
    expect(mixed.size).toBeLessThanOrEqual(MAX_LAYER_COLUMNS + 4);
  });

  it('draw a 30-layer net in a bounded number of columns and say which', () => {
    const runs = [deepRun('Xavier, 30 layers', 30), deepRun('He, 10 layers', 10)];
    const { rows } = histogramRows(view(runs), 'first');
    const columns = new Set(rows.map((row) => row.layer));
    expect(columns.size).toBe(9);
    expect(columns.has('layer 30')).toBe(true);
    expect(columns.has('layer 10')).toBe(true);
    expect(columns.has('layer 2')).toBe(false);
    // Every run × column is a cell (Vega would shift the cells after a missing one): the 10-layer net's missing
    // layers are empty cells that say so.
    for (const label of ['Xavier, 30 layers', 'He, 10 layers'])
      expect(new Set(rows.filter((row) => row.row.startsWith(label)).map((row) => row.layer)).size).toBe(9);
    const empty = rows.find((row) => row.row.startsWith('He, 10') && row.layer === 'layer 30');
    expect(empty).toMatchObject({ share: 0, note: 'no values (layer 30)' });
    const spec = histogramChart(view(runs), 'first') as { title: { subtitle: string[] } };
    expect(spec.title.subtitle.join(' ')).toContain('9 of 30 hidden layers');
  });
});
