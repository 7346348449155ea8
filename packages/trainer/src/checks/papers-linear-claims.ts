/**
 * The claims of glorot-bengio (784-1000×5-10 tanh, layer statistics on the first 1000 training images) and
 * saxe-orthogonal (deep linear nets 784-100×d-10). Thresholds come from
 * `initlab run <preset> --seeds 0,1,2,3,4 --workers 1 --threads 1`; each comment gives the range observed over
 * those five seeds and the margin the threshold leaves.
 */
import type { LayerStats, RunResult } from '../results/results.js';
import { learningTime } from '../results/metrics.js';
import { defineClaim, decide } from './define.js';
import { CHANCE_LOSS, finalLoss, finalTestAccuracy, meanLoss } from './measures.js';
import type { Claim } from './types.js';

/** Layer statistics at initialization: the snapshot of iteration 0 (none: no layers, and the claim fails). */
function initialLayers(run: RunResult): LayerStats[] {
  const first = run.snapshots[0];
  return first && first.iteration === 0 ? first.layers : [];
}

/** Std of each hidden layer's activations at initialization, first layer first. */
function activationStds(run: RunResult): number[] {
  return initialLayers(run).map((layer) => layer.std);
}

/** Std of each hidden layer's back-propagated gradient dL/ds at initialization (NaN where none was recorded). */
function gradientStds(run: RunResult): number[] {
  return initialLayers(run).map((layer) => layer.gradient?.std ?? NaN);
}

/** Each value divided by the one before it (layer k + 1 over layer k). */
function stepRatios(values: number[]): number[] {
  return values.slice(1).map((value, i) => value / values[i]);
}

/** Largest over smallest; NaN for fewer than two values (so a claim on it fails). */
function spread(values: number[]): number {
  return values.length > 1 ? Math.max(...values) / Math.min(...values) : NaN;
}

/** Values per layer, first layer first, as check values: `{ "activation std, layer 1 (standard)": … }`. */
function perLayer(what: string, label: string, values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((value, index) => [`${what}, layer ${index + 1} (${label})`, value]));
}

const GLOROT = { standard: 'standard', normalized: 'normalized' } as const;

export const glorotBengioClaims: Claim[] = [
  defineClaim({
    id: 'standard-activations-shrink',
    // Seeds 0–4: each layer's activation std is 0.562–0.585 of the one before (the 0.75 bound leaves 0.165); the
    // normalized initialization's ratios are 0.914–0.958.
    claim:
      'With the standard initialization the activations shrink layer by layer: at initialization each layer’s std is below 0.75 times the one before.',
    runs: { standard: GLOROT.standard },
    minIterations: 0,
    test: ({ standard }) => {
      const stds = activationStds(standard);
      const largest = stds.length > 1 ? Math.max(...stepRatios(stds)) : NaN;
      return decide(largest < 0.75, {
        ...perLayer('activation std', 'standard', stds),
        'largest ratio to the layer before': largest,
      });
    },
  }),
  defineClaim({
    id: 'standard-gradients-shrink-towards-input',
    // Seeds 0–4: each layer's gradient std is 0.551–0.584 of the next layer's (the 0.75 bound leaves 0.166); the
    // normalized initialization's ratios are 0.914–0.957.
    claim:
      'With the standard initialization the back-propagated gradients shrink towards the input: at initialization each layer’s dL/ds has a std below 0.75 times the next layer’s.',
    runs: { standard: GLOROT.standard },
    minIterations: 0,
    test: ({ standard }) => {
      const stds = gradientStds(standard);
      const largest = stds.length > 1 ? Math.max(...stepRatios(stds).map((ratio) => 1 / ratio)) : NaN;
      return decide(largest < 0.75, {
        ...perLayer('gradient std', 'standard', stds),
        'largest ratio to the next layer': largest,
      });
    },
  }),
  defineClaim({
    id: 'normalized-keeps-layers-alike',
    // Seeds 0–4: largest ÷ smallest layer std 1.274–1.318 for the activations and 1.288–1.319 for the gradients
    // (the 1.5 bound leaves 0.18); the standard initialization's are 9.08–9.46 and 9.43–9.69.
    claim:
      'The normalized initialization keeps the layers alike: at initialization the largest layer’s activation std, and the largest layer’s gradient std, are each less than 1.5 times the smallest.',
    runs: { normalized: GLOROT.normalized },
    minIterations: 0,
    test: ({ normalized }) => {
      const activations = activationStds(normalized);
      const gradients = gradientStds(normalized);
      const [activationSpread, gradientSpread] = [spread(activations), spread(gradients)];
      return decide(activationSpread < 1.5 && gradientSpread < 1.5, {
        ...perLayer('activation std', 'normalized', activations),
        ...perLayer('gradient std', 'normalized', gradients),
        'activation std, largest ÷ smallest': activationSpread,
        'gradient std, largest ÷ smallest': gradientSpread,
      });
    },
  }),
  defineClaim({
    id: 'normalized-learns-first',
    // Seeds 0–4: mean loss over iterations 1–200 standard 2.269–2.274, normalized 0.816–0.897; normalized lower by
    // 1.37–1.45 (the 1.0 bound leaves 0.37); the standard one's is 0.029–0.034 below ln 10 (the 0.1 bound leaves
    // 0.066).
    claim:
      'The normalized initialization learns first: over iterations 1–200 its loss is lower than the standard one’s by more than 1.0, while the standard one’s stays within 0.1 of ln 10 ≈ 2.30.',
    runs: { standard: GLOROT.standard, normalized: GLOROT.normalized },
    minIterations: 200,
    test: ({ standard, normalized }) => {
      const [s, n] = [standard, normalized].map((run) => meanLoss(run, 1, 200));
      return decide(s - n > 1.0 && Math.abs(s - CHANCE_LOSS) < 0.1, {
        'loss over iterations 1–200 (standard)': s,
        'loss over iterations 1–200 (normalized)': n,
      });
    },
  }),
  defineClaim({
    id: 'normalized-ends-ahead',
    // Seeds 0–4 (2000 iterations): loss over the last 100 iterations standard 0.397–0.497, normalized 0.300–0.382,
    // normalized lower by 0.097–0.118 (the 0.05 bound leaves 0.047); final test accuracy (first 2000 test images)
    // standard 83.5–85.3%, normalized 86.5–89.3%, normalized ahead by 2.7–5.1 points (the 1-point bound leaves 1.7).
    claim:
      'The normalized initialization ends ahead: its loss over the last 100 iterations is lower by more than 0.05, its final test accuracy higher by more than 1 point.',
    runs: { standard: GLOROT.standard, normalized: GLOROT.normalized },
    minIterations: 2000,
    test: ({ standard, normalized }) => {
      const [sl, nl] = [standard, normalized].map((run) => finalLoss(run, 100));
      const [sa, na] = [standard, normalized].map(finalTestAccuracy);
      return decide(sl - nl > 0.05 && na - sa > 0.01, {
        'loss over the last 100 iterations (standard)': sl,
        'loss over the last 100 iterations (normalized)': nl,
        'final test accuracy (standard)': sa,
        'final test accuracy (normalized)': na,
      });
    },
  }),
];

