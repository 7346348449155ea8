/** Window length of the book's `smooth_curve` (common/util.py). */
const WINDOW = 11;
/** Kaiser window shape parameter used by the book. */
const BETA = 2;

/** Modified Bessel function of the first kind, order 0, by its power series (converges fast for small x). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function kaiserWindow(length: number, beta: number): number[] {
  const half = (length - 1) / 2;
  const weights: number[] = [];
  for (let k = 0; k < length; k++) {
    const r = (k - half) / half;
    weights.push(besselI0(beta * Math.sqrt(1 - r * r)));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

const WEIGHTS = kaiserWindow(WINDOW, BETA);

/**
 * The book's `smooth_curve`: reflect the ends, convolve with a normalised Kaiser window (length 11, β = 2),
 * keep one value per input point. Curves shorter than the window are returned unchanged, as there is
 * nothing to average over.
 */
export function smoothCurve(values: readonly number[]): number[] {
  const n = values.length;
  if (n < WINDOW) return values.slice();
  // np.r_[x[10:0:-1], x, x[-1:-11:-1]]: the left pad skips x[0], the right pad repeats x[-1].
  const padded: number[] = [];
  for (let i = WINDOW - 1; i >= 1; i--) padded.push(values[i]);
  for (const v of values) padded.push(v);
  for (let i = n - 1; i >= n - (WINDOW - 1); i--) padded.push(values[i]);
  const half = (WINDOW - 1) / 2;
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // np.convolve flips the kernel; the Kaiser window is symmetric, so a plain dot product matches.
    const start = i + half;
    let sum = 0;
    for (let k = 0; k < WINDOW; k++) sum += WEIGHTS[k] * padded[start + k];
    out[i] = sum;
  }
  return out;
}
