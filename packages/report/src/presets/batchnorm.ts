/**
 * book-batchnorm's figure, the book's Fig. 6-19 (from ch. 6's batch_norm_test.py): one small panel per weight
 * scale w, 4 × 4, each with the train accuracy of the net with batch normalization (solid) and without (dashed)
 * over the epochs. A run whose loss diverged ends where it diverged, with a cross and a note naming the iteration:
 * nothing is drawn through the missing points.
 */
import type { RunResult } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG, type ExperimentView } from '../chart-style.js';
import { findingsFor } from '../findings.js';

/** Standard figures book-batchnorm leaves out, and why (see `batchNormFigures`). */
export const BATCHNORM_OMITTED_FIGURES: readonly string[] = [
  // The panels below draw the same train accuracies the way the book does; 32 labels in one chart do not read.
  'accuracy',
  // At iteration 0 a BN net is evaluated with its running statistics still at their start (mean 0, variance 0),
  // so each BN layer multiplies by 1/√ε = 1000: those histograms, and the spread chart's first points, would
  // show a network no step ever trains. The book never evaluates there.
  'histograms',
  'gradients',
  'activation-spread',
];

const WITH_BN = 'with batch norm';
const WITHOUT_BN = 'without';

/** The weight scale (σ of the normal initializer) and batch-norm setting of a run; undefined for other runs. */
function setting(run: RunResult): { scale: number; batchNorm: boolean } | undefined {
  const scale = run.initializer.params.std;
  if (run.initializer.name !== 'normal' || typeof scale !== 'number') return undefined;
  return { scale, batchNorm: run.config?.batchNorm === true };
}

/** The panel title of a scale: `w = 0.541`, three significant digits as in the run labels. */
function panelOf(scale: number): string {
  return `w = ${Number(scale.toPrecision(3))}`;
}

interface Row {
  panel: string;
  bn: string;
  kind: 'seed' | 'mean' | 'diverged' | 'note';
  epoch: number;
  accuracy: number;
  seed?: number;
  text?: string;
}

/**
 * The mean over seeds of each evaluation, up to the first evaluation some seed lacks (a seed that diverged
 * stops there): the mean is never taken over fewer seeds than ran.
 */
function meanCurve(runs: readonly RunResult[]): { iteration: number; accuracy: number }[] {
  const length = Math.min(...runs.map((run) => run.evals.length));
  return Array.from({ length }, (_, i) => ({
    iteration: runs[0].evals[i].iteration,
    accuracy: runs.reduce((sum, run) => sum + run.evals[i].trainAccuracy, 0) / runs.length,
  }));
}

/** "without: diverged at it. 3 (seeds 0, 2)", or every seed's iteration when all diverged. */
function divergenceNote(bn: string, diverged: readonly RunResult[], seeds: number): string {
  const iterations = [...new Set(diverged.map((run) => run.divergedAt ?? run.iterations))].sort((a, b) => a - b);
  const at = iterations.length === 1 ? `${iterations[0]}` : `${iterations[0]}–${iterations[iterations.length - 1]}`;
  const which = diverged.length === seeds ? 'every seed' : `seed ${diverged.map((run) => run.seed).join(', ')}`;
  return `${bn === WITH_BN ? 'BN' : 'no BN'}: diverged at it. ${at} (${which})`;
}

