import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  criticalSigmaW2,
  DEFAULT_QUADRATURE_NODES,
  meanFieldTheory,
  standardNormalRule,
  TrainerError,
  type MeanFieldPoint,
} from '../src/index.js';

interface Fixture {
  nodes: number;
  points: (MeanFieldPoint & { sigmaB2: number })[];
  critical: { sigmaB2: number; sigmaW2: number }[];
  rule20: { nodes: number[]; weights: number[] };
}

/** Made by fixtures/make-mean-field-fixture.py (NumPy's hermgauss, plain iteration of both maps). */
const fixture: Fixture = JSON.parse(
  readFileSync(new URL('./fixtures/mean-field-fixture.json', import.meta.url), 'utf8'),
);
const FIELDS = ['qStar', 'chi1', 'cStar', 'xiC'] as const;

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('standardNormalRule', () => {
  it("equals NumPy's hermgauss(20) rescaled to a standard normal", () => {
    const { nodes, weights } = standardNormalRule(20);
    for (let i = 0; i < 20; i++) {
      expect(Math.abs(nodes[i] - fixture.rule20.nodes[i])).toBeLessThan(1e-13);
      expect(Math.abs(weights[i] - fixture.rule20.weights[i])).toBeLessThan(1e-15);
    }
  });

  it('integrates the normal moments E[z^2k] = (2k−1)!! exactly up to degree 2n − 1', () => {
    const { nodes, weights } = standardNormalRule(640);
    let doubleFactorial = 1;
    for (let k = 0; k <= 10; k++) {
      if (k > 0) doubleFactorial *= 2 * k - 1;
      let sum = 0;
      for (let i = 0; i < nodes.length; i++) sum += weights[i] * nodes[i] ** (2 * k);
      expectRelative(sum, doubleFactorial, 1e-12);
    }
  });
});

describe('meanFieldTheory', () => {
  it('matches the NumPy reference at the same node count', () => {
    for (const point of fixture.points) {
      const theory = meanFieldTheory(point.sigmaW2, point.sigmaB2, { nodes: fixture.nodes });
      expect(theory.sigmaW2).toBe(point.sigmaW2);
      for (const field of FIELDS) expectRelative(theory[field], point[field], 1e-9);
    }
  });

  it(`is stable in the node count: ${DEFAULT_QUADRATURE_NODES} and twice as many agree within 1e-9`, () => {
    for (const sigmaW2 of [1, 1.5, 2, 2.5, 3, 4]) {
      const standard = meanFieldTheory(sigmaW2, 0.05);
      const doubled = meanFieldTheory(sigmaW2, 0.05, { nodes: 2 * DEFAULT_QUADRATURE_NODES });
      for (const field of FIELDS) expectRelative(standard[field], doubled[field], 1e-9);
    }
  });

  it('is ordered (c* = 1) below the critical point and chaotic (c* < 1) above it', () => {
    const critical = criticalSigmaW2(0.05);
    const ordered = meanFieldTheory(critical * 0.9, 0.05);
    expect(ordered.chi1).toBeLessThan(1);
    expect(ordered.cStar).toBe(1);
    const chaotic = meanFieldTheory(critical * 1.1, 0.05);
    expect(chaotic.chi1).toBeGreaterThan(1);
    expect(chaotic.cStar).toBeLessThan(1);
    expect(chaotic.cStar).toBeGreaterThan(0);
  });

  it('has ξ_c diverge at criticality, from both sides', () => {
    const critical = criticalSigmaW2(0.05);
    for (const side of [-1, 1]) {
      const depths = [1e-1, 1e-2, 1e-3, 1e-4].map((gap) => meanFieldTheory(critical * (1 + side * gap), 0.05).xiC);
      for (let i = 1; i < depths.length; i++) expect(depths[i]).toBeGreaterThan(5 * depths[i - 1]);
      expect(depths[depths.length - 1]).toBeGreaterThan(1000);
    }
  });

  it('names a bad variance', () => {
    expect(() => meanFieldTheory(-1, 0.05)).toThrow(TrainerError);
    expect(() => meanFieldTheory(-1, 0.05)).toThrow(/sigmaW2 must be a finite number in \(0, ∞\), got -1/);
    expect(() => meanFieldTheory(2, 0)).toThrow(/sigmaB2 must be a finite number in \(0, ∞\), got 0/);
  });
});

describe('criticalSigmaW2', () => {
  it('is ≈ 1.76 at σ_b² = 0.05, as published (Schoenholz et al. 2017; ±0.005, the precision given)', () => {
    expect(Math.abs(criticalSigmaW2(0.05) - 1.76)).toBeLessThan(0.005);
  });

  it('matches the NumPy reference and puts χ₁ at 1', () => {
    for (const { sigmaB2, sigmaW2 } of fixture.critical) {
      const critical = criticalSigmaW2(sigmaB2);
      expectRelative(critical, sigmaW2, 1e-9);
      expectRelative(meanFieldTheory(critical, sigmaB2).chi1, 1, 1e-9);
    }
  });
});
