/**
 * What a reader should look for in each figure of a preset, in one line each. The study's conclusions are not
 * here: they are the presets' claims (`claimsFor` in @initlab/trainer), printed with their verdicts.
 */
export interface Findings {
  loss: string;
  accuracy: string;
  histograms: string;
  /** The histograms of back-propagated gradients. */
  gradients: string;
  spread: string;
  table: string;
  /** The paper a preset reproduces, as a citation ("He, Zhang, Ren & Sun 2015, …"); absent for the book's. */
  paper?: string;
  /** What the paper found, in a sentence or two: the section's lead, before the checks say whether this run agrees. */
  found?: string;
}

const GENERIC: Findings = {
  loss: 'A curve that stays flat near ln 10 ≈ 2.30 means the network is guessing: it is not learning.',
  accuracy: 'Chance is 10%. A gap between the solid (train) and dashed (test) lines is overfitting.',
  histograms:
    'Healthy layers keep a wide spread of outputs. Piled up at 0 and 1 (saturated sigmoid) the gradients vanish; piled up at one value every unit says the same thing.',
  gradients:
    'Each cell is dL/ds at one layer’s pre-activation, back-propagated from the loss at the right. Spreads that shrink from right to left (towards the input) are vanishing gradients; spreads that grow are exploding ones.',
  spread: 'A layer whose spread collapses towards 0 passes almost no signal forward, and almost no gradient back.',
  table: 'The iteration at which test accuracy first reached 90% says how fast each initialization learns.',
};

const RELU_ZEROS =
  'ReLU sets about half of its outputs to exactly 0: their share is in each cell’s corner, and the bars show the rest.';

const BY_PRESET: Record<string, Partial<Findings>> = {
  'seed-scale': {
    loss: 'Compare how soon each σ leaves ln 10 ≈ 2.30 (guessing). The smaller σ, the later the loss starts to fall: the hidden units all compute nearly the same thing. σ = 1.0 starts high and falls early, then slowly: its saturated sigmoids pass little gradient.',
    accuracy:
      'σ = 1.0 lifts accuracy slowly and σ = 0.001 starts late; by the end σ = 0.1, 0.01 and 0.001 are close together.',
    histograms:
      'σ = 1.0 piles the sigmoid outputs at 0 and 1 (saturated: the gradients vanish); σ = 0.01 and 0.001 collapse them onto 0.5 (every unit says the same thing); σ = 0.1 spreads them.',
  },
  'seed-xavier': {
    loss: 'Xavier scales σ by 1/√fanIn, so the signal neither explodes nor vanishes from layer to layer: its loss falls slightly sooner than σ = 0.1’s.',
    accuracy: 'Xavier reaches high accuracy a little earlier; both end close together.',
    histograms: 'Neither piles the sigmoid outputs at 0 or 1; Xavier keeps them closer around 0.5 than σ = 0.1.',
  },
  'seed-he': {
    loss: 'He (σ = √(2/fanIn)) is made for ReLU, which zeroes half its inputs: its loss falls far sooner than either sigmoid net’s.',
    accuracy: 'He + ReLU passes 90% test accuracy first and ends highest.',
    histograms: `${RELU_ZEROS} He keeps the non-zero half spread out; the sigmoid nets stay around 0.5.`,
  },
  'book-compare': {
    loss: 'std=0.01 stays flat at ln 10 ≈ 2.30: its signal dies out layer by layer, so almost no gradient reaches the weights. He’s loss falls first, Xavier’s follows.',
    accuracy: 'std=0.01 stays at chance (about 10%); He climbs first and stays ahead of Xavier.',
    histograms: `${RELU_ZEROS} With std=0.01 the outputs shrink towards 0 with depth (see each cell’s std); He keeps every layer alike.`,
  },
  'edge-of-chaos': {
    paper:
      'Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017, "Deep Information Propagation" (ICLR 2017), Fig. 5: tanh nets of width 100 on MNIST, σ_b² = 0.05.',
    found:
      'Mean-field theory gives a depth scale ξ_c over which a signal’s correlations survive; it diverges at the edge of chaos (χ₁ = 1, σ_w² ≈ 1.76 at σ_b² = 0.05). Random nets train only when they are shallower than about 6ξ_c, so the deepest trainable nets sit at the critical σ_w².',
  },
  'jacobian-spectrum': {
    paper:
      'Pennington, Schoenholz & Ganguli 2017, "Resurrecting the sigmoid in deep learning through dynamical isometry: theory and practice" (NeurIPS 2017).',
    found:
      'What decides trainability at depth is the whole spectrum of the input–output Jacobian, not only its mean square. Orthogonal weights with tanh keep every singular value near the same size at any depth (dynamical isometry); Gaussian weights, with tanh or with ReLU (He), spread it over many orders of magnitude as depth grows, ReLU at any weight scale.',
  },
  'book-histogram': {
    histograms: `Sigmoid: σ = 1 saturates at 0 and 1, σ = 0.01 collapses onto 0.5, Xavier stays spread. ReLU: σ = 0.01 dies out with depth, Xavier shrinks with depth, He keeps every layer alike. ${RELU_ZEROS} tanh + Xavier is drawn over [-1, 1].`,
  },
};

/** The "what to look for" lines for one preset (generic ones for presets and config files not listed here). */
export function findingsFor(experiment: string): Findings {
  return { ...GENERIC, ...BY_PRESET[experiment] };
}

/** What to look for in the sweep presets' own figures (report/src/presets/sweeps.ts), by preset and figure stem. */
export const SWEEP_FIGURES_LOOK_FOR: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'edge-of-chaos': {
    'train-accuracy':
      'Each cell is one net trained 500 steps. Bright (trained) cells fill the region under the white 6ξ_c curve, which rises steeply towards the dashed critical σ_w²; well above it the cells are dark (about 11%: the net answers one digit). Near the curve the edge is soft, with partly trained cells. At the largest depths only the columns around the dashed line train.',
    'test-accuracy':
      'The same map on the test set: where a net learned, it generalises about as well as it fits, so the boundary is the same.',
  },
  'jacobian-spectrum': {
    spectra:
      'Read each row left to right (deeper). tanh-orthogonal stays one narrow peak; tanh-gaussian and relu-he spread over more and more decades, and a growing share falls below σ = 10⁻¹⁶, numerically zero beside the largest, of order 1 (ReLU’s dead directions are exact zeros).',
    'spectrum-spread':
      'The orthogonal line stays low and flat: its spread is a fraction of a decade at depth 128. The Gaussian lines climb to more than a decade within a few layers.',
  },
};