function panelRows(view: ExperimentView): { rows: Row[]; panels: string[] } {
  const perEpoch = view.iterationsPerEpoch ?? 1;
  const groups = new Map<string, { panel: string; bn: string; runs: RunResult[] }>();
  const scales: number[] = [];
  for (const run of view.runs) {
    const found = setting(run);
    if (!found) continue;
    if (!scales.includes(found.scale)) scales.push(found.scale);
    const bn = found.batchNorm ? WITH_BN : WITHOUT_BN;
    const key = `${found.scale} ${bn}`;
    const group = groups.get(key) ?? { panel: panelOf(found.scale), bn, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  const rows: Row[] = [];
  const notes = new Map<string, number>();
  for (const { panel, bn, runs } of groups.values()) {
    for (const run of runs) {
      for (const point of run.evals) {
        const epoch = point.iteration / perEpoch;
        rows.push({ panel, bn, kind: 'seed', seed: run.seed, epoch, accuracy: point.trainAccuracy });
      }
      if (run.status === 'diverged') {
        const last = run.evals.at(-1)?.trainAccuracy ?? 0;
        rows.push({
          panel,
          bn,
          kind: 'diverged',
          seed: run.seed,
          epoch: (run.divergedAt ?? 0) / perEpoch,
          accuracy: last,
        });
      }
    }
    for (const point of meanCurve(runs)) {
      rows.push({ panel, bn, kind: 'mean', epoch: point.iteration / perEpoch, accuracy: point.accuracy });
    }
    const diverged = runs.filter((run) => run.status === 'diverged');
    if (diverged.length > 0) {
      const line = notes.get(panel) ?? 0;
      notes.set(panel, line + 1);
      const text = divergenceNote(bn, diverged, runs.length);
      rows.push({ panel, bn, kind: 'note', epoch: 0.5, accuracy: 0.95 - 0.1 * line, text });
    }
  }
  return { rows, panels: scales.map(panelOf) };
}

const ofKind = (kind: Row['kind']) => ({ filter: `datum.kind === '${kind}'` });

/** The 16 panels; `null` when no run of the view is a normal-initialized one (nothing to draw). */
export function batchNormPanelsChart(view: ExperimentView): TopLevelSpec | null {
  const { rows, panels } = panelRows(view);
  if (panels.length === 0) return null;
  const x = {
    field: 'epoch',
    type: 'quantitative',
    title: view.iterationsPerEpoch ? 'epochs' : 'iterations',
    scale: { nice: false },
  };
  const y = { field: 'accuracy', type: 'quantitative', title: 'train accuracy', scale: { domain: [0, 1] } };
  const setting = { field: 'bn', type: 'nominal', title: null, sort: [WITH_BN, WITHOUT_BN] } as const;
  const color = { ...setting, scale: { domain: [WITH_BN, WITHOUT_BN], range: ['#1f77b4', '#ff7f0e'] } };
  const dash = {
    ...setting,
    scale: {
      domain: [WITH_BN, WITHOUT_BN],
      range: [
        [1, 0],
        [5, 3],
      ],
    },
    legend: { symbolType: 'stroke', symbolSize: 300 },
  };
  const seeds = new Set(view.runs.map((run) => run.seed)).size;
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${view.name}: train accuracy with and without batch normalization`,
      subtitle: `one panel per weight scale w (the book's Fig. 6-19); bold: mean over ${seeds} seed${seeds === 1 ? '' : 's'}, faint: each seed; ✕ where a run diverged`,
    },
    config: CONFIG,
    data: { values: rows },
    facet: { field: 'panel', type: 'nominal', sort: panels, header: { title: null } },
    columns: 4,
    spec: {
      width: 190,
      height: 130,
      encoding: { x, y, color },
      layer: [
        {
          transform: [ofKind('seed')],
          mark: { type: 'line', strokeWidth: 1, opacity: 0.3 },
          encoding: { detail: { field: 'seed' }, strokeDash: dash },
        },
        {
          transform: [ofKind('mean')],
          mark: { type: 'line', strokeWidth: 2.2 },
          encoding: { strokeDash: dash },
        },
        {
          transform: [ofKind('diverged')],
          mark: { type: 'point', shape: 'cross', angle: 45, size: 90, filled: true, opacity: 1 },
        },
        {
          transform: [ofKind('note')],
          mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10 },
          encoding: { text: { field: 'text' } },
        },
      ],
    },
  });
}

/** book-batchnorm's own figures (a `PresetFigure[]` of ./index.ts): the 16 panels. */
export function batchNormFigures(
  view: ExperimentView,
): { stem: string; title: string; lookFor: string; spec: TopLevelSpec | null }[] {
  return [
    {
      stem: 'batchnorm-panels',
      title: 'Train accuracy with and without batch normalization, per weight scale',
      lookFor: findingsFor(view.name).figures?.['batchnorm-panels'] ?? '',
      spec: batchNormPanelsChart(view),
    },
  ];
}
