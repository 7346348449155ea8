import { part } from './heap-views.js';

/**
 * A matmul kernel: `out (m×n) = op(A)·op(B)` where op(A) is m×k (A stored k×m when
 * `transposeA`) and op(B) is k×n (B stored n×k when `transposeB`). `out` is overwritten.
 * `splitK` (0 < splitK < k, only with `transposeA` and not `transposeB`: A and B both stored with k
 * rows) sums over k in two parts, rows [0, splitK) and [splitK, k), then adds them: bit for bit two
 * products over those rows of A and B, added in float32 (`withSplitK` gives any kernel this).
 */
export type MatmulKernel = (
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  splitK?: number,
) => void;

/** Whether a call asks for a split over k (see `MatmulKernel`). */
export function splitsK(k: number, splitK: number | undefined): splitK is number {
  return splitK !== undefined && splitK > 0 && splitK < k;
}

/**
 * `kernel` with `splitK` done outside it: two products over the two parts of k, the second into a scratch
 * buffer (kept and reused), added to the first. For kernels without a split of their own.
 */
export function withSplitK(kernel: MatmulKernel): MatmulKernel {
  let scratch = new Float32Array(0);
  return (a, b, out, m, k, n, transposeA, transposeB, splitK) => {
    if (!splitsK(k, splitK)) {
      kernel(a, b, out, m, k, n, transposeA, transposeB);
      return;
    }
    const size = m * n;
    if (scratch.length < size) scratch = new Float32Array(size);
    const second = part(scratch, 0, size);
    kernel(part(a, 0, splitK * m), part(b, 0, splitK * n), out, m, splitK, n, true, false);
    kernel(part(a, splitK * m, k * m), part(b, splitK * n, k * n), second, m, k - splitK, n, true, false);
    for (let i = 0; i < size; i++) out[i] += second[i];
  };
}
