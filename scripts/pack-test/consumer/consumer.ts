// Type-checked, never run: uses every package through its published types. The @ts-expect-error lines fail the
// check if a package's types degrade to `any`.
import { createRng, Matrix, matmul, type Rng } from '@initlab/tensor';
import { denseContext, getInitializer, type InitializerSpec } from '@initlab/initializers';
import { MultiLayerNet } from '@initlab/layers';
import { createOptimizer, type Parameter } from '@initlab/optimizers';
import { makeBlobs, type Dataset } from '@initlab/datasets';
import { train, type RunConfig, type RunResult } from '@initlab/trainer';

const rng: Rng = createRng(0);
const spec: InitializerSpec = { name: 'normal', std: 0.01 };
const weights: Float32Array = getInitializer(spec).init(denseContext(784, 100, rng));
const product: Matrix = matmul(Matrix.zeros(2, 784), Matrix.from(weights, 784, 100));

const net = new MultiLayerNet({
  inputSize: 784,
  hiddenSizes: [100],
  outputSize: 10,
  activation: 'relu',
  initializer: 'he',
  rng,
});
const params: readonly Parameter[] = net.params;
createOptimizer('adam').update(params);

const dataset: Dataset = makeBlobs({ samples: 300, classes: 3, features: 4, seed: 1 });
const config: RunConfig = {
  hiddenSizes: [8],
  activation: 'relu',
  initializer: 'he',
  optimizer: { name: 'sgd', lr: 0.1 },
  batchSize: 16,
  iterations: 10,
};
export const result: Promise<RunResult> = train(config, { dataset });
export const rows: number = product.rows;

// @ts-expect-error a seed is a number
createRng('42');
// @ts-expect-error makeBlobs needs `features`
makeBlobs({ samples: 300, classes: 3, seed: 1 });
// @ts-expect-error `iterations` is required
export const incomplete: RunConfig = {
  hiddenSizes: [8],
  activation: 'relu',
  initializer: 'he',
  optimizer: 'sgd',
  batchSize: 16,
};
