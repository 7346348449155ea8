import type { Matrix, Rng } from '@initlab/tensor';
import { checkBackward, RowBuffer } from './buffers.js';
import { LayerError } from './errors.js';
import type { Layer, Parameter } from './types.js';

/**
 * The book's `Dropout`: in training each value is kept where a uniform draw exceeds `ratio`, the draws taken
 * row-major from `rng` exactly as `np.random.rand(*x.shape) > ratio`; in evaluation every value is scaled by
 * `1 − ratio` (not the "inverted" dropout of most libraries, which scales in training instead).
 */
export class Dropout implements Layer {
  readonly name: string;
  readonly ratio: number;
  readonly params: readonly Parameter[] = [];
  private readonly rng: Rng;
  private readonly maskBuffer = new RowBuffer();
  private readonly outputBuffer = new RowBuffer();
  private readonly inputGradBuffer = new RowBuffer();
  private mask: Matrix | undefined;
  private output: Matrix | undefined;
  private trainedLast = false;

  constructor(ratio: number, rng: Rng, id: string | number = '') {
    this.name = `Dropout${id}`;
    if (!Number.isFinite(ratio) || ratio < 0 || ratio >= 1) {
      throw new LayerError(`${this.name}: ratio must be a number in [0, 1), got ${ratio}`);
    }
    this.ratio = ratio;
    this.rng = rng;
  }

  forward(x: Matrix, train: boolean): Matrix {
    const out = this.outputBuffer.take(x.rows, x.cols);
    const xs = x.data;
    const ys = out.data;
    if (train) {
      const mask = this.maskBuffer.take(x.rows, x.cols);
      const keep = mask.data;
      for (let i = 0; i < xs.length; i++) {
        keep[i] = this.rng.nextDouble() > this.ratio ? 1 : 0;
        ys[i] = xs[i] * keep[i];
      }
      this.mask = mask;
    } else {
      const scale = 1 - this.ratio;
      for (let i = 0; i < xs.length; i++) ys[i] = xs[i] * scale;
    }
    this.output = out;
    this.trainedLast = train;
    return out;
  }

  backward(dout: Matrix): Matrix {
    checkBackward(this.name, dout, this.output);
    const dx = this.inputGradBuffer.take(dout.rows, dout.cols);
    const d = dout.data;
    const dxs = dx.data;
    if (this.trainedLast) {
      const keep = (this.mask as Matrix).data;
      for (let i = 0; i < d.length; i++) dxs[i] = d[i] * keep[i];
    } else {
      const scale = 1 - this.ratio;
      for (let i = 0; i < d.length; i++) dxs[i] = d[i] * scale;
    }
    return dx;
  }
}
