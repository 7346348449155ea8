import { TrainerError } from '../errors.js';

const MAX_QL_ITERATIONS = 60;

/** Nodes and weights of an n-point Gauss rule, ascending nodes. */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * The n-point Gauss rule for a standard normal: Σ wᵢ f(zᵢ) ≈ E[f(z)], z ~ N(0, 1), exact for polynomials of
 * degree < 2n; the weights sum to 1 (NumPy's `hermgauss(n)` with nodes ×√2 and weights ÷√π).
 * Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of the probabilists' Hermite polynomials
 * (zero diagonal, √k off it), each weight the square of its unit eigenvector's first component. The matrix is
 * diagonalised by implicit QL (Numerical Recipes' `tqli`), carrying only the eigenvectors' first row: O(n²).
 */
export function standardNormalRule(n: number): QuadratureRule {
  if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) {
    throw new TrainerError(`standardNormalRule: nodes must be an integer in [1, 10000], got ${n}`);
  }
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  for (let k = 1; k < n; k++) offDiagonal[k - 1] = Math.sqrt(k);
  const first = new Float64Array(n);
  first[0] = 1;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      let m = l;
      while (m < n - 1) {
        const scale = Math.abs(diagonal[m]) + Math.abs(diagonal[m + 1]);
        if (Math.abs(offDiagonal[m]) <= Number.EPSILON * scale) break;
        m++;
      }
      if (m === l) break;
      if (iteration === MAX_QL_ITERATIONS) throw new TrainerError(`standardNormalRule: QL did not converge (n = ${n})`);
      // Wilkinson-like shift from the leading 2×2 block, then one chain of Givens rotations from m up to l.
      let g = (diagonal[l + 1] - diagonal[l]) / (2 * offDiagonal[l]);
      let r = Math.hypot(g, 1);
      g = diagonal[m] - diagonal[l] + offDiagonal[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * offDiagonal[i];
        const b = c * offDiagonal[i];
        r = Math.hypot(f, g);
        offDiagonal[i + 1] = r;
        if (r === 0) {
          diagonal[i + 1] -= p;
          offDiagonal[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = diagonal[i + 1] - p;
        r = (diagonal[i] - g) * s + 2 * c * b;
        p = s * r;
        diagonal[i + 1] = g + p;
        g = c * r - b;
        const next = first[i + 1];
        first[i + 1] = s * first[i] + c * next;
        first[i] = c * first[i] - s * next;
      }
      if (r === 0 && i >= l) continue;
      diagonal[l] -= p;
      offDiagonal[l] = g;
      offDiagonal[m] = 0;
    }
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => diagonal[a] - diagonal[b]);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (const [k, index] of order.entries()) {
    nodes[k] = diagonal[index];
    weights[k] = first[index] * first[index];
  }
  return { nodes, weights };
}
