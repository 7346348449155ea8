import type { CellResult, Coordinate, ExperimentResults, TheoryPoint } from '@initlab/trainer';
import { describe, expect, it } from 'vitest';
import {
  heatmapChart,
  heatmapRows,
  presetFiguresFor,
  renderSvg,
  spectrumHistogramsChart,
  type ExperimentView,
} from '../src/index.js';

function cell(
  experiment: string,
  coordinates: Record<string, Coordinate>,
  metrics: Record<string, number | null>,
  seed = 0,
  histogram?: CellResult['histogram'],
): CellResult {
  return { index: 0, experiment, coordinates, seed, status: 'done', metrics, histogram };
}

const SIGMAS = [1.0, 1.5, 1.75, 2.0, 4.0];
const DEPTHS = [10, 30, 60];
/** Made-up theory points (only their shape matters here): 6ξ_c = 60, 90, –, 150, 42. */
const THEORY: TheoryPoint[] = [
  { sigmaW2: 1.0, qStar: 0.19, chi1: 0.76, cStar: 1, xiC: 10 },
  { sigmaW2: 1.5, qStar: 0.42, chi1: 0.94, cStar: 1, xiC: 15 },
  { sigmaW2: 1.75, qStar: 0.56, chi1: 1, cStar: 1, xiC: null },
  { sigmaW2: 2.0, qStar: 0.72, chi1: 1.05, cStar: 0.74, xiC: 25 },
  { sigmaW2: 4.0, qStar: 2.2, chi1: 1.34, cStar: 0.17, xiC: 7 },
];

function eocCells(): CellResult[] {
  return [0, 1].flatMap((seed) =>
    SIGMAS.flatMap((sigmaW2) =>
      DEPTHS.map((depth) => {
        const value = depth < 40 ? 0.8 + 0.1 * seed : 0.11;
        return cell('edge-of-chaos', { sigmaW2, depth }, { trainAccuracy: value, testAccuracy: value - 0.01 }, seed);
      }),
    ),
  );
}

function results(experiment: string, cells: CellResult[], extra: Partial<ExperimentResults> = {}): ExperimentResults {
  return {
    schemaVersion: 1,
    experiment,
    config: { name: experiment, base: { biasInitializer: { name: 'normal', std: Math.sqrt(0.05) } } },
    environment: { initlab: '0', runtime: 'node', platform: 'linux', cpus: 2, backend: 'js', workers: 1, date: '' },
    runs: [],
    aggregates: [],
    cells,
    ...extra,
  } as ExperimentResults;
}

const view = (name: string): ExperimentView => ({ name, runs: [], aggregates: [], iterationsPerEpoch: null });

