import { type Matrix, type MatmulOptions, matmul } from '@initlab/tensor';
import { Affine } from './affine.js';
import { RowBuffer } from './buffers.js';
import type { Layer } from './types.js';

/**
 * Back-propagation that computes only ∂L/∂input of each layer, for statistics: the gradient at each hidden
 * Affine layer's output (its pre-activation s) after a forward pass in evaluation mode. An Affine layer's input
 * gradient dout·Wᵀ goes to buffers of this object, so the layers' weight and bias gradients stay as the last
 * training step left them; the other layers run their own `backward` (batch norm's then overwrites its γ and β
 * gradients, which the next training step computes anew before any update reads them).
 */
export class PreActivationGradients {
  private readonly inputGradBuffers: RowBuffer[];
  private readonly hiddenCount: number;
  private readonly options: MatmulOptions = { transposeB: true };

  /** `layers` as `MultiLayerNet.layers`: every layer in forward order, the output Affine last. */
  constructor(private readonly layers: readonly Layer[]) {
    const affineCount = layers.filter((layer) => layer instanceof Affine).length;
    this.hiddenCount = affineCount - 1;
    this.inputGradBuffers = Array.from({ length: affineCount }, () => new RowBuffer());
  }

  /**
   * ∂L/∂s for each hidden layer in order, from `dscores` = ∂L/∂(output scores) of the forward pass just run.
   * The matrices are buffers overwritten by the next call (and by the layers' next backward pass).
   */
  backward(dscores: Matrix): Matrix[] {
    const gradients = new Array<Matrix>(this.hiddenCount);
    let affineIndex = this.hiddenCount;
    let dout = dscores;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (!(layer instanceof Affine)) {
        dout = layer.backward(dout);
        continue;
      }
      if (affineIndex < this.hiddenCount) gradients[affineIndex] = dout;
      if (i === 0) break;
      this.options.out = this.inputGradBuffers[affineIndex].take(dout.rows, layer.fanIn);
      dout = matmul(dout, layer.weights, this.options);
      affineIndex--;
    }
    return gradients;
  }
}
