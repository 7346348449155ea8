import { bookCompareClaims, bookHistogramClaims } from './book-claims.js';
import { bookBatchNormClaims } from './batchnorm-claims.js';
import { heDeepClaims, lsuvClaims } from './papers-deep-claims.js';
import { glorotBengioClaims, saxeOrthogonalClaims } from './papers-linear-claims.js';
import { seedHeClaims, seedScaleClaims, seedXavierClaims } from './seed-claims.js';
import { edgeOfChaosClaims, jacobianSpectrumClaims } from './sweeps-claims.js';
import type { CellClaim, Claim } from './types.js';

/** The findings each preset states, as claims checked against its results (by preset name). */
export const presetClaims: Readonly<Record<string, readonly Claim[]>> = {
  'seed-scale': seedScaleClaims,
  'seed-xavier': seedXavierClaims,
  'seed-he': seedHeClaims,
  'book-compare': bookCompareClaims,
  'book-histogram': bookHistogramClaims,
  'book-batchnorm': bookBatchNormClaims,
  'he-deep': heDeepClaims,
  lsuv: lsuvClaims,
  'glorot-bengio': glorotBengioClaims,
  'saxe-orthogonal': saxeOrthogonalClaims,
};

/** The findings each grid preset states, as claims checked against its cells and theory (by preset name). */
export const presetCellClaims: Readonly<Record<string, readonly CellClaim[]>> = {
  'edge-of-chaos': edgeOfChaosClaims,
  'jacobian-spectrum': jacobianSpectrumClaims,
};
