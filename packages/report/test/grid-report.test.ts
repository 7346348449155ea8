import type { CellResult, ExperimentResults } from '@initlab/trainer';
import { describe, expect, it } from 'vitest';
import { buildReport, experimentNames, heatmapChart } from '../src/index.js';

/** A config file's grid (no figures of its own): lr × depth, two seeds, one cell diverged. */
function sweep(): ExperimentResults {
  const cells: CellResult[] = [];
  for (const lr of [0.01, 0.1])
    for (const depth of [2, 4])
      for (const seed of [0, 1]) {
        const diverged = lr === 0.1 && depth === 4 && seed === 1;
        cells.push({
          index: cells.length,
          experiment: 'my-sweep',
          coordinates: { lr, depth },
          seed,
          status: diverged ? 'diverged' : 'done',
          metrics: { trainAccuracy: diverged ? null : 0.5 + lr + depth / 100, finalLoss: diverged ? null : 1 - lr },
        });
      }
  return {
    schemaVersion: 1,
    experiment: 'my-sweep',
    config: {
      name: 'my-sweep',
      base: {},
      grid: {
        axes: [
          { name: 'lr', setting: 'optimizer.lr', values: [0.01, 0.1] },
          { name: 'depth', setting: 'depth', values: [2, 4] },
        ],
      },
      seeds: [0, 1],
    },
    environment: { initlab: '0', runtime: 'node', platform: 'linux', cpus: 2, backend: 'js', workers: 1, date: '' },
    runs: [],
    aggregates: [],
    cells,
  } as unknown as ExperimentResults;
}

async function files(results: ExperimentResults): Promise<Map<string, string | Uint8Array>> {
  const out = new Map<string, string | Uint8Array>();
  await buildReport(results, { write: (name, data) => void out.set(name, data) });
  return out;
}

describe('the report of a grid', () => {
  it('has a section for a grid whose runs live in the run files: its experiment comes from the cells', () => {
    expect(experimentNames(sweep())).toEqual(['my-sweep']);
  });

  it('draws a heatmap per metric over the first two axes when the preset draws none of its own', async () => {
    const written = await files(sweep());
    expect([...written.keys()].filter((name) => name.endsWith('.svg')).sort()).toEqual([
      'heatmap-finalLoss.svg',
      'heatmap-trainAccuracy.svg',
    ]);
    const html = written.get('report.html') as string;
    expect(html).toContain('trainAccuracy over lr × depth');
    // The cells table: every cell with its coordinates, status and figures; a diverged cell has none.
    expect(html).toContain('<h3>Cells</h3>');
    expect(html.match(/<tr><td class="num">\d+<\/td>/g)).toHaveLength(8);
    expect(html).toContain('<span class="status diverged">diverged</span>');
    expect(html).toContain('53.0%');
    expect(html).not.toContain('<h3>Runs</h3>');
  });

  it('draws the heatmap over the axes `grid.heatmap` names', async () => {
    const results = sweep();
    (results.config as { grid: { heatmap?: object } }).grid.heatmap = { x: 'depth', y: 'lr' };
    const html = (await files(results)).get('report.html') as string;
    expect(html).toContain('trainAccuracy over depth × lr');
  });

  it('labels the brightest third of the colour range in dark text, the rest in white', () => {
    const spec = heatmapChart(sweep().cells ?? [], { x: 'lr', y: 'depth', metric: 'trainAccuracy', domain: [0, 1] });
    const labels = (spec as unknown as { layer: { encoding: { color?: unknown } }[] }).layer[1];
    expect(labels.encoding.color).toEqual({
      condition: { test: `datum.value > ${2 / 3}`, value: '#1f2933' },
      value: 'white',
    });
  });
});
