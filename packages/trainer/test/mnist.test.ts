import { readFileSync } from 'node:fs';
import { loadMnist, type Dataset } from '@initlab/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPreset, mergeRun, train, type ExperimentConfig, type RunConfig } from '../src/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/loss-fixture.json', import.meta.url), 'utf8')) as {
  losses: number[];
};

let mnist: Dataset;
beforeAll(async () => {
  mnist = await loadMnist();
});

describe('training on MNIST', () => {
  it("matches NumPy's losses over the first 20 iterations of the book recipe", async () => {
    const config: RunConfig = {
      hiddenSizes: [50],
      activation: 'sigmoid',
      initializer: { name: 'normal', std: 0.01 },
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 100,
      iterations: 20,
      seed: 0,
      evaluation: { trainSamples: 100 },
    };
    const result = await train(config, { dataset: mnist });
    expect(result.loss).toHaveLength(20);
    result.loss.forEach((loss, i) => {
      expect(Math.abs(loss - fixture.losses[i]) / fixture.losses[i], `iteration ${i}`).toBeLessThan(1e-4);
    });
  });

  it('He + ReLU of seed-he passes 85% test accuracy after 300 iterations', async () => {
    const preset = getPreset('seed-he') as ExperimentConfig;
    const heRun = preset.runs!.find((run) => run.label === 'He + ReLU')!;
    const config = { ...(mergeRun(preset.base, heRun) as RunConfig), iterations: 300, seed: 0 };
    const result = await train(config, { dataset: mnist });
    expect(result.status).toBe('done');
    const last = result.evals[result.evals.length - 1];
    expect(last.iteration).toBe(300);
    expect(last.testAccuracy).toBeGreaterThan(0.85);
  });
});
