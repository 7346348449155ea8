import type { ExperimentConfig, RunSpec } from './config.js';

/**
 * The book's weight scales, `np.logspace(0, -4, num=16)`: w = 10^(−4k/15) for k = 0…15, as NumPy computes them
 * (`10.0 ** linspace`, the last point exactly −4) and prints them (each literal round-trips to NumPy's double).
 * Written out rather than computed because V8's `10 ** x` differs from NumPy's `pow` in the last bit at k = 3
 * (0.15848931924611132) and at k = 15 (10 ** −4 is 0.00009999999999999999 in V8).
 */
export const BATCHNORM_SCALES: readonly number[] = [
  1.0, 0.5411695265464637, 0.2928644564625237, 0.15848931924611134, 0.08576958985908942, 0.046415888336127795,
  0.025118864315095794, 0.013593563908785255, 0.007356422544596414, 0.003981071705534973, 0.0021544346900318843,
  0.0011659144011798323, 0.000630957344480193, 0.0003414548873833601, 0.00018478497974222906, 0.0001,
];

/** A scale as labels and panel titles show it: three significant digits (`0.541`, `0.000185`). */
export function formatScale(scale: number): string {
  return String(Number(scale.toPrecision(3)));
}

/** The label of book-batchnorm's run at weight scale `scale`, with or without batch normalization. */
export function batchNormLabel(scale: number, batchNorm: boolean): string {
  return `w=${formatScale(scale)}${batchNorm ? ' + BN' : ''}`;
}

/** One run per scale and per batch-norm setting, in the book's panel order (w = 1 first), BN first in each pair. */
const runs: RunSpec[] = BATCHNORM_SCALES.flatMap((std) =>
  [true, false].map((batchNorm) => ({
    label: batchNormLabel(std, batchNorm),
    initializer: { name: 'normal', std },
    batchNorm,
  })),
);

/**
 * The book's ch. 6 `batch_norm_test.py`: 784-100×5-10 ReLU nets trained on the first 1000 MNIST training images,
 * with and without batch normalization (after each hidden Affine, before its ReLU), at 16 weight scales. Batches
 * of 100 are drawn as the book draws them, `np.random.choice(1000, 100)` (with replacement); 200 iterations are
 * its 20 epochs. Train accuracy is measured on those 1000 images every epoch (10 iterations), as the book's
 * figure plots it; the test accuracy beside it uses the first 1000 test images only, to keep evaluations cheap.
 * Unlike the book, which draws the BN net's weights and then the plain net's from one stream, a seed gives both
 * nets of a scale the same weights and the same batches: each pair differs in batch normalization alone.
 */
export const batchNormPresets: Readonly<Record<string, ExperimentConfig>> = {
  'book-batchnorm': {
    name: 'book-batchnorm',
    description:
      "the book's batch_norm_test.py: 784-100×5-10 ReLU, N(0, w²) for 16 w from 1 to 1e-4, with vs without batch norm, 1000 training images",
    dataset: 'mnist',
    kind: 'train',
    base: {
      hiddenSizes: [100, 100, 100, 100, 100],
      activation: 'relu',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 100,
      iterations: 200,
      trainSubset: 1000,
      evaluation: { every: 10, trainSamples: 1000, testSamples: 1000, statsSamples: 200 },
    },
    runs,
    seeds: [0, 1, 2],
  },
};
