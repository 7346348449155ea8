import { readFileSync } from 'node:fs';
import type { InitializerSpec } from '@initlab/initializers';
import { Matrix } from '@initlab/tensor';
import type { JacobianActivation, SpectrumMetrics } from '../src/index.js';

/** The NumPy reference of the Jacobian spectra (fixtures/make-jacobian-fixture.py). */
export interface JacobianFixture {
  inputs: number[][];
  cases: {
    width: number;
    activation: JacobianActivation;
    initializer: InitializerSpec;
    depth: number;
    seed: number;
    singularValues: number[][];
    metrics: SpectrumMetrics;
  }[];
}

/** Made by fixtures/make-jacobian-fixture.py (NumPy draws, float64 products, numpy.linalg.svd). */
export const fixture: JacobianFixture = JSON.parse(
  readFileSync(new URL('./fixtures/jacobian-fixture.json', import.meta.url), 'utf8'),
);

/** The fixture's inputs as the trainer reads images: one row per input, float32. */
export const inputs = Matrix.from(
  Float32Array.from(fixture.inputs.flat()),
  fixture.inputs.length,
  fixture.inputs[0].length,
);
