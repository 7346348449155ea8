import { TrainerError } from '../errors.js';
import { standardNormalRule, type QuadratureRule } from './gauss-hermite.js';

/*
 * Mean-field signal propagation in deep tanh nets (Poole et al. 2016; Schoenholz et al. 2017, "Deep Information
 * Propagation"): weights N(0, σ_w²/fanIn), biases N(0, σ_b²). A pre-activation's variance follows the length map
 * q ↦ σ_w² E[tanh(√q z)²] + σ_b² to its fixed point q*; two inputs' correlation follows the correlation map
 * c ↦ (σ_w² E[tanh(u₁) tanh(u₂)] + σ_b²) / q*, u₁ = √q* z₁, u₂ = √q* (c z₁ + √(1 − c²) z₂), to its fixed point c*.
 * χ₁ = σ_w² E[tanh'(√q* z)²] splits the ordered phase (χ₁ < 1, c* = 1) from the chaotic one (χ₁ > 1, c* < 1);
 * correlations approach c* as e^(−l/ξ_c), with ξ_c = −1/ln χ_c and χ_c = σ_w² E[tanh'(u₁) tanh'(u₂)] at c*, the
 * correlation map's slope there (χ_c = χ₁ in the ordered phase). Expectations by Gauss–Hermite quadrature.
 */

/**
 * Nodes per dimension. tanh's poles at ±iπ/2 slow the rule down as q grows (the error falls like e^(−k√n));
 * 320 nodes keep every value of `meanFieldTheory` for σ_w² ∈ [1, 4], σ_b² = 0.05 within 1e-9 (relative) of
 * 640 nodes' (see the tests), and one point costs tens of milliseconds.
 */
export const DEFAULT_QUADRATURE_NODES = 320;

/** One point of the theory, as the edge-of-chaos results record it (`theory[]`). */
export interface MeanFieldPoint {
  sigmaW2: number;
  /** Fixed point of the length map: the pre-activations' variance deep in the net. */
  qStar: number;
  /** σ_w² E[tanh'(√q* z)²]: < 1 ordered, > 1 chaotic, 1 at the edge of chaos. */
  chi1: number;
  /** Fixed point of the correlation map: 1 in the ordered phase, < 1 in the chaotic phase. */
  cStar: number;
  /** Depth scale of correlations, −1/ln χ_c; `Infinity` at criticality, χ_c ≥ 1 (JSON writes it as null). */
  xiC: number;
}

export interface MeanFieldOptions {
  /** Gauss–Hermite nodes per dimension (default `DEFAULT_QUADRATURE_NODES`). */
  nodes?: number;
}

const tanhDerivative = (x: number): number => {
  const t = Math.tanh(x);
  return 1 - t * t;
};

function checkVariance(what: string, value: number, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    const range = allowZero ? '[0, ∞)' : '(0, ∞)';
    throw new TrainerError(`meanFieldTheory: ${what} must be a finite number in ${range}, got ${value}`);
  }
}

/** The quadrature rules by node count: a sweep asks for the same one many times. */
const rules = new Map<number, QuadratureRule>();
function ruleOf(nodes: number): QuadratureRule {
  let rule = rules.get(nodes);
  if (!rule) {
    rule = standardNormalRule(nodes);
    rules.set(nodes, rule);
  }
  return rule;
}

/** E[f(√q z)], z ~ N(0, 1). */
function expectation(rule: QuadratureRule, q: number, f: (x: number) => number): number {
  const scale = Math.sqrt(q);
  let sum = 0;
  for (let i = 0; i < rule.nodes.length; i++) sum += rule.weights[i] * f(scale * rule.nodes[i]);
  return sum;
}

/** E[f(u₁) f(u₂)] for u₁ = √q z₁, u₂ = √q (c z₁ + √(1 − c²) z₂), z₁, z₂ independent standard normals. */
function pairExpectation(rule: QuadratureRule, q: number, c: number, f: (x: number) => number): number {
  const { nodes, weights } = rule;
  const scale = Math.sqrt(q);
  const along = scale * c;
  const across = scale * Math.sqrt(Math.max(0, 1 - c * c));
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) {
    const first = f(scale * nodes[i]);
    let inner = 0;
    for (let j = 0; j < nodes.length; j++) inner += weights[j] * f(along * nodes[i] + across * nodes[j]);
    sum += weights[i] * first * inner;
  }
  return sum;
}

/** q ↦ σ_w² E[tanh(√q z)²] + σ_b²: a pre-activation's variance one layer deeper. */
export function lengthMap(q: number, sigmaW2: number, sigmaB2: number, options: MeanFieldOptions = {}): number {
  const rule = ruleOf(options.nodes ?? DEFAULT_QUADRATURE_NODES);
  return sigmaW2 * expectation(rule, q, (x) => Math.tanh(x) ** 2) + sigmaB2;
}

