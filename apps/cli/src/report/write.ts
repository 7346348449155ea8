import type { ExperimentResults, RunResult } from '@initlab/trainer';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from './atomic.js';
import { accuracyChart, activationSpreadChart, histogramChart, lossChart, type ExperimentView } from './charts.js';
import { toCsv } from './csv.js';
import { findingsFor, type Findings } from './findings.js';
import { reportHtml, type ReportFigure, type ReportSection } from './html.js';
import {
  ACCURACY_TARGET,
  aggregatesOf,
  describe,
  experimentConfig,
  experimentNames,
  finiteLoss,
  iterationsPerEpoch,
  labelsOf,
  runMetrics,
  runsOf,
} from './model.js';
import { renderSvg, svgToPng } from './render.js';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** Absolute or as-given path of report.html. */
  report: string;
  /** Every file written, in order. */
  files: string[];
}

interface FigurePlan {
  /** File stem, e.g. `loss` (prefixed with the experiment's name in a group). */
  stem: string;
  title: string;
  lookFor: keyof Findings;
  spec: TopLevelSpec | null;
}

function figurePlans(view: ExperimentView): FigurePlan[] {
  const trained = view.runs.some((run) => finiteLoss(run.loss).length > 0);
  const evaluated = view.runs.some((run) => run.evals.length > 0);
  const first = histogramChart(view, 'first');
  const last = view.runs.some((run) => run.snapshots.length > 1) ? histogramChart(view, 'last') : null;
  return [
    { stem: 'loss', title: 'Training loss', lookFor: 'loss', spec: trained ? lossChart(view) : null },
    { stem: 'accuracy', title: 'Accuracy', lookFor: 'accuracy', spec: evaluated ? accuracyChart(view) : null },
    { stem: 'histograms', title: 'Activations per layer', lookFor: 'histograms', spec: first },
    { stem: 'histograms-end', title: 'Activations per layer at the end of training', lookFor: 'histograms', spec: last },
    { stem: 'activation-spread', title: 'Activation spread over training', lookFor: 'spread', spec: activationSpreadChart(view) },
  ];
}

/**
 * What this run showed, in one sentence measured from the results (first seed of each label): which labels
 * reached the accuracy target and how fast, and which never did.
 */
function observation(runs: RunResult[]): string | undefined {
  const firstSeed = labelsOf(runs).map((label) => runs.filter((run) => run.label === label).sort((a, b) => a.seed - b.seed)[0]);
  const measured = firstSeed.filter((run) => run.evals.length > 0);
  if (measured.length === 0) return undefined;
  const target = `${ACCURACY_TARGET * 100}%`;
  const reached = measured
    .map((run) => ({ label: run.label, iteration: runMetrics(run).iterationToTarget }))
    .filter((entry): entry is { label: string; iteration: number } => entry.iteration !== null)
    .sort((a, b) => a.iteration - b.iteration);
  const never = measured.filter((run) => runMetrics(run).iterationToTarget === null).map((run) => run.label);
  const parts: string[] = [];
  if (reached.length > 0) {
    parts.push(`reached ${target} test accuracy: ${reached.map((entry) => `${entry.label} (iteration ${entry.iteration})`).join(', ')}`);
  }
  if (never.length > 0) parts.push(`never reached ${target}: ${never.join(', ')}`);
  return `Here, ${parts.join('; ')}.`;
}

/**
 * Writes results.json, runs.csv, every figure as .svg and .png, and report.html into `outDir` (created if
 * missing). A single experiment's figures are `loss.png`, `accuracy.png`, …; in a group each experiment's
 * figures carry its name: `seed-scale-loss.png`. Each file is written atomically.
 */
export async function writeReport(results: ExperimentResults, outDir: string): Promise<WrittenReport> {
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    const path = join(outDir, name);
    await writeFileAtomic(path, data);
    files.push(path);
  };
  await write('results.json', `${JSON.stringify(results, null, 2)}\n`);
  await write('runs.csv', toCsv(results));

  const experiments = experimentNames(results);
  const sections: ReportSection[] = [];
  for (const name of experiments) {
    const config = experimentConfig(results, name);
    const view: ExperimentView = {
      name,
      runs: runsOf(results, name),
      aggregates: aggregatesOf(results, name),
      iterationsPerEpoch: iterationsPerEpoch(config),
    };
    const findings = findingsFor(name);
    const observed = observation(view.runs);
    if (observed) findings.table = `${observed} ${findings.table}`;
    const figures: ReportFigure[] = [];
    for (const plan of figurePlans(view)) {
      if (!plan.spec) continue;
      const stem = experiments.length > 1 ? `${name}-${plan.stem}` : plan.stem;
      const svg = await renderSvg(plan.spec);
      await write(`${stem}.svg`, svg);
      await write(`${stem}.png`, svgToPng(svg));
      figures.push({ title: plan.title, lookFor: findings[plan.lookFor], svg, file: `${stem}.png` });
    }
    sections.push({ name, description: describe(config), figures, runs: view.runs, findings });
  }
  const groupDescription = experiments.length > 1 ? describe(results.config as never) : undefined;
  await write('report.html', reportHtml(results, sections, groupDescription));
  return { report: join(outDir, 'report.html'), files };
}
