import { describe, expect, it } from 'vitest';
import { getPreset, mergeRun, parseExperiment, type ExperimentConfig } from '../src/index.js';

/** Each run of a preset as it trains: `base` with the run's settings on top. */
function merged(name: string) {
  const preset = getPreset(name) as ExperimentConfig;
  return (preset.runs ?? []).map((run) => ({ label: run.label, ...mergeRun(preset.base, run) }));
}

const TRAINING = { activation: 'relu', optimizer: { name: 'sgd', lr: 0.01 }, batchSize: 128, iterations: 2000 };
const widths = (layers: number) => Array.from({ length: layers }, () => 100);

describe('the deep-ReLU paper presets', () => {
  it('he-deep: Xavier vs He at 30 and at 10 hidden layers of 100 ReLU units', () => {
    const runs = merged('he-deep');
    expect(runs.map((run) => [run.label, run.initializer, run.hiddenSizes])).toEqual([
      ['Xavier, 30 layers', 'xavier', widths(30)],
      ['He, 30 layers', 'he', widths(30)],
      ['Xavier, 10 layers', 'xavier', widths(10)],
      ['He, 10 layers', 'he', widths(10)],
    ]);
    for (const run of runs) expect(run).toMatchObject(TRAINING);
    expect(getPreset('he-deep')).toMatchObject({ dataset: 'mnist', seeds: [0, 1, 2] });
  });

  it('lsuv: He, orthogonal (gain 1) and LSUV over 20 hidden layers, LSUV on the first 128 images', () => {
    const runs = merged('lsuv');
    expect(runs.map((run) => [run.label, run.initializer, run.lsuv])).toEqual([
      ['He', 'he', undefined],
      ['Orthogonal', { name: 'orthogonal', gain: 1 }, undefined],
      ['LSUV', { name: 'orthogonal', gain: 1 }, { samples: 128, tolerance: 0.1, maxIterations: 10 }],
    ]);
    for (const run of runs) expect(run).toMatchObject({ ...TRAINING, hiddenSizes: widths(20) });
    expect(getPreset('lsuv')).toMatchObject({ dataset: 'mnist', seeds: [0, 1, 2] });
  });

  it('pass the config checks', () => {
    for (const name of ['he-deep', 'lsuv']) expect(() => parseExperiment(getPreset(name))).not.toThrow();
  });
});
