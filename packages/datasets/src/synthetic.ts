import { createRng, type Rng } from '@initlab/tensor';
import { allocateBytes, allocateFloats, type Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { ArraySplit } from './split.js';

/** Options shared by the synthetic datasets. */
export interface SyntheticOptions {
  /** Total number of samples, train and test together. */
  samples: number;
  /** Number of classes, 2 to 256. */
  classes: number;
  /** Seed of the generator every draw comes from (`createRng(seed)`). */
  seed: number;
  /** Fraction of the samples held out as the test split; default 0.2. */
  testFraction?: number;
  /** Keep the data in SharedArrayBuffers (see `toTransferable`). */
  shared?: boolean;
}

/** Options of `makeBlobs`. */
export interface BlobsOptions extends SyntheticOptions {
  /** Values per sample. */
  features: number;
  /** Standard deviation of each cluster around its center; default 1. Centers lie uniformly in [-10, 10]^features. */
  spread?: number;
}

/** Options of `makeSpiral`. */
export interface SpiralOptions extends SyntheticOptions {
  /** Standard deviation of the Gaussian noise added to each point's angle, in radians; default 0.2. */
  noise?: number;
}

function checkInteger(what: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new DatasetError(`${what} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function checkNonNegative(what: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new DatasetError(`${what} must be a finite number ≥ 0, got ${value}`);
  }
}

function checkCommon(maker: string, options: SyntheticOptions): { testCount: number } {
  checkInteger(`${maker}: classes`, options.classes, 2, 256);
  checkInteger(`${maker}: samples`, options.samples, options.classes, 1e8);
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new DatasetError(`${maker}: testFraction must be in [0, 1), got ${testFraction}`);
  }
  return { testCount: Math.round(options.samples * testFraction) };
}

/** Splits `order`-permuted samples: the first `samples - testCount` positions train, the rest test. */
function splitSamples(
  name: string,
  features: Float32Array,
  labels: Uint8Array,
  order: ArrayLike<number>,
  inputSize: number,
  numClasses: number,
  testCount: number,
  shared: boolean,
): Dataset {
  const trainCount = labels.length - testCount;
  const makePart = (first: number, count: number): ArraySplit => {
    const images = allocateFloats(count * inputSize, shared);
    const partLabels = allocateBytes(count, shared);
    for (let i = 0; i < count; i++) {
      const source = order[first + i];
      images.set(features.subarray(source * inputSize, (source + 1) * inputSize), i * inputSize);
      partLabels[i] = labels[source];
    }
    return new ArraySplit(images, partLabels, count, inputSize, numClasses);
  };
  return { name, inputSize, numClasses, train: makePart(0, trainCount), test: makePart(trainCount, testCount) };
}

function identity(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/**
 * Gaussian clusters, one per class (as scikit-learn's `make_blobs`): centers uniform in [-10, 10]^features,
 * points `center + spread · N(0, 1)`, classes balanced (sample i of `classes` cycles) and shuffled.
 * Draw order: centers, the label shuffle, then the points.
 */
export function makeBlobs(options: BlobsOptions): Dataset {
  const { testCount } = checkCommon('makeBlobs', options);
  const { samples, classes, features: inputSize } = options;
  checkInteger('makeBlobs: features', inputSize, 1, 1_000_000);
  const spread = options.spread ?? 1;
  checkNonNegative('makeBlobs: spread', spread);
  const rng: Rng = createRng(options.seed);

  const centers = new Float64Array(classes * inputSize);
  for (let i = 0; i < centers.length; i++) centers[i] = -10 + 20 * rng.nextDouble();
  const labels = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) labels[i] = i % classes;
  rng.shuffle(labels);
  const points = new Float32Array(samples * inputSize);
  for (let i = 0; i < samples; i++) {
    const center = labels[i] * inputSize;
    for (let j = 0; j < inputSize; j++) {
      points[i * inputSize + j] = centers[center + j] + spread * rng.nextGaussian();
    }
  }
  return splitSamples(
    'blobs',
    points,
    labels,
    identity(samples),
    inputSize,
    classes,
    testCount,
    options.shared ?? false,
  );
}

/**
 * Interleaved 2-D spiral arms, one per class (the CS231n toy set): point k of n in class c has radius
 * r = k/(n-1) and angle 4·(c + r) + noise · N(0, 1), at (r·sin θ, r·cos θ). Not linearly separable.
 * Draw order: the angle noise class by class, then the shuffle of all samples.
 */
export function makeSpiral(options: SpiralOptions): Dataset {
  const { testCount } = checkCommon('makeSpiral', options);
  const { samples, classes } = options;
  const noise = options.noise ?? 0.2;
  checkNonNegative('makeSpiral: noise', noise);
  const rng: Rng = createRng(options.seed);

  const points = new Float32Array(samples * 2);
  const labels = new Uint8Array(samples);
  let sample = 0;
  for (let c = 0; c < classes; c++) {
    const perClass = Math.floor(samples / classes) + (c < samples % classes ? 1 : 0);
    for (let k = 0; k < perClass; k++, sample++) {
      const radius = perClass > 1 ? k / (perClass - 1) : 0;
      const angle = 4 * (c + radius) + noise * rng.nextGaussian();
      points[sample * 2] = radius * Math.sin(angle);
      points[sample * 2 + 1] = radius * Math.cos(angle);
      labels[sample] = c;
    }
  }
  const order = rng.permutation(samples);
  return splitSamples('spiral', points, labels, order, 2, classes, testCount, options.shared ?? false);
}
