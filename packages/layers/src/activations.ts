import { addRowVector, addRowVectorRelu, type Matrix, reluBackward, sumColumns } from '@initlab/tensor';
import { checkBackward, RowBuffer } from './buffers.js';
import { LayerError } from './errors.js';
import type { Layer, Parameter } from './types.js';

/**
 * An element-wise activation whose derivative follows from its output alone, so the output is all `backward`
 * keeps (as the book's `Sigmoid`). NaN passes through forward and backward: spotting it is the trainer's job.
 */
export abstract class ElementwiseActivation implements Layer {
  /** The book's key: the kind and the layer's number, e.g. `Relu1`. */
  readonly name: string;
  readonly params: readonly Parameter[] = [];
  private output: Matrix | undefined;
  private readonly outputBuffer = new RowBuffer();
  private readonly inputGradBuffer = new RowBuffer();

  protected constructor(kind: string, id: string | number) {
    this.name = `${kind}${id}`;
  }

  forward(x: Matrix): Matrix {
    const out = this.outputBuffer.take(x.rows, x.cols);
    this.apply(x.data, out.data);
    this.output = out;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const output = checkBackward(this.name, dout, this.output);
    const dx = this.inputGradBuffer.take(dout.rows, dout.cols);
    this.derive(output.data, dout.data, dx.data);
    return dx;
  }

  /**
   * `forward(z + bias)` with `bias` added to every row in the same pass (`AffineActivation`: x·W and the bias of
   * the Affine layer before), which saves writing and re-reading z + bias. Equal to Affine then `forward`, bit
   * for bit.
   */
  forwardBiased(z: Matrix, bias: Matrix): Matrix {
    const out = this.outputBuffer.take(z.rows, z.cols);
    this.applyBiased(z, bias, out);
    this.output = out;
    return out;
  }

  /**
   * `backward(dout)` that also writes the column sums of the result into `columnSums` (`AffineActivation`: the
   * bias gradient of the Affine layer before), in the order `sumColumns` adds, so it is equal bit for bit.
   */
  backwardSummed(dout: Matrix, columnSums: Matrix): Matrix {
    const output = checkBackward(this.name, dout, this.output);
    const dx = this.inputGradBuffer.take(dout.rows, dout.cols);
    this.deriveSummed(output, dout, dx, columnSums);
    return dx;
  }

  protected abstract apply(x: Float32Array, out: Float32Array): void;
  protected abstract derive(out: Float32Array, dout: Float32Array, dx: Float32Array): void;

  /**
   * Fused forms of `apply` and `derive` (`deriveSummed` overwrites `columnSums`); these general ones take two
   * passes, the common activations one.
   */
  protected applyBiased(z: Matrix, bias: Matrix, out: Matrix): void {
    addRowVector(z, bias, out);
    this.apply(out.data, out.data);
  }

  protected deriveSummed(y: Matrix, dout: Matrix, dx: Matrix, columnSums: Matrix): void {
    this.derive(y.data, dout.data, dx.data);
    sumColumns(dx, columnSums);
  }
}

/** `1 / (1 + e^−x)`; dx = dout·y·(1 − y). */
export class Sigmoid extends ElementwiseActivation {
  constructor(id: string | number = '') {
    super('Sigmoid', id);
  }

  protected apply(x: Float32Array, out: Float32Array): void {
    for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
  }

  protected derive(out: Float32Array, dout: Float32Array, dx: Float32Array): void {
    for (let i = 0; i < out.length; i++) dx[i] = dout[i] * (1 - out[i]) * out[i];
  }

  protected override applyBiased(z: Matrix, bias: Matrix, out: Matrix): void {
    const { data: zs, cols } = z;
    const { data: bs } = bias;
    const { data: ys } = out;
    for (let offset = 0; offset < zs.length; offset += cols) {
      for (let j = 0; j < cols; j++) ys[offset + j] = 1 / (1 + Math.exp(-Math.fround(zs[offset + j] + bs[j])));
    }
  }

  protected override deriveSummed(y: Matrix, dout: Matrix, dx: Matrix, columnSums: Matrix): void {
    const { data: outputs, cols } = y;
    const { data: upstream } = dout;
    const { data: gradients } = dx;
    const sums = columnSums.data;
    sums.fill(0);
    for (let offset = 0; offset < outputs.length; offset += cols) {
      for (let j = 0; j < cols; j++) {
        const output = outputs[offset + j];
        const gradient = Math.fround(upstream[offset + j] * (1 - output) * output);
        gradients[offset + j] = gradient;
        sums[j] += gradient;
      }
    }
  }
}

/** `max(0, x)`; the gradient passes where x > 0 (the book's mask `x <= 0` blocks the rest). */
export class Relu extends ElementwiseActivation {
  constructor(id: string | number = '') {
    super('Relu', id);
  }

  protected apply(x: Float32Array, out: Float32Array): void {
    for (let i = 0; i < x.length; i++) out[i] = x[i] <= 0 ? 0 : x[i];
  }

  protected derive(out: Float32Array, dout: Float32Array, dx: Float32Array): void {
    for (let i = 0; i < out.length; i++) dx[i] = out[i] <= 0 ? 0 : dout[i];
  }

  protected override applyBiased(z: Matrix, bias: Matrix, out: Matrix): void {
    addRowVectorRelu(z, bias, out);
  }

  protected override deriveSummed(y: Matrix, dout: Matrix, dx: Matrix, columnSums: Matrix): void {
    reluBackward(y, dout, dx, columnSums);
  }
}

/** `tanh(x)`; dx = dout·(1 − y²). */
export class Tanh extends ElementwiseActivation {
  constructor(id: string | number = '') {
    super('Tanh', id);
  }

  protected apply(x: Float32Array, out: Float32Array): void {
    for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
  }

  protected derive(out: Float32Array, dout: Float32Array, dx: Float32Array): void {
    for (let i = 0; i < out.length; i++) dx[i] = dout[i] * (1 - out[i] * out[i]);
  }
}

/** `x` for x > 0, `alpha·x` otherwise. With alpha ≥ 0 the output's sign tells which side x was on. */
export class LeakyRelu extends ElementwiseActivation {
  readonly alpha: number;

  constructor(alpha = 0.01, id: string | number = '') {
    super('LeakyRelu', id);
    if (!Number.isFinite(alpha) || alpha < 0 || alpha >= 1) {
      throw new LayerError(`${this.name}: alpha must be a number in [0, 1), got ${alpha}`);
    }
    this.alpha = alpha;
  }

  protected apply(x: Float32Array, out: Float32Array): void {
    const alpha = this.alpha;
    for (let i = 0; i < x.length; i++) out[i] = x[i] <= 0 ? alpha * x[i] : x[i];
  }

  protected derive(out: Float32Array, dout: Float32Array, dx: Float32Array): void {
    const alpha = this.alpha;
    for (let i = 0; i < out.length; i++) dx[i] = out[i] <= 0 ? alpha * dout[i] : dout[i];
  }
}

/** The identity `x`; dx = dout. Between Affine layers it makes a deep linear net (Saxe et al. 2013). */
export class Linear extends ElementwiseActivation {
  constructor(id: string | number = '') {
    super('Linear', id);
  }

  protected apply(x: Float32Array, out: Float32Array): void {
    if (out !== x) out.set(x);
  }

  protected derive(_out: Float32Array, dout: Float32Array, dx: Float32Array): void {
    dx.set(dout);
  }
}
