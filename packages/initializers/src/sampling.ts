import type { Rng } from '@initlab/tensor';

/**
 * Fills `out` with `low + (high - low) * rand()` rounded to float32 — the same draws as NumPy's
 * `RandomState(seed).uniform(low, high, size).astype(np.float32)`.
 */
export function fillUniform(out: Float32Array, low: number, high: number, rng: Rng): Float32Array {
  const width = high - low;
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(low + width * rng.nextDouble());
  return out;
}

/** Beyond this cutoff the normal mass inside ±cutoff equals √(π/2) to double precision. */
const LARGE_CUTOFF = 8;

/**
 * The standard deviation of a standard normal truncated to [−cutoff, cutoff]: 0.87962566103423978 for ±2.
 * Var = 1 − c·φ(c)/(Φ(c) − ½); with M(c) = ∫₀ᶜ e^(−x²/2) dx = e^(−c²/2)·Σ c^(2n+1)/(2n+1)!!, this is
 * t/(1 + t) for t = Σ_{n≥1} c^(2n)/(3·5···(2n+1)), a sum of positive terms, accurate even for tiny c.
 */
export function truncatedNormalStdFactor(cutoff: number): number {
  const c2 = cutoff * cutoff;
  if (cutoff > LARGE_CUTOFF) return Math.sqrt(1 - (cutoff * Math.exp(-c2 / 2)) / Math.sqrt(Math.PI / 2));
  let term = c2 / 3;
  let t = term;
  for (let n = 2; n <= c2 || term > t * 1e-17; n++) {
    term *= c2 / (2 * n + 1);
    t += term;
  }
  return Math.sqrt(t / (1 + t));
}

/** Below this cutoff a uniform proposal accepts more often (≥ e^(−1/2)) than redrawing normals does. */
const UNIFORM_PROPOSAL_CUTOFF = 1;

/** One standard normal draw conditioned on |x| ≤ cutoff, by exact rejection. */
export function nextTruncatedGaussian(rng: Rng, cutoff: number): number {
  if (cutoff >= UNIFORM_PROPOSAL_CUTOFF) {
    let x: number;
    do x = rng.nextGaussian();
    while (Math.abs(x) > cutoff);
    return x;
  }
  for (;;) {
    const x = cutoff * (2 * rng.nextDouble() - 1);
    if (rng.nextDouble() < Math.exp((-x * x) / 2)) return x;
  }
}

/**
 * Fills `out` with a normal truncated at ±cutoff underlying standard deviations whose own standard deviation
 * is `std`: the underlying σ is `std / truncatedNormalStdFactor(cutoff)`, so the values really have spread `std`.
 */
export function fillTruncatedNormal(
  out: Float32Array,
  mean: number,
  std: number,
  cutoff: number,
  rng: Rng,
): Float32Array {
  const sigma = std / truncatedNormalStdFactor(cutoff);
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(mean + sigma * nextTruncatedGaussian(rng, cutoff));
  return out;
}
