import { getInitializer, type InitializerSpec } from '@initlab/initializers';
import { argmaxRows, describeShape, Matrix, type Rng, ShapeError } from '@initlab/tensor';
import { createActivation, type ActivationName } from './activation-registry.js';
import { ElementwiseActivation } from './activations.js';
import { Affine } from './affine.js';
import { AffineActivation } from './affine-activation.js';
import { BatchNormalization } from './batch-normalization.js';
import { Dropout } from './dropout.js';
import { LayerError } from './errors.js';
import { PreActivationGradients } from './pre-activation-gradients.js';
import { SoftmaxWithLoss } from './softmax-with-loss.js';
import type { Labels, Layer, Parameter, ParameterStorage } from './types.js';

/** How to build a `MultiLayerNet`. */
export interface MultiLayerNetOptions {
  inputSize: number;
  hiddenSizes: readonly number[];
  outputSize: number;
  activation: ActivationName;
  /** One for every affine layer, or one spec per affine layer (`hiddenSizes.length + 1`). */
  initializer: InitializerSpec | readonly InitializerSpec[];
  /**
   * How each affine layer's bias vector starts: one spec for every layer, or one per affine layer. Absent: zeros,
   * as the book, and nothing is drawn. The initializer sees the bias as a `[1, fanOut]` matrix with the layer's
   * own fans (`fanIn` of its weights, as PyTorch's `nn.Linear` scales its bias), and draws from `rng` right after
   * that layer's weights: W1, b1, W2, b2, …
   */
  biasInitializer?: InitializerSpec | readonly InitializerSpec[];
  /** Draws the initial weights (layer by layer, in order: see `biasInitializer`) and then the dropout masks. */
  rng: Rng;
  /** Batch normalization after every hidden affine layer (the book's `MultiLayerNetExtend`). */
  batchNorm?: boolean;
  /** Dropout ratio after every hidden activation; 0 or absent for none. */
  dropout?: number;
  /** L2 penalty λ: ½λ‖W‖² per weight matrix in the loss, λ·W in its gradient (biases and γ/β excluded). */
  weightDecay?: number;
  /**
   * Where every parameter lives: all values (and optionally all gradients) in one array each, in `params`
   * order (W1, b1, W2, …), `parameterCount` floats long; e.g. shared memory, so that a net on another thread
   * reads these weights without a copy. Not with batch normalization. Absent: each layer allocates its own.
   */
  parameters?: ParameterStorage;
  /**
   * Whether the initializers draw the weights (default true). False leaves the values in `parameters` as they
   * are and draws nothing: a net that shares the weights of another.
   */
  initialize?: boolean;
}

/** Floats in all the parameters of an affine net with these layer sizes (what `parameters` must hold). */
export function parameterCount(inputSize: number, hiddenSizes: readonly number[], outputSize: number): number {
  const sizes = [inputSize, ...hiddenSizes, outputSize];
  let count = 0;
  for (let i = 1; i < sizes.length; i++) count += sizes[i - 1] * sizes[i] + sizes[i];
  return count;
}

/** Opt-in recording for plots; both off by default. */
export interface NetworkTaps {
  /** Keep the output of each hidden activation layer of the last forward pass. */
  activations?: boolean;
  /** Compute ‖dW‖₂ of each affine layer on every `gradient` call. */
  gradientNorms?: boolean;
}

function checkSize(what: string, size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new LayerError(`MultiLayerNet: ${what} must be a positive integer, got ${size}`);
  }
}

/**
 * A fully-connected network, the book's `MultiLayerNet` / `MultiLayerNetExtend`:
 * `(Affine → [BatchNorm] → activation → [Dropout]) × hidden → Affine → SoftmaxWithLoss`.
 * Weights are drawn in layer order from `rng`, one initializer call per affine layer; biases start at zero
 * unless `biasInitializer` draws them (each right after its layer's weights).
 */
