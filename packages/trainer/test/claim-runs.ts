import type { RunResult } from '../src/index.js';

/** A made-up training run: the loss and test accuracy as functions of the iteration (1-based for the loss). */
export interface Curves {
  loss: (iteration: number) => number;
  accuracy: (iteration: number) => number;
}

/** A RunResult of `iterations` steps with an evaluation every `every` iterations and at the end (for claims tests only). */
export function trainedRun(
  experiment: string,
  label: string,
  seed: number,
  iterations: number,
  every: number,
  curves: Curves,
): RunResult {
  const points = [...Array.from({ length: Math.floor(iterations / every) + 1 }, (_, k) => k * every)];
  if (points[points.length - 1] !== iterations) points.push(iterations);
  return {
    experiment,
    label,
    seed,
    initializer: { name: 'normal', params: {}, label: 'normal' },
    activation: 'sigmoid',
    status: 'done',
    iterations,
    loss: Array.from({ length: iterations }, (_, i) => curves.loss(i + 1)),
    evals: points.map((iteration) => ({
      iteration,
      trainAccuracy: curves.accuracy(iteration),
      testAccuracy: curves.accuracy(iteration),
    })),
    layers: [],
    snapshots: [],
    wallTimeMs: 0,
    backend: 'cpu',
  };
}

/** A book-histogram-like run: one forward pass whose hidden layers have these stds and saturated shares. */
export function histogramRun(
  label: string,
  seed: number,
  stds: number[],
  saturated: number[] = stds.map(() => 0),
): RunResult {
  return {
    experiment: 'book-histogram',
    label,
    seed,
    initializer: { name: 'normal', params: {}, label: 'normal' },
    activation: label.startsWith('ReLU') ? 'relu' : 'sigmoid',
    status: 'done',
    iterations: 0,
    loss: [],
    evals: [],
    layers: stds.map((std, index) => ({
      index,
      name: `layer ${index + 1}`,
      mean: 0.5,
      std,
      histogram: { edges: [0, 1], counts: [1] },
      saturated: saturated[index],
    })),
    snapshots: [],
    wallTimeMs: 0,
    backend: 'cpu',
  };
}

/** A loss that stays at ln 10 up to `leaves`, then drops to `floor`. */
export function stepLoss(leaves: number, floor: number, start = Math.log(10)): (iteration: number) => number {
  return (iteration) => (iteration <= 20 && start !== Math.log(10) ? start : iteration < leaves ? Math.log(10) : floor);
}

/** Test accuracy `before` until `reaches`, then `after`. */
export function stepAccuracy(reaches: number, after: number, before = 0.5): (iteration: number) => number {
  return (iteration) => (iteration >= reaches ? after : before);
}
