import { aggregate, type ExperimentResults, type LayerStats, type RunResult } from '@initlab/trainer';
import { createRng } from '@initlab/tensor';

/** A deterministic, made-up ExperimentResults shaped like a real `seed-scale` run (for report tests only). */
export function syntheticResults(options: {
  seeds: number[];
  iterations: number;
  experiment?: string;
}): ExperimentResults {
  const experiment = options.experiment ?? 'seed-scale';
  const rng = createRng(7);
  const stds = [1.0, 0.1, 0.01, 0.001];
  const runs: RunResult[] = [];
  for (const std of stds) {
    for (const seed of options.seeds) {
      const learns = std === 0.1 || std === 0.01;
      const loss = Array.from({ length: options.iterations }, (_, i) =>
        learns ? 0.2 + 2.1 * Math.exp(-i / 300) + 0.1 * rng.nextDouble() : 2.3 + 0.05 * rng.nextDouble(),
      );
      const evals = Array.from({ length: 4 }, (_, k) => {
        const iteration = Math.round((k * options.iterations) / 3);
        const accuracy = learns ? 0.1 + 0.85 * (1 - Math.exp(-iteration / 200)) : 0.11;
        return { iteration, trainAccuracy: accuracy + 0.01, testAccuracy: accuracy };
      });
      const layers = (scale: number): LayerStats[] =>
        Array.from({ length: 5 }, (_, index) => ({
          index,
          name: `layer ${index + 1} (sigmoid)`,
          mean: 0.5,
          std: 0.2 * scale,
          histogram: {
            edges: Array.from({ length: 31 }, (_, i) => i / 30),
            counts: Array.from({ length: 30 }, (_, i) =>
              Math.round(1000 * Math.exp(-(((i - 15) / (10 * scale)) ** 2))),
            ),
          },
          saturated: 0,
        }));
      runs.push({
        experiment,
        label: `param=${std}`,
        seed,
        initializer: { name: 'normal', params: { std }, label: `normal(std=${std})` },
        activation: 'sigmoid',
        status: 'done',
        iterations: options.iterations,
        loss,
        evals,
        layers: layers(1),
        snapshots: evals.map((point, k) => ({ iteration: point.iteration, layers: layers(1 / (k + 1)) })),
        wallTimeMs: 1000,
        backend: 'cpu',
      });
    }
  }
  return {
    schemaVersion: 1,
    experiment,
    config: {
      name: experiment,
      base: { batchSize: 100 },
      runs: stds.map((std) => ({ label: `param=${std}` })),
      seeds: options.seeds,
    },
    environment: {
      initlab: '0.1.0',
      runtime: 'node v20',
      platform: 'linux x64',
      cpus: 2,
      backend: 'cpu',
      workers: 2,
      date: new Date(0).toISOString(),
    },
    runs,
    aggregates: aggregate(runs),
  };
}