export class MultiLayerNet {
  /** Every layer in forward order, without the loss layer (the book's `layers`). */
  readonly layers: readonly Layer[];
  readonly affineLayers: readonly Affine[];
  readonly lossLayer = new SoftmaxWithLoss();
  /** Every trainable parameter, in the book's order: W1, b1, (gamma1, beta1,) W2, … */
  readonly params: readonly Parameter[];
  readonly rng: Rng;
  readonly weightDecay: number;
  readonly batchNorm: boolean;
  readonly dropout: number;
  readonly activation: ActivationName;
  /**
   * What forward and backward run, in order: `layers`, or where every hidden layer is Affine → activation (no
   * batch norm, no dropout), each such pair as one `AffineActivation`, the same numbers in fewer passes.
   */
  private readonly pipeline: readonly Layer[];
  /** The layers of `pipeline` whose outputs are the hidden activations (what the `activations` tap records). */
  private readonly activationOutputs: readonly Layer[];
  private readonly recordedActivations: Matrix[];
  private readonly recordedNorms: number[];
  private taps: Required<NetworkTaps> = { activations: false, gradientNorms: false };
  private recordedForward = false;
  private recordedGradient = false;
  /** Made on the first `preActivationGradients` call: nets that never take one carry nothing for it. */
  private preActivation: PreActivationGradients | undefined;
  private predictions = new Int32Array(0);
  private targets = new Int32Array(0);

  constructor(options: MultiLayerNetOptions) {
    const { inputSize, hiddenSizes, outputSize, activation, rng } = options;
    const { batchNorm = false, dropout = 0, weightDecay = 0 } = options;
    checkSize('inputSize', inputSize);
    checkSize('outputSize', outputSize);
    for (const [i, size] of hiddenSizes.entries()) checkSize(`hiddenSizes[${i}]`, size);
    if (!Number.isFinite(dropout) || dropout < 0 || dropout >= 1) {
      throw new LayerError(`MultiLayerNet: dropout must be a ratio in [0, 1), got ${dropout}`);
    }
    if (!Number.isFinite(weightDecay) || weightDecay < 0) {
      throw new LayerError(`MultiLayerNet: weightDecay must be a number in [0, ∞), got ${weightDecay}`);
    }
    const sizes = [inputSize, ...hiddenSizes, outputSize];
    const initializers = resolveInitializers(options.initializer, sizes.length - 1);
    const biasInitializers =
      options.biasInitializer === undefined
        ? undefined
        : resolveInitializers(options.biasInitializer, sizes.length - 1, 'bias initializers');
    const storage = options.parameters;
    if (storage) checkStorage(storage, batchNorm, parameterCount(inputSize, hiddenSizes, outputSize));
    let offset = 0;
    this.rng = rng;
    this.weightDecay = weightDecay;
    this.batchNorm = batchNorm;
    this.dropout = dropout;
    this.activation = activation;

    const layers: Layer[] = [];
    const affineLayers: Affine[] = [];
    const activationLayers: Layer[] = [];
    for (let index = 1; index < sizes.length; index++) {
      const end = offset + sizes[index - 1] * sizes[index] + sizes[index];
      const slice = storage && {
        values: storage.values.subarray(offset, end),
        grads: storage.grads?.subarray(offset, end),
      };
      offset = end;
      const affine = new Affine(sizes[index - 1], sizes[index], index, slice);
      if (options.initialize !== false) {
        initializers[index - 1].init(
          { shape: [affine.fanIn, affine.fanOut], fanIn: affine.fanIn, fanOut: affine.fanOut, rng },
          affine.weights.data,
        );
        biasInitializers?.[index - 1].init(
          { shape: [1, affine.fanOut], fanIn: affine.fanIn, fanOut: affine.fanOut, rng },
          affine.bias.data,
        );
      }
      affineLayers.push(affine);
      layers.push(affine);
      if (index === sizes.length - 1) break;
      if (batchNorm) layers.push(new BatchNormalization(sizes[index], index));
      const activationLayer = createActivation(activation, index);
      activationLayers.push(activationLayer);
      layers.push(activationLayer);
      if (dropout > 0) layers.push(new Dropout(dropout, rng, index));
    }
    this.layers = layers;
    this.affineLayers = affineLayers;
    const fusable =
      !batchNorm && dropout === 0 && activationLayers.every((layer) => layer instanceof ElementwiseActivation);
    if (fusable) {
      const pairs = activationLayers.map(
        (layer, i) => new AffineActivation(affineLayers[i], layer as ElementwiseActivation),
      );
      this.pipeline = [...pairs, affineLayers[affineLayers.length - 1]];
      this.activationOutputs = pairs;
    } else {
      this.pipeline = layers;
      this.activationOutputs = activationLayers;
    }
    this.params = layers.flatMap((layer) => layer.params);
    this.recordedActivations = new Array<Matrix>(activationLayers.length);
    this.recordedNorms = new Array<number>(affineLayers.length).fill(0);
  }

