/**
 * A matmul kernel: `out (m×n) = op(A)·op(B)` where op(A) is m×k (A stored k×m when
 * `transposeA`) and op(B) is k×n (B stored n×k when `transposeB`). `out` is overwritten.
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
) => void;