describe('heatmapChart', () => {
  it('averages the seeds of each cell and spans each value halfway to its neighbours', () => {
    const rows = heatmapRows(eocCells(), { x: 'sigmaW2', y: 'depth', metric: 'trainAccuracy' });
    expect(rows).toHaveLength(SIGMAS.length * DEPTHS.length);
    const first = rows.find((row) => row.x === 1.0 && row.y === 10);
    expect(first).toMatchObject({ count: 2, x0: 0.75, x1: 1.25, y0: 0, y1: 20 });
    expect(first?.value).toBeCloseTo(0.85, 12);
    expect(rows.find((row) => row.x === 2.0 && row.y === 60)).toMatchObject({ x0: 1.875, x1: 3, y0: 45, y1: 75 });
  });

  it('leaves a cell without a finished value grey (null) and is null without cells on both axes', () => {
    const cells = [cell('g', { a: 1, b: 'x' }, { m: null }), cell('g', { a: 2, b: 'x' }, { m: 0.5 })];
    expect(heatmapRows(cells, { x: 'a', y: 'b', metric: 'm' }).map((row) => row.value)).toEqual([null, 0.5]);
    expect(heatmapChart(cells, { x: 'a', y: 'missing', metric: 'm' })).toBeNull();
    // Spans around 0 and of a lone value.
    const around = [-1, 1].map((a) => cell('g', { a, b: 5 }, { m: 1 }));
    expect(heatmapRows(around, { x: 'a', y: 'b', metric: 'm' }).map((row) => [row.x0, row.x1, row.y0, row.y1])).toEqual(
      [
        [-2, 0, 4.5, 5.5],
        [0, 2, 4.5, 5.5],
      ],
    );
  });

  it('draws the overlay line and the rule on numeric axes, and renders', async () => {
    const spec = heatmapChart(eocCells(), {
      x: 'sigmaW2',
      y: 'depth',
      metric: 'trainAccuracy',
      overlays: [
        {
          label: '6ξ_c',
          points: [
            { x: 1.0, y: 60 },
            { x: 2.0, y: 150 },
          ],
        },
      ],
      rules: [{ label: 'critical', x: 1.76 }],
    });
    const layers = (spec as unknown as { layer: { mark: { type: string }; data: { values: unknown[] } }[] }).layer;
    expect(layers.map((layer) => layer.mark.type)).toEqual(['rect', 'text', 'line', 'rule']);
    expect(layers[3].data.values).toEqual([{ label: 'critical', x: 1.76 }]);
    const svg = await renderSvg(spec!);
    expect(svg).toContain('white line: 6ξ_c');
    expect(svg).toContain('dashed: critical');
  });

  it('draws a named axis (config) as bands in the grid’s order, without overlays', () => {
    const cells = ['relu-he', 'tanh-gaussian'].flatMap((config) =>
      [2, 8].map((depth) => cell('j', { config, depth }, { m: depth })),
    );
    const spec = heatmapChart(cells, { x: 'config', y: 'depth', metric: 'm', overlays: [{ label: 'l', points: [] }] });
    const layers = (spec as unknown as { layer: { encoding: { x: { type: string } } }[] }).layer;
    expect(layers).toHaveLength(2);
    expect(layers[0].encoding.x.type).toBe('ordinal');
  });
});

describe('the sweep presets’ figures', () => {
  it('edge-of-chaos: train and test heatmaps with 6ξ_c where finite and the critical σ_w² of σ_b² = 0.05', async () => {
    const figures = presetFiguresFor(view('edge-of-chaos'), results('edge-of-chaos', eocCells(), { theory: THEORY }));
    expect(figures.map((figure) => figure.stem)).toEqual(['train-accuracy', 'test-accuracy']);
    for (const figure of figures) expect(figure.lookFor).toMatch(/6ξ_c|boundary/);
    const layers = (figures[0].spec as unknown as { layer: { data: { values: { x: number; y?: number }[] } }[] }).layer;
    expect(layers[2].data.values.map(({ x, y }) => [x, y])).toEqual([
      [1.0, 60],
      [1.5, 90],
      [2.0, 150],
      [4.0, 42],
    ]);
    expect(Math.abs(layers[3].data.values[0].x - 1.76)).toBeLessThan(0.005);
    expect(await renderSvg(figures[1].spec!)).toContain('critical σ_w² = 1.76');
  });

  it('jacobian-spectrum: shares per panel (seeds pooled) that sum to 1 with what lies below, and the spread', async () => {
    const edges = [-16, -8, 0, 2];
    const cells = ['relu-he', 'tanh-orthogonal'].flatMap((config) =>
      [2, 128].flatMap((depth) =>
        [0, 1].map((seed) =>
          cell('jacobian-spectrum', { config, depth }, { svLog10Std: depth / 100, svFractionTiny: 0 }, seed, {
            edges,
            counts: config === 'relu-he' ? [1, 1, 0] : [0, 3, 1],
            below: config === 'relu-he' ? 2 : 0,
          }),
        ),
      ),
    );
    const spec = spectrumHistogramsChart(cells);
    const rows = (
      spec as unknown as {
        data: { values: { kind: string; config: string; depth: number; share?: number; note?: string }[] };
      }
    ).data.values;
    const relu = rows.filter((row) => row.config === 'relu-he' && row.depth === 2);
    expect(relu.map((row) => row.share ?? row.note)).toEqual([0.25, 0.25, 'below 1e-16: 50%']);
    const figures = presetFiguresFor(view('jacobian-spectrum'), results('jacobian-spectrum', cells));
    expect(figures.map((figure) => figure.stem)).toEqual(['spectra', 'spectrum-spread']);
    for (const figure of figures) expect(await renderSvg(figure.spec!)).toContain('<svg');
  });
});
