// Trains a 20-32-3 ReLU network for 100 iterations on seeded Gaussian blobs.
import { makeBlobs } from '@initlab/datasets';
import { train } from '@initlab/trainer';

const dataset = makeBlobs({ samples: 600, classes: 3, features: 20, seed: 1 });
const result = await train(
  {
    hiddenSizes: [32],
    activation: 'relu',
    initializer: 'he',
    optimizer: { name: 'sgd', lr: 0.1 },
    batchSize: 32,
    iterations: 100,
    seed: 0,
  },
  { dataset },
);
const last = result.evals[result.evals.length - 1];
console.log(
  JSON.stringify({
    status: result.status,
    iterations: result.iterations,
    losses: result.loss.length,
    firstLoss: result.loss[0],
    lastLoss: result.loss[result.loss.length - 1],
    testAccuracy: last.testAccuracy,
  }),
);
