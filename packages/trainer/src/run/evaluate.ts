import { Matrix, argmaxRows } from '@initlab/tensor';
import type { Dataset, Split } from '@initlab/datasets';
import type { MultiLayerNet } from '@initlab/layers';
import type { LayerStats } from '../results/results.js';
import { activationRange, gradientStats, layerStats, type RangeRule } from './stats.js';

const BINS = 30;

/**
 * Counts a net's correct predictions (inference mode) in chunks through buffers it reuses. Each row's prediction
 * depends on that row alone, so any split of the samples into ranges counts the same.
 */
export class Classifier {
  private readonly chunkX: Matrix;
  private readonly chunkLabels: Int32Array;
  private readonly predicted: Int32Array;

  constructor(
    private readonly net: MultiLayerNet,
    inputSize: number,
    rows: number,
  ) {
    this.chunkX = Matrix.zeros(rows, inputSize);
    this.chunkLabels = new Int32Array(rows);
    this.predicted = new Int32Array(rows);
  }

  /** Correct predictions among samples [start, end) of `split`. */
  countCorrect(split: Split, start: number, end: number): number {
    const size = this.chunkX.rows;
    let correct = 0;
    for (let first = start; first < end; first += size) {
      const rows = Math.min(size, end - first);
      split.range(first, rows, this.chunkX.data, this.chunkLabels);
      const x = rows === size ? this.chunkX : this.chunkX.topRows(rows);
      argmaxRows(this.net.predict(x, false), this.predicted);
      for (let i = 0; i < rows; i++) if (this.predicted[i] === this.chunkLabels[i]) correct++;
    }
    return correct;
  }
}

/** How many samples an evaluation counts: the first `samples` of `split` (`'all'`: every one). */
export function samplesOf(split: Split, samples: number | 'all'): number {
  return samples === 'all' ? split.count : Math.min(samples, split.count);
}

/**
 * Measures a net without drawing from its generator: correct predictions through its `classifier` (in chunks
 * through reused buffers), and layer statistics from a fixed batch (the first `statsSamples` samples of
 * `statsSplit`, test by default, so every evaluation point of every run looks at the same inputs).
 */
export class Evaluator {
  readonly classifier: Classifier;
  private readonly statsX: Matrix;
  private readonly statsLabels: Int32Array;
  private readonly range: RangeRule;

  constructor(
    private readonly net: MultiLayerNet,
    dataset: Dataset,
    private readonly activation: string,
    chunkSize: number,
    statsSamples: number,
    statsSplit: 'train' | 'test' = 'test',
  ) {
    const rows = Math.min(chunkSize, Math.max(dataset.train.count, dataset.test.count));
    this.classifier = new Classifier(net, dataset.inputSize, rows);
    const split = dataset[statsSplit];
    const statsRows = Math.min(statsSamples, split.count);
    this.statsX = Matrix.zeros(statsRows, dataset.inputSize);
    this.statsLabels = new Int32Array(statsRows);
    split.range(0, statsRows, this.statsX.data, this.statsLabels);
    this.range = activationRange(activation);
  }

  /**
   * Hidden-layer statistics of the fixed batch: of each layer's activations and of the gradient dL/ds
   * back-propagated to its pre-activation s (L the batch's mean cross-entropy, in evaluation mode; see
   * `MultiLayerNet.preActivationGradients`: nothing the training step keeps changes). `gradientNorms[i]` is the
   * norm of the gradient of the weights feeding hidden layer i. Leaves the net's taps off: the training loop
   * turns on what it needs.
   */
  layerStats(gradientNorms?: readonly number[]): LayerStats[] {
    this.net.setTaps({ activations: true, gradientNorms: true });
    try {
      const gradients = this.net.preActivationGradients(this.statsX, this.statsLabels);
      const layers = hiddenLayerStats(this.net.activations(), this.activation, this.range, BINS, gradientNorms);
      for (const [index, stats] of layers.entries()) stats.gradient = gradientStats(gradients[index].data, BINS);
      return layers;
    } finally {
      this.net.setTaps({});
    }
  }
}

/** Statistics of each hidden layer's activations; a range rule picks each layer's histogram range from its values. */
export function hiddenLayerStats(
  activations: readonly Matrix[],
  activation: string,
  range: RangeRule,
  bins: number,
  gradientNorms?: readonly number[],
): LayerStats[] {
  return activations.map((values, index) =>
    layerStats(values.data, {
      index,
      activation,
      bins,
      range: typeof range === 'function' ? range(values.data) : range,
      gradientNorm: gradientNorms?.[index],
    }),
  );
}
