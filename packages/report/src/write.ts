import type { ExperimentResults } from '@initlab/trainer';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from './atomic.js';
import { accuracyChart, activationSpreadChart, histogramChart, lossChart, stackCharts, type ExperimentView } from './charts.js';
import { toCsv } from './csv.js';
import { findingsFor, type Findings } from './findings.js';
import { reportHtml, type ReportFigure, type ReportSection } from './html.js';
import { aggregatesOf, describe, experimentConfig, experimentNames, finiteLoss, iterationsPerEpoch, runsOf } from './model.js';
import { accuracyObservation, lossObservation } from './observations.js';
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
  lookFor: Exclude<keyof Findings, 'headline'>;
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
 * Writes results.json, runs.csv, every figure as .svg and .png, and report.html into `outDir` (created if
 * missing). A single experiment's figures are `loss.png`, `accuracy.png`, …. In a group each experiment's
 * figures carry its name (`seed-scale-loss.png`), and `loss.png`, `accuracy.png`, … stack the experiments'
 * figures of that kind, one section per experiment. Each file is written atomically.
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
  /** A group's figures by stem, each experiment's in order, for the stacked `loss.png`, …. */
  const stacks = new Map<string, { title: string; parts: TopLevelSpec[] }>();
  for (const name of experiments) {
    const config = experimentConfig(results, name);
    const view: ExperimentView = {
      name,
      runs: runsOf(results, name),
      aggregates: aggregatesOf(results, name),
      iterationsPerEpoch: iterationsPerEpoch(config),
    };
    const findings = findingsFor(name);
    const measured = {
      loss: lossObservation(view.runs, view.aggregates),
      accuracy: accuracyObservation(view.runs, view.aggregates),
    };
    if (measured.loss) findings.loss = `${findings.loss} ${measured.loss}`;
    if (measured.accuracy) findings.accuracy = `${findings.accuracy} ${measured.accuracy}`;
    const figures: ReportFigure[] = [];
    for (const plan of figurePlans(view)) {
      if (!plan.spec) continue;
      const stem = experiments.length > 1 ? `${name}-${plan.stem}` : plan.stem;
      if (experiments.length > 1) {
        const stack = stacks.get(plan.stem) ?? { title: plan.title, parts: [] };
        stack.parts.push(plan.spec);
        stacks.set(plan.stem, stack);
      }
      const svg = await renderSvg(plan.spec);
      await write(`${stem}.svg`, svg);
      await write(`${stem}.png`, svgToPng(svg));
      figures.push({ title: plan.title, lookFor: findings[plan.lookFor], svg, file: `${stem}.png` });
    }
    sections.push({ name, description: describe(config), measured: measured.accuracy, figures, runs: view.runs, findings });
  }
  for (const [stem, stack] of stacks) {
    const svg = await renderSvg(stackCharts(`${results.experiment}: ${stack.title.toLowerCase()}`, stack.parts));
    await write(`${stem}.svg`, svg);
    await write(`${stem}.png`, svgToPng(svg));
  }
  const groupDescription = experiments.length > 1 ? describe(results.config as never) : undefined;
  await write('report.html', reportHtml(results, sections, groupDescription));
  return { report: join(outDir, 'report.html'), files };
}
