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
  /** The lines for a preset's own figures (`presets/`), by the figure's stem. */
  figures?: Record<string, string>;
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
  'book-batchnorm': {
    loss: 'One panel per run, “+ BN” with batch normalization. Without it the nets with small w stay flat at ln 10 ≈ 2.30 (the signal dies out over five ReLU layers), and w = 1 and 0.541 stay empty: their loss overflowed (diverged) in the first iterations, far above the axis. With BN the loss falls at every w.',
    histograms: `At the end of training (BN layers use their running statistics). ${RELU_ZEROS} Without BN the spread shrinks by orders of magnitude from layer to layer at small w (see each cell’s std), and grows at w = 1 and 0.541 (diverged runs: their last statistics are those at iteration 0). With BN every layer keeps a spread of about 0.6 whatever w.`,
    table:
      'Test accuracy here is on the first 1000 test images, after 20 epochs on only 1000 training images: it stays well below the train accuracy of the panels (w = 0.293 without BN fits its 1000 images at 93–99% and scores about 40% on the test images), and in seeds 0–4 no run reached 90%.',
    figures: {
      'batchnorm-panels':
        'The book’s Figs. 6-18/6-19: solid is with batch normalization, dashed without. With BN the train accuracy climbs at every w and reaches about 100% around w = 0.01; without it the nets with w ≤ 0.05 stay near chance (about 12%: they answer one class), and only a narrow band, w ≈ 0.16–0.29, learns, there faster than with BN. At w = 1 and 0.541 the nets without BN diverge within the first iterations (✕): their curves end there.',
    },
  },
  'glorot-bengio': {
    paper:
      'Glorot & Bengio 2010, “Understanding the difficulty of training deep feedforward neural networks” (AISTATS), figs. 6–7',
    found:
      'With the standard initialization U[−1/√n, 1/√n] the activations of a deep tanh net shrink layer by layer and the back-propagated gradients shrink towards the input; their normalized initialization, U[±√(6/(n_in + n_out))], keeps both about the same in every layer, and the net trains faster.',
    loss: 'The normalized initialization’s loss falls from the start; the standard one’s stays near ln 10 ≈ 2.30 far longer, its lower layers barely reached by the gradient.',
    histograms:
      'At initialization, on the first 1000 training images, over tanh’s range [-1, 1]: the standard initialization narrows every layer’s outputs around 0 more than the layer before (compare the std in each corner); the normalized one keeps the five layers alike.',
    gradients:
      'Each cell has its own x range, so compare the std in each corner. Standard: the std shrinks from layer 5 to layer 1, towards the input. Normalized: about the same in every layer.',
    table:
      '2000 iterations of batch 10 are a third of an epoch: neither may reach 90% test accuracy; compare the last evaluation’s accuracies instead.',
  },
  'saxe-orthogonal': {
    paper:
      'Saxe, McClelland & Ganguli 2013, “Exact solutions to the nonlinear dynamics of learning in deep linear neural networks” (arXiv:1312.6120)',
    found:
      'In deep linear nets with scaled Gaussian weights learning takes longer the deeper the net; with orthogonal weights, whose singular values are all 1, the learning time barely depends on depth.',
    loss: 'A curve per initializer and depth: the deep Gaussian nets stay high longest; the orthogonal ones at every depth fall about as fast as the shallow nets.',
    histograms:
      'At initialization orthogonal weights keep every layer’s spread the same (the std in each corner); Gaussian ones let it wander up or down from layer to layer, the more the deeper the net.',
    table:
      'A linear net is a linear classifier, which tops out near 90% on MNIST: 90% may never be reached. The learning-time figure is this preset’s measure.',
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