/** c ↦ (σ_w² E[tanh(u₁) tanh(u₂)] + σ_b²) / q: two inputs' correlation one layer deeper, at variance q. */
export function correlationMap(
  c: number,
  q: number,
  sigmaW2: number,
  sigmaB2: number,
  options: MeanFieldOptions = {},
): number {
  const rule = ruleOf(options.nodes ?? DEFAULT_QUADRATURE_NODES);
  return (sigmaW2 * pairExpectation(rule, q, c, Math.tanh) + sigmaB2) / q;
}

/**
 * The length map's fixed point q*, and χ₁ there, by iteration from q = 1: the map is increasing and concave in q
 * with map(0) = σ_b² > 0, so it has one fixed point and the iterates move monotonically to it.
 */
function lengthFixedPoint(
  sigmaW2: number,
  sigmaB2: number,
  options: MeanFieldOptions,
): { qStar: number; chi1: number } {
  const rule = ruleOf(options.nodes ?? DEFAULT_QUADRATURE_NODES);
  let q = 1;
  for (let step = 0; step < 100_000; step++) {
    const next = lengthMap(q, sigmaW2, sigmaB2, options);
    if (Math.abs(next - q) <= 1e-15 * next) {
      return { qStar: next, chi1: sigmaW2 * expectation(rule, next, (x) => tanhDerivative(x) ** 2) };
    }
    q = next;
  }
  throw new TrainerError(`meanFieldTheory: the length map did not settle at σ_w² = ${sigmaW2}, σ_b² = ${sigmaB2}`);
}

/**
 * The correlation map's fixed point below 1 in the chaotic phase, by bisection of c ↦ map(c) − c on
 * [0, 1 − 1e-12]: positive at 0 (tanh is odd, so map(0) = σ_b²/q* ≥ 0) and negative just below 1 (slope χ₁ > 1).
 */
function correlationFixedPoint(qStar: number, sigmaW2: number, sigmaB2: number, options: MeanFieldOptions): number {
  const excess = (c: number) => correlationMap(c, qStar, sigmaW2, sigmaB2, options) - c;
  let low = 0;
  let high = 1 - 1e-12;
  if (excess(high) >= 0) return 1;
  while (high - low > 1e-15) {
    const middle = 0.5 * (low + high);
    if (middle === low || middle === high) break;
    if (excess(middle) > 0) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

/** q*, χ₁, c* and ξ_c of tanh nets with weights N(0, σ_w²/fanIn) and biases N(0, σ_b²). */
export function meanFieldTheory(sigmaW2: number, sigmaB2: number, options: MeanFieldOptions = {}): MeanFieldPoint {
  checkVariance('sigmaW2', sigmaW2, false);
  checkVariance('sigmaB2', sigmaB2, false);
  const rule = ruleOf(options.nodes ?? DEFAULT_QUADRATURE_NODES);
  const { qStar, chi1 } = lengthFixedPoint(sigmaW2, sigmaB2, options);
  const cStar = chi1 <= 1 ? 1 : correlationFixedPoint(qStar, sigmaW2, sigmaB2, options);
  const chiC = cStar === 1 ? chi1 : sigmaW2 * pairExpectation(rule, qStar, cStar, tanhDerivative);
  // χ_c ≥ 1 only at criticality (or within 1e-12 of it in c*, where the bisection stops): no finite depth scale.
  const xiC = chiC >= 1 ? Number.POSITIVE_INFINITY : -1 / Math.log(chiC);
  return { sigmaW2, qStar, chi1, cStar, xiC };
}

/**
 * The σ_w² at which χ₁ = 1 for this σ_b² (the edge of chaos; ≈ 1.76 at σ_b² = 0.05), by bisection: χ₁ grows
 * with σ_w², from below 1 at σ_w² = 1 (σ_b² > 0 keeps q* > 0, and tanh'² < 1 there).
 */
export function criticalSigmaW2(sigmaB2: number, options: MeanFieldOptions = {}): number {
  checkVariance('sigmaB2', sigmaB2, false);
  const chi1 = (sigmaW2: number) => lengthFixedPoint(sigmaW2, sigmaB2, options).chi1;
  let low = 1;
  let high = 2;
  while (chi1(high) < 1) {
    low = high;
    high *= 2;
    if (high > 1e6) throw new TrainerError(`criticalSigmaW2: no critical point below σ_w² = 1e6 for σ_b² = ${sigmaB2}`);
  }
  while (high - low > 1e-13 * high) {
    const middle = 0.5 * (low + high);
    if (chi1(middle) < 1) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}
