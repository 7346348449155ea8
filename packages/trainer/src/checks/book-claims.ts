/**
 * The claims of the book's presets. book-compare: 784-100×4-10 ReLU, SGD lr 0.01, batch 128, 2000 iterations,
 * an evaluation every 469. book-histogram: one forward pass of 1000 N(0, 1) inputs through five layers of 100.
 * Thresholds come from `initlab run book --seeds 0,1,2,3,4`; each comment gives the range observed over those
 * five seeds and the margin the threshold leaves.
 */
import { defineClaim, decide } from './define.js';
import { CHANCE_LOSS, finalLoss, finalTestAccuracy, layerStds, meanLoss } from './measures.js';
import type { Claim } from './types.js';

const FULL = 2000;
const COMPARE = { small: 'std=0.01', xavier: 'Xavier', he: 'He' } as const;

export const bookCompareClaims: Claim[] = [
  defineClaim({
    id: 'small-std-does-not-learn',
    // Seeds 0–4: loss 2.3005–2.3018 (at most 0.0021 from ln 10; the 0.05 bound leaves 0.048), final test
    // accuracy 11.35% in every seed (the 20% bound leaves 8.6 points).
    claim:
      'In the deep ReLU net (784-100×4-10) σ = 0.01 does not learn at all in 2000 iterations: over the last 100 its loss stays within 0.05 of ln 10 ≈ 2.30, and its test accuracy ends below 20%.',
    runs: { small: COMPARE.small },
    minIterations: FULL,
    test: ({ small }) => {
      const loss = finalLoss(small, 100);
      const accuracy = finalTestAccuracy(small);
      return decide(Math.abs(loss - CHANCE_LOSS) < 0.05 && accuracy < 0.2, {
        'loss over the last 100 iterations (std=0.01)': loss,
        'final test accuracy (std=0.01)': accuracy,
      });
    },
  }),
  defineClaim({
    id: 'he-leads-xavier-loss',
    // Seeds 0–4: mean loss over iterations 1–500 He 0.90–1.00, Xavier 1.79–1.95; He lower by 0.87–0.96
    // (the 0.5 bound leaves 0.37).
    claim: 'He leads Xavier: its loss over iterations 1–500 is lower by more than 0.5.',
    runs: { xavier: COMPARE.xavier, he: COMPARE.he },
    minIterations: 500,
    test: ({ xavier, he }) => {
      const [x, h] = [xavier, he].map((run) => meanLoss(run, 1, 500));
      return decide(x - h > 0.5, { 'loss over iterations 1–500 (He)': h, 'loss over iterations 1–500 (Xavier)': x });
    },
  }),
  defineClaim({
    id: 'he-ends-ahead',
    // Seeds 0–4: loss over the last 100 iterations He 0.223–0.235, Xavier 0.311–0.325, He lower by 0.077–0.098
    // (the 0.03 bound leaves 0.047); final test accuracy He 93.1–93.6%, Xavier 90.8–91.4%, He ahead by
    // 1.8–2.4 points (the 1-point bound leaves 0.8).
    claim:
      'He ends ahead of Xavier: its loss over the last 100 iterations is lower by more than 0.03, its final test accuracy higher by more than 1 point.',
    runs: { xavier: COMPARE.xavier, he: COMPARE.he },
    minIterations: FULL,
    test: ({ xavier, he }) => {
      const [xl, hl] = [xavier, he].map((run) => finalLoss(run, 100));
      const [xa, ha] = [xavier, he].map(finalTestAccuracy);
      return decide(xl - hl > 0.03 && ha - xa > 0.01, {
        'loss over the last 100 iterations (He)': hl,
        'loss over the last 100 iterations (Xavier)': xl,
        'final test accuracy (He)': ha,
        'final test accuracy (Xavier)': xa,
      });
    },
  }),
];

/** Values per layer, first layer first, as check values: `{ "std, layer 1 (He)": … }`. */
function perLayer(what: string, label: string, values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((value, index) => [`${what}, layer ${index + 1} (${label})`, value]));
}

const HISTOGRAM = {
  sigmoidLarge: 'sigmoid + std=1',
  sigmoidSmall: 'sigmoid + std=0.01',
  sigmoidXavier: 'sigmoid + Xavier',
  reluSmall: 'ReLU + std=0.01',
  reluXavier: 'ReLU + Xavier',
  reluHe: 'ReLU + He',
} as const;

