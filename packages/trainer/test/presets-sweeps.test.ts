import { describe, expect, it } from 'vitest';
import {
  EDGE_OF_CHAOS_SIGMA_B2,
  expandCells,
  getPreset,
  parseExperiment,
  parseRunConfig,
  sweepPresets,
  validateRunConfig,
  type ExperimentConfig,
} from '../src/index.js';

describe('the sweep presets', () => {
  it('edge-of-chaos: σ_w² × depth as the issue sets it, and every cell’s run is a valid run config', () => {
    const { base, grid: maybeGrid, seeds, kind } = sweepPresets['edge-of-chaos'];
    const grid = maybeGrid!;
    expect(kind).toBe('train');
    expect(grid.axes).toEqual([
      { name: 'sigmaW2', setting: 'initializer.scale', values: [1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0] },
      { name: 'depth', setting: 'depth', values: [10, 20, 30, 40, 50, 60] },
    ]);
    expect(seeds).toEqual([0]);
    // The deepest cell at the largest scale, as the grid would set it: N(0, σ_w²/fanIn) in every layer.
    const run = parseRunConfig({
      ...base,
      hiddenSizes: new Array(60).fill(100),
      initializer: { name: 'varianceScaling', scale: 4.0, mode: 'fanIn', distribution: 'normal' },
    });
    expect(run).toMatchObject({ activation: 'tanh', batchSize: 128, iterations: 500, optimizer: { lr: 0.01 } });
    expect(base.biasInitializer).toEqual({ name: 'normal', std: Math.sqrt(EDGE_OF_CHAOS_SIGMA_B2) });
    expect(base.evaluation).toMatchObject({ every: 500, trainSamples: 10_000 });
  });

  it('jacobian-spectrum: three labelled configurations × depths 2–128, biases 0, 20 images', () => {
    const { base, grid: maybeGrid, kind } = sweepPresets['jacobian-spectrum'];
    const grid = maybeGrid!;
    expect(kind).toBe('jacobian');
    expect(base.biasInitializer).toBeUndefined();
    expect(base.jacobian).toEqual({ samples: 20 });
    const [configs, depths] = grid.axes;
    expect(depths).toEqual({ name: 'depth', setting: 'depth', values: [2, 8, 32, 128] });
    expect(configs.setting).toBeUndefined();
    const { jacobian: _, ...settings } = base;
    for (const value of configs.values) {
      const { label, ...config } = value as { label: string };
      expect(['relu-he', 'tanh-gaussian', 'tanh-orthogonal']).toContain(label);
      expect(() => validateRunConfig({ ...settings, ...config }, 'histogram')).not.toThrow();
    }
  });

  it('parse as grids: 54 edge-of-chaos cells (σ_w² slowest), 12 jacobian-spectrum cells with L + 1 hidden layers', () => {
    const edge = parseExperiment(getPreset('edge-of-chaos')) as ExperimentConfig;
    const cells = expandCells(edge);
    expect(cells).toHaveLength(54);
    expect(cells[0].coordinates).toEqual({ sigmaW2: 1.0, depth: 10 });
    expect(cells[1].coordinates).toEqual({ sigmaW2: 1.0, depth: 20 });
    expect(cells[53].settings.hiddenSizes).toHaveLength(60);
    expect(cells[53].settings.initializer).toMatchObject({ name: 'varianceScaling', scale: 4.0 });
    const jacobian = expandCells(parseExperiment(getPreset('jacobian-spectrum')) as ExperimentConfig);
    expect(jacobian.map((cell) => cell.label).slice(0, 2)).toEqual([
      'config=relu-he, depth=2',
      'config=relu-he, depth=8',
    ]);
    expect(jacobian[3].settings).toMatchObject({ activation: 'relu', initializer: 'he' });
    expect(jacobian[3].settings.hiddenSizes).toHaveLength(129);
  });
});
