import { MultiLayerNet } from '@initlab/layers';
import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseRunConfig, trainSync, validateRunConfig, type RunConfig } from '../src/index.js';
import { SMALL_RUN, blobs } from './helpers.js';

const dataset = blobs();
const NORMAL_BIASES = { name: 'normal', std: Math.sqrt(0.05) };
/** Under 32 rows a step never splits across threads: one net, the plain path. */
const RUN: RunConfig = { ...SMALL_RUN, activation: 'tanh', initializer: 'xavier', batchSize: 16, iterations: 3 };

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    validateRunConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

/** The first step's loss as the layers compute it for `config`: the net's draws, then the book's batch draw. */
function firstLoss(config: RunConfig): number {
  const rng = createRng(config.seed ?? 0);
  const net = new MultiLayerNet({
    inputSize: dataset.inputSize,
    hiddenSizes: config.hiddenSizes,
    outputSize: dataset.numClasses,
    activation: config.activation as never,
    initializer: config.initializer,
    biasInitializer: config.biasInitializer,
    rng,
  });
  const indices = rng.choice(dataset.train.count, config.batchSize);
  const x = Matrix.zeros(config.batchSize, dataset.inputSize);
  const labels = new Int32Array(config.batchSize);
  dataset.train.batch(indices, x.data, labels);
  return net.gradient(x, labels);
}

describe('biasInitializer in a run config', () => {
  it("defaults to 'zeros' and is recorded in the result's config", () => {
    expect(parseRunConfig(RUN).biasInitializer).toBe('zeros');
    const result = trainSync({ ...RUN, biasInitializer: NORMAL_BIASES }, { dataset });
    expect(result.config).toMatchObject({ biasInitializer: NORMAL_BIASES });
    expect(trainSync(RUN, { dataset }).config).toMatchObject({ biasInitializer: 'zeros' });
  });

  it('reaches the net: the first loss equals the layers’ own with the same draws, and zeros change nothing', () => {
    const drawn = trainSync({ ...RUN, biasInitializer: NORMAL_BIASES }, { dataset });
    expect(drawn.loss[0]).toBe(firstLoss({ ...RUN, biasInitializer: NORMAL_BIASES }));
    const book = trainSync(RUN, { dataset });
    expect(book.loss[0]).toBe(firstLoss(RUN));
    expect(drawn.loss[0]).not.toBe(book.loss[0]);
    expect(trainSync({ ...RUN, biasInitializer: 'zeros' }, { dataset }).loss).toEqual(book.loss);
  });

  it('names the bad value', () => {
    expect(issuesOf({ ...RUN, biasInitializer: 'normall' })).toEqual([
      {
        path: 'biasInitializer',
        message: expect.stringMatching(/^unknown initializer 'normall' — did you mean 'normal'\?/),
      },
    ]);
    const [negative] = issuesOf({ ...RUN, biasInitializer: { name: 'normal', std: -1 } });
    expect(negative.path).toBe('biasInitializer');
    expect(negative.message).toMatch(/std/);
    expect(negative.message).toMatch(/-1/);
    const [list] = issuesOf({ ...RUN, biasInitializer: ['zeros', 'zeros'] });
    expect(list).toEqual({
      path: 'biasInitializer',
      message:
        'expected an initializer name or { name, ...params } with number or string params, got ["zeros","zeros"]',
    });
  });
});