export const bookHistogramClaims: Claim[] = [
  defineClaim({
    id: 'sigmoid-large-saturates',
    // Seeds 0–4: saturated share 0.64–0.65 in layer 1, 0.42–0.56 in layers 2–5 (the 0.3 bound leaves 0.12).
    claim: 'With sigmoid, σ = 1 saturates: in every layer more than 30% of the outputs lie below 0.01 or above 0.99.',
    runs: { run: HISTOGRAM.sigmoidLarge },
    minIterations: 0,
    test: ({ run }) => {
      const saturated = run.layers.map((layer) => layer.saturated);
      return decide(
        saturated.length > 0 && saturated.every((share) => share > 0.3),
        perLayer('saturated share', 'σ = 1', saturated),
      );
    },
  }),
  defineClaim({
    id: 'sigmoid-small-collapses',
    // Seeds 0–4: std 0.025 in layer 1, 0.011–0.013 in layers 2–5 (the 0.05 bound leaves a factor 2).
    claim: 'With sigmoid, σ = 0.01 collapses onto 0.5: every layer’s outputs have a std below 0.05.',
    runs: { run: HISTOGRAM.sigmoidSmall },
    minIterations: 0,
    test: ({ run }) => {
      const stds = layerStds(run);
      return decide(stds.length > 0 && stds.every((std) => std < 0.05), perLayer('std', 'σ = 0.01', stds));
    },
  }),
  defineClaim({
    id: 'sigmoid-xavier-spreads',
    // Seeds 0–4: std 0.207–0.209 in layer 1, 0.111–0.135 in layers 2–5 (the 0.08 bound leaves 0.031).
    claim: 'With sigmoid, Xavier keeps the outputs spread: every layer’s std is above 0.08.',
    runs: { run: HISTOGRAM.sigmoidXavier },
    minIterations: 0,
    test: ({ run }) => {
      const stds = layerStds(run);
      return decide(stds.length > 0 && stds.every((std) => std > 0.08), perLayer('std', 'Xavier', stds));
    },
  }),
  defineClaim({
    id: 'relu-small-dies-out',
    // Seeds 0–4: layer 5's std is 2.5–3.2 × 10⁻⁵ of layer 1's (the 10⁻³ bound leaves a factor 30).
    claim: 'With ReLU, σ = 0.01 dies out with depth: the last layer’s std is below 1/1000 of the first’s.',
    runs: { run: HISTOGRAM.reluSmall },
    minIterations: 0,
    test: ({ run }) => {
      const stds = layerStds(run);
      const ratio = stds.length > 1 ? stds[stds.length - 1] / stds[0] : NaN;
      return decide(ratio < 1e-3, { ...perLayer('std', 'σ = 0.01', stds), 'last ÷ first': ratio });
    },
  }),
  defineClaim({
    id: 'relu-xavier-shrinks',
    // Seeds 0–4: each layer's std is 0.64–0.81 of the one before (the 0.9 bound leaves 0.09).
    claim: 'With ReLU, Xavier shrinks with depth: each layer’s std is below 0.9 times the one before.',
    runs: { run: HISTOGRAM.reluXavier },
    minIterations: 0,
    test: ({ run }) => {
      const stds = layerStds(run);
      const ratios = stds.slice(1).map((std, i) => std / stds[i]);
      const largest = ratios.length > 0 ? Math.max(...ratios) : NaN;
      return decide(largest < 0.9, {
        ...perLayer('std', 'Xavier', stds),
        'largest ratio to the layer before': largest,
      });
    },
  }),
  defineClaim({
    id: 'relu-he-keeps-layers-alike',
    // Seeds 0–4: the largest layer std is 1.08–1.29 times the smallest (the 1.5 bound leaves 0.21).
    claim: 'With ReLU, He keeps every layer alike: the largest layer std is less than 1.5 times the smallest.',
    runs: { run: HISTOGRAM.reluHe },
    minIterations: 0,
    test: ({ run }) => {
      const stds = layerStds(run);
      const ratio = stds.length > 0 ? Math.max(...stds) / Math.min(...stds) : NaN;
      return decide(ratio < 1.5, { ...perLayer('std', 'He', stds), 'largest ÷ smallest': ratio });
    },
  }),
];
