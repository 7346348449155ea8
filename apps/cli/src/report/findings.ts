/** What a reader should look for in each figure of a preset: the study's finding, in one line. */
export interface Findings {
  loss: string;
  accuracy: string;
  histograms: string;
  spread: string;
  table: string;
}

const GENERIC: Findings = {
  loss: 'A curve that stays flat near ln 10 ≈ 2.30 means the network is guessing: it is not learning.',
  accuracy: 'Chance is 10%. A gap between the solid (train) and dashed (test) lines is overfitting.',
  histograms:
    'Healthy layers keep a wide spread of outputs. Piled up at 0 and 1 (saturated sigmoid) the gradients vanish; piled up at one value every unit says the same thing.',
  spread: 'A layer whose spread collapses towards 0 passes almost no signal forward, and almost no gradient back.',
  table: 'The iteration at which test accuracy first reached 90% says how fast each initialization learns.',
};

const BY_PRESET: Record<string, Partial<Findings>> = {
  'seed-scale': {
    loss: 'Compare how soon each σ leaves ln 10 ≈ 2.30 (guessing): σ = 1.0 saturates the sigmoids, so their gradients vanish; a tiny σ makes every hidden unit compute almost the same thing. Both slow learning down.',
    accuracy: 'The σ that suits the layer width climbs first; the extremes lag behind.',
    histograms: 'σ = 1.0 piles the activations at 0 and 1 (vanishing gradients); σ = 0.01 squeezes them around 0.5 (every unit the same). Neither can learn well.',
  },
  'seed-xavier': {
    loss: 'Xavier scales σ by 1/√fanIn, so the signal neither explodes nor vanishes from layer to layer: watch whose loss drops first.',
    accuracy: 'Compare how many epochs each needs to reach high accuracy.',
    histograms: 'With Xavier the sigmoid outputs stay spread across the range in every layer.',
  },
  'seed-he': {
    loss: 'He (σ = √(2/fanIn)) is made for ReLU, which zeroes half its inputs: watch how much sooner He + ReLU’s loss falls than the sigmoid nets’.',
    accuracy: 'Which of the three passes 90% test accuracy first, and how far behind are the others?',
    histograms: 'He keeps the ReLU activations equally spread in every layer; the book shows the same for Xavier with sigmoid.',
  },
  'book-histogram': {
    histograms:
      'The book’s figure: σ = 1 pushes sigmoid outputs to 0 and 1, σ = 0.01 squeezes them at 0.5, Xavier keeps them spread; with ReLU, He keeps every layer alike.',
  },
};

/** The "what to look for" lines for one preset (generic ones for presets and config files not listed here). */
export function findingsFor(experiment: string): Findings {
  return { ...GENERIC, ...BY_PRESET[experiment] };
}
