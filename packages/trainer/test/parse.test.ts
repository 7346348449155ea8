import { InitializerError } from '@initlab/initializers';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  getPreset,
  parseExperiment,
  parseRunConfig,
  runExperiment,
  runResolvedExperiment,
  type ResolvedExperimentConfig,
  type ResolvedGroup,
} from '../src/index.js';
import { SMALL_EXPERIMENT, SMALL_RUN, blobs } from './helpers.js';

describe('parseRunConfig', () => {
  it('checks a run config and fills every default, once: a parsed config parses to itself', () => {
    const { seed: _seed, ...withoutSeed } = SMALL_RUN;
    const parsed = parseRunConfig({ ...withoutSeed, evaluation: { every: 50 } });
    expect(parsed).toMatchObject({
      seed: 0,
      evaluation: { every: 50, trainSamples: 10_000, testSamples: 'all', statsSamples: 1000, chunkSize: 1000 },
      batchNorm: false,
      dropout: 0,
      weightDecay: 0,
      lsuv: false,
    });
    expect(parseRunConfig(parsed)).toEqual(parsed);
    // What a worker is sent is a structured clone: plain data, nothing lost.
    expect(structuredClone(parsed)).toEqual(parsed);
    expect(() => parseRunConfig({ ...SMALL_RUN, batchSize: 0 })).toThrow(
      /batchSize: expected a positive integer, got 0/,
    );
  });
});

describe('parseExperiment', () => {
  it("fills each experiment's kind and dataset; an object with `experiments` is a group", () => {
    const { dataset: _dataset, ...onMnist } = SMALL_EXPERIMENT;
    expect(parseExperiment(onMnist)).toMatchObject({ kind: 'train', dataset: 'mnist' });
    const group = parseExperiment(getPreset('book')) as ResolvedGroup;
    expect(group.experiments.map(({ name, kind, dataset }) => [name, kind, dataset])).toEqual([
      ['book-compare', 'train', 'mnist'],
      ['book-histogram', 'histogram', 'mnist'],
      ['book-batchnorm', 'train', 'mnist'],
    ]);
    expect(() => parseExperiment({ name: 'g', experiments: 5 })).toThrow(
      /experiments: expected a non-empty list of experiments, got 5/,
    );
  });

  it('applies overrides to the checked config, and checks them and what they change', () => {
    const parsed = parseExperiment(SMALL_EXPERIMENT, {
      iterations: 7,
      seeds: [4],
      initializers: ['he', 'lecunNormal'],
    });
    expect(parsed).toMatchObject({ base: { iterations: 7 }, seeds: [4] });
    expect((parsed as ResolvedExperimentConfig).runs!.map((run) => run.label)).toEqual([
      'he + ReLU',
      'lecunNormal + ReLU',
    ]);
    expect(() => parseExperiment(SMALL_EXPERIMENT, { seeds: [] })).toThrow(ConfigError);
    expect(() => parseExperiment(SMALL_EXPERIMENT, { initializers: ['he', 'he'] })).toThrow(
      /runs\[1\]\.label: duplicate label 'he \+ ReLU' \(also runs\[0\]\)/,
    );
    expect(() => parseExperiment(SMALL_EXPERIMENT, { initializers: ['xaviar'] })).toThrow(InitializerError);
  });

  it('is the only check: a parsed experiment runs as it is', async () => {
    const parsed = parseExperiment({
      ...SMALL_EXPERIMENT,
      runs: SMALL_EXPERIMENT.runs!.slice(0, 1),
      seeds: [0],
    }) as ResolvedExperimentConfig;
    // A field the schema rejects but a run never reads: runExperiment checks and refuses it, the parsed one runs.
    const edited = { ...parsed, description: 5 as unknown as string };
    await expect(runExperiment(edited, { workers: 1, dataset: blobs() })).rejects.toThrow(
      /description: expected a string, got 5/,
    );
    const results = await runResolvedExperiment(edited, { workers: 1, dataset: blobs() });
    expect(results.runs.map((run) => run.status)).toEqual(['done']);
    expect(results.runs[0].config).toEqual(parseRunConfig({ ...parsed.base, initializer: 'he', seed: 0 }));
  });
});
