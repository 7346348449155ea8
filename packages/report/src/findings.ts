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
  'book-histogram': {
    histograms: `Sigmoid: σ = 1 saturates at 0 and 1, σ = 0.01 collapses onto 0.5, Xavier stays spread. ReLU: σ = 0.01 dies out with depth, Xavier shrinks with depth, He keeps every layer alike. ${RELU_ZEROS} tanh + Xavier is drawn over [-1, 1].`,
  },
  'he-deep': {
    paper:
      'He, Zhang, Ren & Sun 2015, “Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification”, ICCV, Figs. 2–3',
    found:
      'ReLU zeroes half of its inputs, so with Xavier’s variance 1/fanIn the signal halves in variance at every layer. Their 30-layer ReLU network initialized that way did not learn at all, while their variance 2/fanIn trained it; at 22 layers both trained, theirs sooner.',
    loss: 'At 30 layers Xavier’s loss stays flat at ln 10 ≈ 2.30 (guessing) for at least the first 1000 iterations, in some seeds creeping down only near the end, while He’s falls from the start. At 10 layers both fall, He’s hundreds of iterations first.',
    accuracy: 'Xavier at 30 layers stays at or near chance (10–20%); the other three climb, He first at either depth.',
    histograms: `${RELU_ZEROS} With Xavier the spread shrinks from layer to layer (by about 1/√2 each), so the last of 30 layers pass almost nothing; He keeps every layer alike.`,
  },
  lsuv: {
    paper: 'Mishkin & Matas 2015, “All you need is a good init”, ICLR 2016',
    found:
      'Orthogonal weights keep a linear layer’s variance, but ReLU still halves it at every layer. LSUV, orthogonal weights then each layer rescaled in turn until its output variance on a mini-batch is 1, let very deep thin networks train with plain SGD.',
    loss: 'Plain orthogonal stays flat at ln 10 ≈ 2.30 (guessing) for all 2000 iterations: its signal has died out by the output. LSUV’s loss falls, from the start.',
    accuracy: 'Orthogonal stays at chance (about 10%); LSUV and He climb.',
    histograms: `${RELU_ZEROS} Orthogonal’s spread shrinks by about 1/√2 at every layer, to almost nothing by layer 20; LSUV’s stays alike across the 20 layers, He’s within a factor of about 2.`,
  },
};

/** The "what to look for" lines for one preset (generic ones for presets and config files not listed here). */
export function findingsFor(experiment: string): Findings {
  return { ...GENERIC, ...BY_PRESET[experiment] };
}
