import { describe, expect, it } from 'vitest';
import { aggregate, type ExperimentResults, type RunResult } from '@initlab/trainer';
import type { ExperimentView } from '../src/chart-style.js';
import { findingsFor } from '../src/findings.js';
import { learningTimeChart, learningTimePoints, learningTimeSummaries } from '../src/presets/papers-linear.js';
import { presetFiguresFor } from '../src/presets/index.js';
import { buildReport } from '../src/build.js';
import { syntheticResults } from './synthetic.js';

const DEPTHS = [2, 8, 16, 32];
const ITERATIONS = 300;

/**
 * saxe-orthogonal-shaped results: per seed and depth a Gaussian and an orthogonal run whose `metrics.learningTime`
 * is `time(initializer, depth, seed)` (`null`: never learned).
 */
function saxeResults(time: (initializer: string, depth: number, seed: number) => number | null): ExperimentResults {
  const results = syntheticResults({ seeds: [0, 1, 2], iterations: ITERATIONS, experiment: 'saxe-orthogonal' });
  const template = results.runs[0];
  const runs: RunResult[] = [];
  for (const depth of DEPTHS) {
    for (const [label, initializer] of [
      ['Gaussian', { name: 'xavier', params: {}, label: 'xavier' }],
      ['orthogonal', { name: 'orthogonal', params: { gain: 1 }, label: 'orthogonal(gain=1)' }],
    ] as const) {
      for (const seed of [0, 1, 2]) {
        runs.push({
          ...template,
          label: `${label}, d=${depth}`,
          seed,
          activation: 'linear',
          initializer,
          config: { hiddenSizes: Array.from({ length: depth }, () => 100), iterations: ITERATIONS },
          metrics: { learningTime: time(initializer.name, depth, seed) },
        });
      }
    }
  }
  return { ...results, runs, aggregates: aggregate(runs) };
}

function viewOf(results: ExperimentResults): ExperimentView {
  return { name: results.experiment, runs: results.runs, aggregates: results.aggregates, iterationsPerEpoch: null };
}

/** Gaussian slows with depth and never learns at d = 32 in seed 2; orthogonal hardly slows. */
const SAXE_LIKE = (initializer: string, depth: number, seed: number) =>
  initializer === 'xavier' ? (depth === 32 && seed === 2 ? null : 50 + 5 * depth + seed) : 50 + depth + seed;

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string } | string };

describe('saxe-orthogonal’s learning time against depth', () => {
  it('summarises each initializer and depth over the seeds; a depth where a seed never learned has no mean', () => {
    const points = learningTimePoints(saxeResults(SAXE_LIKE).runs);
    expect(points).toHaveLength(DEPTHS.length * 2 * 3);
    const summaries = learningTimeSummaries(points);
    expect(summaries.map((summary) => [summary.initializer, summary.depth, summary.mean, summary.never])).toEqual(
      DEPTHS.flatMap((depth) => [
        ['Gaussian (xavier)', depth, depth === 32 ? null : 51 + 5 * depth, depth === 32 ? 1 : 0],
        ['orthogonal(gain=1)', depth, 51 + depth, 0],
      ]),
    );
  });

  it('draws seeds and means as data, and a seed that never learned apart, above the end of the run', () => {
    const spec = learningTimeChart(viewOf(saxeResults(SAXE_LIKE))) as unknown as { layer: Layer[] };
    const markOf = (layer: Layer) => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type);
    const byMark = (type: string) => spec.layer.filter((layer) => markOf(layer) === type).map((l) => l.data.values);
    const [seeds] = byMark('circle');
    expect(seeds).toHaveLength(DEPTHS.length * 2 * 3 - 1);
    expect(seeds.every((point) => typeof point.time === 'number' && (point.time as number) < ITERATIONS)).toBe(true);
    const [means] = byMark('line');
    expect(means.map((mean) => [mean.initializer, mean.depth])).not.toContainEqual(['Gaussian (xavier)', 32]);
    const [never] = byMark('point');
    expect(never).toEqual([
      expect.objectContaining({ initializer: 'Gaussian (xavier)', depth: 32, never: 1, text: 'never ×1' }),
    ]);
    expect(never[0].time as number).toBeGreaterThan(ITERATIONS);
    const [end] = byMark('rule');
    expect(end).toEqual([{ time: ITERATIONS }]);
  });

  it('ends its y axis just above the latest time, without an end-of-run line, where every seed learned', () => {
    const spec = learningTimeChart(viewOf(saxeResults((_, depth, seed) => 50 + depth + seed))) as unknown as {
      layer: (Layer & { encoding: { y: { scale?: { domain: number[] } } } })[];
    };
    expect(spec.layer.map((layer) => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type))).toEqual([
      'circle',
      'line',
    ]);
    expect(spec.layer[0].encoding.y.scale?.domain).toEqual([0, Math.ceil((50 + 32 + 2) * 1.1)]);
  });

  it('is left out where no run has a learning time, and belongs to saxe-orthogonal only', () => {
    const results = saxeResults(SAXE_LIKE);
    const bare = { ...results, runs: results.runs.map(({ metrics: _, ...run }) => run) };
    expect(learningTimeChart(viewOf(bare))).toBeNull();
    const untrained = results.runs.map((run) => ({ ...run, iterations: 0, config: { ...run.config, iterations: 0 } }));
    expect(
      learningTimeChart({
        ...viewOf(results),
        runs: untrained.map((run) => ({ ...run, metrics: { learningTime: null } })),
      }),
    ).toBeNull();
    expect(presetFiguresFor(viewOf(results), results).map((figure) => figure.stem)).toEqual(['learning-time']);
    const other = { ...viewOf(results), name: 'seed-scale' };
    expect(presetFiguresFor(other, results)).toEqual([]);
  });

  it('is drawn in the report, with the paper and what it found', async () => {
    const files = new Map<string, string | Uint8Array>();
    await buildReport(saxeResults(SAXE_LIKE), { write: (name, data) => void files.set(name, data) });
    const html = files.get('report.html') as string;
    expect(html).toContain('Learning time against depth');
    expect(html).toContain('<strong>Paper:</strong> Saxe, McClelland &amp; Ganguli 2013');
    const svg = files.get('learning-time.svg') as string;
    expect(svg).toContain('never ×1');
    expect(svg).toContain('Gaussian (xavier)');
  });
});

describe('glorot-bengio’s findings', () => {
  it('name the paper and say what to look for in the gradients', () => {
    const findings = findingsFor('glorot-bengio');
    expect(findings.paper).toMatch(/^Glorot & Bengio 2010/);
    expect(findings.found).toContain('normalized');
    expect(findings.gradients).toContain('towards the input');
  });
});
