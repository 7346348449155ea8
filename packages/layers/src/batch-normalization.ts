import { describeShape, type Matrix, ShapeError } from '@initlab/tensor';
import { checkBackward, RowBuffer } from './buffers.js';
import { LayerError } from './errors.js';
import type { Layer, Parameter } from './types.js';

/** The book's `10e-7`, added to the variance before the square root. */
const EPSILON = 1e-6;

/**
 * Batch normalization (Ioffe & Szegedy 2015) as the book's `BatchNormalization`: in training each column is
 * normalized by its batch mean and variance and the running averages move by `momentum` (0.9); in evaluation the
 * running averages are used. `out = γ·x̂ + β`, γ starting at 1 and β at 0.
 */
export class BatchNormalization implements Layer {
  readonly name: string;
  readonly features: number;
  readonly momentum: number;
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  readonly runningMean: Float32Array;
  readonly runningVar: Float32Array;
  readonly params: readonly Parameter[];
  private readonly gammaGrad: Float32Array;
  private readonly betaGrad: Float32Array;
  /** √(var + ε) per column, of the batch (training) or of the running variance (evaluation). */
  private readonly std: Float64Array;
  private readonly mean: Float64Array;
  private readonly normalizedBuffer = new RowBuffer();
  private readonly outputBuffer = new RowBuffer();
  private readonly inputGradBuffer = new RowBuffer();
  private normalized: Matrix | undefined;
  private output: Matrix | undefined;
  private trainedLast = false;

  constructor(features: number, id: string | number = '', momentum = 0.9) {
    this.name = `BatchNorm${id}`;
    if (!Number.isSafeInteger(features) || features < 1) {
      throw new LayerError(`${this.name}: features must be a positive integer, got ${features}`);
    }
    if (!Number.isFinite(momentum) || momentum < 0 || momentum >= 1) {
      throw new LayerError(`${this.name}: momentum must be a number in [0, 1), got ${momentum}`);
    }
    this.features = features;
    this.momentum = momentum;
    this.gamma = new Float32Array(features).fill(1);
    this.beta = new Float32Array(features);
    this.gammaGrad = new Float32Array(features);
    this.betaGrad = new Float32Array(features);
    this.runningMean = new Float32Array(features);
    this.runningVar = new Float32Array(features);
    this.std = new Float64Array(features);
    this.mean = new Float64Array(features);
    this.params = [
      { name: `gamma${id}`, value: this.gamma, grad: this.gammaGrad },
      { name: `beta${id}`, value: this.beta, grad: this.betaGrad },
    ];
  }

  forward(x: Matrix, train: boolean): Matrix {
    if (x.cols !== this.features) {
      throw new ShapeError(`${this.name}: input ${describeShape(x)} does not fit ${this.features} features`);
    }
    if (train) this.batchStatistics(x);
    else this.runningStatistics();
    const normalized = this.normalizedBuffer.take(x.rows, x.cols);
    const out = this.outputBuffer.take(x.rows, x.cols);
    const xs = x.data;
    const xn = normalized.data;
    const ys = out.data;
    const cols = x.cols;
    for (let i = 0, offset = 0; i < x.rows; i++, offset += cols) {
      for (let j = 0; j < cols; j++) {
        xn[offset + j] = (xs[offset + j] - this.mean[j]) / this.std[j];
        ys[offset + j] = this.gamma[j] * xn[offset + j] + this.beta[j];
      }
    }
    this.normalized = normalized;
    this.output = out;
    this.trainedLast = train;
    return out;
  }

  /**
   * The book's chain (dxn, dxc, dstd, dvar, dmu) collapsed: with dβ = Σ dout and dγ = Σ x̂·dout,
   * `dx = γ/std · (dout − dβ/N − x̂·dγ/N)` after a training forward, `γ/std · dout` after an evaluation one.
   */
  backward(dout: Matrix): Matrix {
    checkBackward(this.name, dout, this.output);
    const rows = dout.rows;
    const cols = dout.cols;
    const d = dout.data;
    const xn = (this.normalized as Matrix).data;
    const gammaGrad = this.gammaGrad;
    const betaGrad = this.betaGrad;
    gammaGrad.fill(0);
    betaGrad.fill(0);
    for (let i = 0, offset = 0; i < rows; i++, offset += cols) {
      for (let j = 0; j < cols; j++) {
        betaGrad[j] += d[offset + j];
        gammaGrad[j] += xn[offset + j] * d[offset + j];
      }
    }
    const dx = this.inputGradBuffer.take(rows, cols);
    const dxs = dx.data;
    const batchTerms = this.trainedLast ? 1 / rows : 0;
    for (let i = 0, offset = 0; i < rows; i++, offset += cols) {
      for (let j = 0; j < cols; j++) {
        const centred = d[offset + j] - batchTerms * (betaGrad[j] + xn[offset + j] * gammaGrad[j]);
        dxs[offset + j] = (this.gamma[j] / this.std[j]) * centred;
      }
    }
    return dx;
  }

  private batchStatistics(x: Matrix): void {
    const { mean, std, runningMean, runningVar, momentum } = this;
    const xs = x.data;
    const rows = x.rows;
    const cols = x.cols;
    mean.fill(0);
    std.fill(0);
    for (let i = 0, offset = 0; i < rows; i++, offset += cols) {
      for (let j = 0; j < cols; j++) mean[j] += xs[offset + j];
    }
    for (let j = 0; j < cols; j++) mean[j] /= rows;
    for (let i = 0, offset = 0; i < rows; i++, offset += cols) {
      for (let j = 0; j < cols; j++) std[j] += (xs[offset + j] - mean[j]) ** 2;
    }
    for (let j = 0; j < cols; j++) {
      const variance = std[j] / rows;
      std[j] = Math.sqrt(variance + EPSILON);
      runningMean[j] = momentum * runningMean[j] + (1 - momentum) * mean[j];
      runningVar[j] = momentum * runningVar[j] + (1 - momentum) * variance;
    }
  }

  private runningStatistics(): void {
    for (let j = 0; j < this.features; j++) {
      this.mean[j] = this.runningMean[j];
      this.std[j] = Math.sqrt(this.runningVar[j] + EPSILON);
    }
  }
}
