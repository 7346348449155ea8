import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  getPreset,
  groups,
  listPresets,
  presets,
  validateExperiment,
  validateGroup,
  validateRunConfig,
  withOverrides,
  type ExperimentConfig,
  type GroupConfig,
} from '../src/index.js';
import { SMALL_EXPERIMENT } from './helpers.js';

function issuesOf(action: () => unknown): { path: string; message: string }[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('validateExperiment', () => {
  it('accepts every preset and group', () => {
    for (const preset of Object.values(presets)) expect(validateExperiment(preset)).toBe(preset);
    for (const group of Object.values(groups)) expect(validateGroup(group)).toBe(group);
  });

  it('lists every bad field with its JSON path', () => {
    const config = {
      name: 'broken',
      base: { ...SMALL_EXPERIMENT.base, batchSize: -5, hiddenSizes: [16, 0] },
      runs: [
        { label: 'He', initializer: 'he' },
        { label: 'std', initializer: { name: 'normal', std: -1 } },
        { label: 'typo', initializer: 'xaviar', optimizer: { name: 'sgd', lr: 0.1 }, activaton: 'relu' },
        { label: 'He', initializer: 'he', activation: 'softplus', dropout: 1.5 },
      ],
      seeds: [0, -1],
      kind: 'training',
    };
    const issues = issuesOf(() => validateExperiment(config));
    const byPath = new Map(issues.map((issue) => [issue.path, issue.message]));
    expect(byPath.get('base.batchSize')).toBe('expected a positive integer, got -5');
    expect(byPath.get('base.hiddenSizes')).toBe('expected a non-empty list of positive integers, got [16,0]');
    expect(byPath.get('runs[1].initializer')).toMatch(/std/);
    expect(byPath.get('runs[2].initializer')).toMatch(/^unknown initializer 'xaviar' — did you mean 'xavier'\?/);
    expect(byPath.get('runs[2].activaton')).toBe("unknown field 'activaton' — did you mean 'activation'?");
    expect(byPath.get('runs[3].activation')).toMatch(/^unknown activation 'softplus'/);
    expect(byPath.get('runs[3].dropout')).toBe('expected a ratio in [0, 1), got 1.5');
    expect(byPath.get('runs[3].label')).toBe("duplicate label 'He' (also runs[0])");
    expect(byPath.get('seeds')).toMatch(/^expected a non-empty list of integer seeds/);
    expect(byPath.get('kind')).toBe("expected 'train', 'histogram' or 'jacobian', got 'training'");
    expect(issues).toHaveLength(10);
  });

  it('formats the error message one issue per line', () => {
    const config = { ...SMALL_EXPERIMENT, runs: [{ label: 'x', initializer: 'xaviar' }] };
    expect(() => validateExperiment(config)).toThrow(
      /runs\[0\]\.initializer: unknown initializer 'xaviar' — did you mean 'xavier'\?/,
    );
  });

  it('reports fields a run lacks after merging base, and per-layer initializer counts', () => {
    const config = {
      name: 'missing',
      base: { activation: 'relu', optimizer: 'sgd' },
      runs: [{ label: 'a', initializer: ['he', 'he', 'he'], hiddenSizes: [10], batchSize: 10 }],
      seeds: [0],
    };
    const issues = issuesOf(() => validateExperiment(config));
    expect(issues).toEqual([
      { path: 'runs[0].iterations', message: "required: set 'iterations' in base or in this run" },
      {
        path: 'runs[0].initializer',
        message: 'expected one initializer per weight matrix (2 for hiddenSizes [10]), got 3',
      },
    ]);
  });

  it('rejects what is not an experiment at all', () => {
    const issues = issuesOf(() => validateExperiment({ name: '', runs: [], seeds: 'zero', extra: 1 }));
    expect(issues).toEqual([
      { path: 'name', message: "expected a non-empty name, got ''" },
      { path: 'base', message: 'expected an object of run settings (may be {}), got nothing' },
      { path: 'runs', message: 'expected a non-empty list of runs, got []' },
      { path: 'seeds', message: "expected a non-empty list of integer seeds in [0, 4294967295], got 'zero'" },
      {
        path: 'extra',
        message:
          "unknown field 'extra' (valid: 'name', 'description', 'dataset', 'kind', 'base', 'runs', 'grid', 'seeds')",
      },
    ]);
  });

  it('accepts initializers registered before validation (plugins)', async () => {
    const config = { ...SMALL_EXPERIMENT, runs: [{ label: 'plugin', initializer: 'halfHe' }] };
    expect(() => validateExperiment(config)).toThrow(/unknown initializer 'halfHe'/);
    await import(new URL('./fixtures/plugin-initializer.mjs', import.meta.url).href);
    expect(validateExperiment(config)).toBe(config);
  });

  it('paths of a group start at its experiment', () => {
    const group = {
      name: 'g',
      experiments: [SMALL_EXPERIMENT, { ...SMALL_EXPERIMENT, base: { ...SMALL_EXPERIMENT.base, batchSize: 0 } }],
    };
    expect(issuesOf(() => validateGroup(group))).toEqual([
      { path: 'experiments[1].base.batchSize', message: 'expected a positive integer, got 0' },
    ]);
  });

  it('checks a single run config for train()', () => {
    expect(
      issuesOf(() =>
        validateRunConfig({
          hiddenSizes: [5],
          activation: 'relu',
          initializer: 'he',
          optimizer: 'sgd',
          batchSize: 1.5,
        }),
      ),
    ).toEqual([
      { path: 'batchSize', message: 'expected a positive integer, got 1.5' },
      { path: 'iterations', message: "required: set 'iterations' in base or in this run" },
    ]);
  });
});

describe('presets', () => {
  it('are the study, exactly', () => {
    const scale = presets['seed-scale'];
    expect(scale.base).toMatchObject({
      hiddenSizes: [50],
      activation: 'sigmoid',
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 100,
      iterations: 10_000,
    });
    expect(scale.runs!.map((run) => [run.label, run.initializer])).toEqual([
      ['param=1.0', { name: 'normal', std: 1 }],
      ['param=0.1', { name: 'normal', std: 0.1 }],
      ['param=0.01', { name: 'normal', std: 0.01 }],
      ['param=0.001', { name: 'normal', std: 0.001 }],
    ]);
    expect(presets['seed-xavier'].runs!.map((run) => run.label)).toEqual(['param=0.1', 'Xavier']);
    expect(presets['seed-he'].runs!.map((run) => [run.label, run.initializer, run.activation])).toEqual([
      ['param=0.1 + sigmoid', { name: 'normal', std: 0.1 }, 'sigmoid'],
      ['Xavier + sigmoid', 'xavier', 'sigmoid'],
      ['He + ReLU', 'he', 'relu'],
    ]);
    expect(presets['book-compare'].base).toMatchObject({
      hiddenSizes: [100, 100, 100, 100],
      activation: 'relu',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 128,
      iterations: 2000,
    });
    expect(presets['book-histogram'].kind).toBe('histogram');
    expect(presets['book-histogram'].runs).toHaveLength(7);
    expect(groups.seed.experiments.map((e) => e.name)).toEqual(['seed-scale', 'seed-xavier', 'seed-he']);
    expect(groups.book.experiments.map((e) => e.name)).toEqual(['book-compare', 'book-histogram', 'book-batchnorm']);
  });

  it('getPreset returns a copy and names the closest preset for a typo', () => {
    const copy = getPreset('seed-he') as ExperimentConfig;
    copy.runs!.pop();
    expect(presets['seed-he'].runs).toHaveLength(3);
    expect(() => getPreset('seed-hee')).toThrow("unknown preset 'seed-hee' — did you mean 'seed-he'?");
    expect((getPreset('book') as GroupConfig).experiments).toHaveLength(3);
  });

  it('listPresets describes each in one line', () => {
    const list = listPresets();
    expect(list.map((entry) => entry.name)).toEqual([
      'seed-scale',
      'seed-xavier',
      'seed-he',
      'book-compare',
      'book-histogram',
      'book-batchnorm',
      'he-deep',
      'lsuv',
      'glorot-bengio',
      'saxe-orthogonal',
      'edge-of-chaos',
      'jacobian-spectrum',
      'seed',
      'book',
      'papers',
    ]);
    for (const entry of list) expect(entry.description).toMatch(/^[^\n]{10,}$/);
  });

  it('withOverrides changes iterations and seeds and replaces the compared initializers', () => {
    const scale = withOverrides(presets['seed-scale'], {
      iterations: 50,
      seeds: [4],
      initializers: ['he', { name: 'normal', std: 0.05 }],
    });
    expect(scale.base.iterations).toBe(50);
    expect(scale.seeds).toEqual([4]);
    expect(scale.runs!).toEqual([
      { label: 'he', initializer: 'he' },
      { label: 'normal(std=0.05)', initializer: { name: 'normal', std: 0.05 } },
    ]);
    expect(presets['seed-scale'].base.iterations).toBe(10_000);
    const he = withOverrides(presets['seed-he'], { initializers: ['xavier', 'kaimingNormal'] });
    expect(he.runs!.map((run) => [run.label, run.activation])).toEqual([
      ['xavier + sigmoid', 'sigmoid'],
      [`kaimingNormal + ReLU`, 'relu'],
    ]);
    const group = withOverrides(groups.book, { iterations: 10 });
    expect(group.experiments[0].base.iterations).toBe(10);
    expect(group.experiments[1].base.iterations).toBeUndefined();
    expect(validateGroup(group)).toBe(group);
  });
});