  /** Turns the recording of activations and gradient norms on or off; off costs nothing. */
  setTaps(taps: NetworkTaps): void {
    this.taps = { activations: taps.activations ?? false, gradientNorms: taps.gradientNorms ?? false };
    this.recordedForward = false;
    this.recordedGradient = false;
  }

  /**
   * The output of each hidden activation layer from the last forward pass (with the `activations` tap on).
   * These are the layers' own buffers: copy them to keep them past the next forward pass.
   */
  activations(): Matrix[] {
    if (!this.taps.activations || !this.recordedForward) {
      throw new LayerError(
        'MultiLayerNet: no activations recorded — call setTaps({ activations: true }) and forward first',
      );
    }
    return this.recordedActivations.slice();
  }

  /**
   * ‖dW‖₂ of each affine layer from the last `gradient` call (with the `gradientNorms` tap on): the gradient that
   * back-propagation delivered, before the weight-decay term λ·W is added.
   */
  gradientNorms(): number[] {
    if (!this.taps.gradientNorms || !this.recordedGradient) {
      throw new LayerError(
        'MultiLayerNet: no gradient norms recorded — call setTaps({ gradientNorms: true }) and gradient first',
      );
    }
    return this.recordedNorms.slice();
  }

  /** The scores (before softmax) for each row of `x`. */
  predict(x: Matrix, train = false): Matrix {
    if (x.cols !== this.affineLayers[0].fanIn) {
      throw new ShapeError(
        `MultiLayerNet: input ${describeShape(x)} does not fit inputSize ${this.affineLayers[0].fanIn}`,
      );
    }
    const recording = this.taps.activations;
    let activationIndex = 0;
    let out = x;
    for (const layer of this.pipeline) {
      out = layer.forward(out, train);
      if (recording && layer === this.activationOutputs[activationIndex]) {
        this.recordedActivations[activationIndex++] = out;
      }
    }
    this.recordedForward = recording;
    return out;
  }

  /**
   * ∂L/∂s for each hidden layer, s its pre-activation (the output of its Affine layer, before batch norm and
   * activation) and L the mean cross-entropy of `x` against `labels`, from a forward pass in evaluation mode (as
   * `predict`: batch norm's running statistics, dropout's scaling; draws nothing). Back-propagated as in
   * training, but neither the weights nor their gradients change. The matrices are buffers overwritten by the
   * next forward or backward pass: copy them to keep them. With the `activations` tap on, records the forward
   * pass's activations as `predict` does.
   */
  preActivationGradients(x: Matrix, labels: Labels): Matrix[] {
    this.lossLayer.forward(this.predict(x, false), labels);
    this.preActivation ??= new PreActivationGradients(this.layers);
    return this.preActivation.backward(this.lossLayer.backward(1));
  }

  /** The mean cross-entropy of `x` against `labels`, plus ½λ Σ‖W‖² when `weightDecay` λ is set. */
  loss(x: Matrix, labels: Labels, train = false): number {
    const scores = this.predict(x, train);
    return this.lossLayer.forward(scores, labels) + this.weightDecayLoss();
  }

