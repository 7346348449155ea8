import { bookCompareClaims, bookHistogramClaims } from './book-claims.js';
import { heDeepClaims, lsuvClaims } from './papers-deep-claims.js';
import { seedHeClaims, seedScaleClaims, seedXavierClaims } from './seed-claims.js';
import type { Claim } from './types.js';

/** The findings each preset states, as claims checked against its results (by preset name). */
export const presetClaims: Readonly<Record<string, readonly Claim[]>> = {
  'seed-scale': seedScaleClaims,
  'seed-xavier': seedXavierClaims,
  'seed-he': seedHeClaims,
  'book-compare': bookCompareClaims,
  'book-histogram': bookHistogramClaims,
  'he-deep': heDeepClaims,
  lsuv: lsuvClaims,
};