/** Saxe et al.'s learning time of a run, as the preset's `learningTime` metric; +∞ where it never learned. */
export function saxeLearningTime(run: RunResult): number {
  return learningTime(run.loss, 50, 0.5) ?? Infinity;
}

const SAXE = {
  gaussian: ['Gaussian, d=2', 'Gaussian, d=8', 'Gaussian, d=16', 'Gaussian, d=32'],
  orthogonalShallow: 'orthogonal, d=2',
  orthogonalDeep: 'orthogonal, d=32',
} as const;

/** How much later than at d = 2 a net learns at d = 32 (+∞ when it never learns at 32; NaN when never at 2). */
const slowdown = (shallow: RunResult, deep: RunResult) => saxeLearningTime(deep) - saxeLearningTime(shallow);

export const saxeOrthogonalClaims: Claim[] = [
  defineClaim({
    id: 'gaussian-slows-with-depth',
    // Seeds 0–4: learning time at d = 2, 8, 16, 32: 74–79, 94–122, 132–153, 207–275; each depth later than the one
    // before by 13–122 iterations, d = 32 later than d = 2 by 130–201 (the 80 bound leaves 50).
    claim:
      'Gaussian nets learn later the deeper they are: each depth’s learning time is later than the shallower one’s, and at d = 32 it is more than 80 iterations later than at d = 2.',
    runs: { d2: SAXE.gaussian[0], d8: SAXE.gaussian[1], d16: SAXE.gaussian[2], d32: SAXE.gaussian[3] },
    minIterations: 1000,
    test: ({ d2, d8, d16, d32 }) => {
      const times = [d2, d8, d16, d32].map(saxeLearningTime);
      const rising = times.every((time, i) => i === 0 || time > times[i - 1]);
      return decide(rising && times[3] - times[0] > 80, {
        'learning time (Gaussian, d=2)': times[0],
        'learning time (Gaussian, d=8)': times[1],
        'learning time (Gaussian, d=16)': times[2],
        'learning time (Gaussian, d=32)': times[3],
      });
    },
  }),
  defineClaim({
    id: 'orthogonal-barely-slows',
    // Seeds 0–4: from d = 2 to d = 32 orthogonal nets slow by 23–50 iterations (the 80 bound leaves 30), Gaussian
    // ones by 130–201.
    claim:
      'Orthogonal nets barely slow down with depth: at d = 32 they learn less than 80 iterations later than at d = 2, where Gaussian ones slow by more.',
    runs: {
      shallow: SAXE.orthogonalShallow,
      deep: SAXE.orthogonalDeep,
      gaussianShallow: SAXE.gaussian[0],
      gaussianDeep: SAXE.gaussian[3],
    },
    minIterations: 1000,
    test: ({ shallow, deep, gaussianShallow, gaussianDeep }) => {
      const [orthogonal, gaussian] = [slowdown(shallow, deep), slowdown(gaussianShallow, gaussianDeep)];
      return decide(orthogonal < 80 && gaussian > orthogonal, {
        'learning time (orthogonal, d=2)': saxeLearningTime(shallow),
        'learning time (orthogonal, d=32)': saxeLearningTime(deep),
        'slowdown from d=2 to d=32 (orthogonal)': orthogonal,
        'slowdown from d=2 to d=32 (Gaussian)': gaussian,
      });
    },
  }),
  defineClaim({
    id: 'orthogonal-learns-first-at-depth',
    // Seeds 0–4: at d = 32 orthogonal learns at 103–126, Gaussian at 207–275: earlier by 82–170 iterations (the 40
    // bound leaves 42).
    claim: 'At d = 32 orthogonal nets learn more than 40 iterations earlier than Gaussian ones.',
    runs: { orthogonal: SAXE.orthogonalDeep, gaussian: SAXE.gaussian[3] },
    minIterations: 1000,
    test: ({ orthogonal, gaussian }) => {
      const [o, g] = [orthogonal, gaussian].map(saxeLearningTime);
      return decide(g - o > 40, { 'learning time (orthogonal, d=32)': o, 'learning time (Gaussian, d=32)': g });
    },
  }),
];