  /** The fraction of rows whose highest score is at the label. */
  accuracy(x: Matrix, labels: Labels): number {
    const scores = this.predict(x, false);
    const rows = scores.rows;
    if (this.predictions.length < rows) this.predictions = new Int32Array(rows);
    argmaxRows(scores, this.predictions);
    let truth: Int32Array;
    if (labels instanceof Matrix) {
      if (labels.rows !== rows || labels.cols !== scores.cols) {
        throw new ShapeError(
          `MultiLayerNet: one-hot labels ${describeShape(labels)} do not match scores ${describeShape(scores)}`,
        );
      }
      if (this.targets.length < rows) this.targets = new Int32Array(rows);
      truth = argmaxRows(labels, this.targets);
    } else {
      if (labels.length !== rows) {
        throw new ShapeError(`MultiLayerNet: ${labels.length} labels for input of ${rows} rows`);
      }
      truth = labels;
    }
    let correct = 0;
    for (let i = 0; i < rows; i++) if (this.predictions[i] === truth[i]) correct++;
    return correct / rows;
  }

  /**
   * Forward (in training mode) and backward: fills every `Parameter.grad` (λ·W added to each weight gradient)
   * and returns the loss of that forward pass. `lossGradient`, then `regularize`.
   */
  gradient(x: Matrix, labels: Labels): number {
    return this.lossGradient(x, labels) + this.regularize();
  }

  /**
   * Forward (in training mode) and backward of the mean cross-entropy alone: fills every `Parameter.grad` and
   * returns the cross-entropy, without weight decay and without recording gradient norms (`regularize` does
   * both). For gradients combined before they are finished, e.g. those of a batch's two halves.
   */
  lossGradient(x: Matrix, labels: Labels): number {
    const loss = this.lossLayer.forward(this.predict(x, true), labels);
    let dout = this.lossLayer.backward(1);
    const pipeline = this.pipeline;
    for (let i = pipeline.length - 1; i > 0; i--) dout = pipeline[i].backward(dout);
    (pipeline[0] as Affine | AffineActivation).backwardParams(dout);
    return loss;
  }

  /**
   * Finishes the gradient in `Parameter.grad` (`lossGradient`'s): records ‖dW‖₂ (with the `gradientNorms` tap on),
   * then adds λ·W to each weight gradient. Returns the weight-decay loss ½λ Σ‖W‖² (0 without weight decay).
   */
  regularize(): number {
    const recording = this.taps.gradientNorms;
    for (let k = 0; k < this.affineLayers.length; k++) {
      const affine = this.affineLayers[k];
      const grad = affine.weightGrad.data;
      if (recording) this.recordedNorms[k] = l2Norm(grad);
      if (this.weightDecay > 0) {
        const weights = affine.weights.data;
        for (let i = 0; i < grad.length; i++) grad[i] += this.weightDecay * weights[i];
      }
    }
    this.recordedGradient = recording;
    return this.weightDecayLoss();
  }

  private weightDecayLoss(): number {
    if (this.weightDecay === 0) return 0;
    let sum = 0;
    for (const affine of this.affineLayers) {
      const weights = affine.weights.data;
      for (let i = 0; i < weights.length; i++) sum += weights[i] * weights[i];
    }
    return 0.5 * this.weightDecay * sum;
  }
}

function checkStorage(storage: ParameterStorage, batchNorm: boolean, count: number): void {
  if (batchNorm) throw new LayerError('MultiLayerNet: parameters storage is for nets without batch normalization');
  for (const [what, array] of [
    ['values', storage.values],
    ['grads', storage.grads],
  ] as const) {
    if (array && array.length !== count) {
      throw new LayerError(
        `MultiLayerNet: parameters.${what} must hold ${count} floats (every W and b in order), got ${array.length}`,
      );
    }
  }
}

function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

function resolveInitializers(spec: InitializerSpec | readonly InitializerSpec[], count: number, what = 'initializers') {
  if (!Array.isArray(spec)) return Array.from({ length: count }, () => getInitializer(spec as InitializerSpec));
  if (spec.length !== count) {
    throw new LayerError(
      `MultiLayerNet: ${spec.length} ${what} given for ${count} affine layers (give one, or one per affine layer)`,
    );
  }
  return spec.map((one) => getInitializer(one));
}
