import { describeShape, matmul, type MatmulOptions, type Matrix, ShapeError } from '@initlab/tensor';
import type { ElementwiseActivation } from './activations.js';
import type { Affine } from './affine.js';
import { RowBuffer } from './buffers.js';
import type { Layer, Parameter } from './types.js';

/**
 * An Affine layer and the element-wise activation after it, as one layer that makes fewer passes over memory:
 * the activation adds the bias as it reads x·W (`forwardBiased`), and sums the bias gradient as it writes its
 * own gradient (`backwardSummed`). The numbers are those of `affine` then `activation`, bit for bit; the layers
 * keep their parameters, gradients and names. `MultiLayerNet` runs its hidden layers so where it has no batch
 * normalization and no dropout between them.
 */
export class AffineActivation implements Layer {
  readonly name: string;
  readonly params: readonly Parameter[];
  private input: Matrix | undefined;
  private readonly productBuffer = new RowBuffer();
  private readonly inputGradBuffer = new RowBuffer();
  /** Option objects kept and re-pointed, so that a step allocates nothing. */
  private readonly forwardOptions: MatmulOptions = {};
  private readonly weightGradOptions: MatmulOptions = { transposeA: true };
  private readonly inputGradOptions: MatmulOptions = { transposeB: true };

  constructor(
    readonly affine: Affine,
    readonly activation: ElementwiseActivation,
  ) {
    this.name = `${affine.name}+${activation.name}`;
    this.params = affine.params;
  }

  /** activation(x·W + b). Keeps a reference to `x` for `backward`: do not change it in between. */
  forward(x: Matrix): Matrix {
    const { affine } = this;
    if (x.cols !== affine.fanIn) {
      throw new ShapeError(
        `${affine.name}: input ${describeShape(x)} does not fit W ${describeShape(affine.weights)} (expected [batch, ${affine.fanIn}])`,
      );
    }
    this.forwardOptions.out = this.productBuffer.take(x.rows, affine.fanOut);
    const product = matmul(x, affine.weights, this.forwardOptions);
    this.input = x;
    return this.activation.forwardBiased(product, affine.bias);
  }

  /** The activation's backward pass dz (db = Σ dz summed on the way), then dW = xᵀ·dz and dx = dz·Wᵀ. */
  backward(dout: Matrix): Matrix {
    const dz = this.parameterGrads(dout);
    this.inputGradOptions.out = this.inputGradBuffer.take(dz.rows, this.affine.fanIn);
    return matmul(dz, this.affine.weights, this.inputGradOptions);
  }

  /** dW and db only: for the first layer, whose input gradient nobody reads. */
  backwardParams(dout: Matrix): void {
    this.parameterGrads(dout);
  }

  private parameterGrads(dout: Matrix): Matrix {
    const dz = this.activation.backwardSummed(dout, this.affine.biasGrad);
    this.weightGradOptions.out = this.affine.weightGrad;
    matmul(this.input as Matrix, dz, this.weightGradOptions);
    return dz;
  }
}
