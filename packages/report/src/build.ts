import type { ExperimentResults } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentView } from './chart-style.js';
import { accuracyChart, activationSpreadChart, lossChart, stackCharts } from './charts.js';
import { histogramChart } from './histogram-chart.js';
import { toCsv } from './csv.js';
import { findingsFor, type Findings } from './findings.js';
import { reportHtml, type ReportFigure, type ReportSection } from './html.js';
import {
  aggregatesOf,
  cellsOf,
  describe,
  experimentConfig,
  experimentNames,
  finiteLoss,
  iterationsPerEpoch,
  runsOf,
} from './model.js';
import { accuracyObservation, lossObservation } from './observations.js';
import { gridFigures } from './grid-figures.js';
import { drawsStandardFigure, hasPresetFigures, presetFiguresFor } from './presets/index.js';
import { renderSvg } from './render.js';

/** Where {@link buildReport} puts each file, in order: a directory in Node, a zip or a download in a browser. */
export interface ReportSink {
  write(name: string, data: string | Uint8Array): void | Promise<void>;
  /** Rasterises a figure's SVG; without it no PNG files are made (e.g. in a browser). */
  png?: (svg: string) => Uint8Array;
}

interface FigurePlan {
  /** File stem, e.g. `loss` (prefixed with the experiment's name in a group). */
  stem: string;
  title: string;
  /** A line of the preset's findings, or the text itself (a preset's own figure). */
  lookFor: Exclude<keyof Findings, 'paper' | 'found' | 'figures'> | { text: string };
  spec: TopLevelSpec | null;
}

/** The standard figures the preset draws, those with something to draw, then the preset's own (`presets/`). */
function figurePlans(view: ExperimentView, results: ExperimentResults): FigurePlan[] {
  const trained = view.runs.some((run) => finiteLoss(run.loss).length > 0);
  const evaluated = view.runs.some((run) => run.evals.length > 0);
  const first = histogramChart(view, 'first');
  const last = view.runs.some((run) => run.snapshots.length > 1) ? histogramChart(view, 'last') : null;
  const standard: FigurePlan[] = [
    { stem: 'loss', title: 'Training loss', lookFor: 'loss', spec: trained ? lossChart(view) : null },
    { stem: 'accuracy', title: 'Accuracy', lookFor: 'accuracy', spec: evaluated ? accuracyChart(view) : null },
    { stem: 'histograms', title: 'Activations per layer', lookFor: 'histograms', spec: first },
    {
      stem: 'gradients',
      title: 'Back-propagated gradients per layer',
      lookFor: 'gradients',
      spec: histogramChart(view, 'first', 'gradients'),
    },
    {
      stem: 'histograms-end',
      title: 'Activations per layer at the end of training',
      lookFor: 'histograms',
      spec: last,
    },
    {
      stem: 'activation-spread',
      title: 'Activation spread over training',
      lookFor: 'spread',
      spec: activationSpreadChart(view),
    },
  ];
  return [
    ...standard.filter((plan) => drawsStandardFigure(view.name, plan.stem)),
    ...(hasPresetFigures(view.name) ? presetFiguresFor(view, results) : gridFigures(results, view.name)).map(
      ({ lookFor, ...figure }) => ({ ...figure, lookFor: { text: lookFor } }),
    ),
  ];
}

/**
 * The whole report of `results`, file by file: results.json, runs.csv, every figure as .svg (and .png when the
 * sink can rasterise), and report.html. A single experiment's figures are `loss.svg`, `accuracy.svg`, …. In a
 * group each experiment's figures carry its name (`seed-scale-loss.svg`), and `loss.svg`, `accuracy.svg`, …
 * stack the experiments' figures of that kind, one section per experiment. The findings come with the verdicts
 * of `results.checks`.
 */
export async function buildReport(results: ExperimentResults, sink: ReportSink): Promise<void> {
  const figure = async (stem: string, spec: TopLevelSpec): Promise<string> => {
    const svg = await renderSvg(spec);
    await sink.write(`${stem}.svg`, svg);
    if (sink.png) await sink.write(`${stem}.png`, sink.png(svg));
    return svg;
  };
  await sink.write('results.json', `${JSON.stringify(results, null, 2)}\n`);
  await sink.write('runs.csv', toCsv(results));

  const experiments = experimentNames(results);
  const sections: ReportSection[] = [];
  /** A group's figures by stem, each experiment's in order, for the stacked `loss.svg`, …. */
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
    for (const plan of figurePlans(view, results)) {
      if (!plan.spec) continue;
      const stem = experiments.length > 1 ? `${name}-${plan.stem}` : plan.stem;
      if (experiments.length > 1) {
        const stack = stacks.get(plan.stem) ?? { title: plan.title, parts: [] };
        stack.parts.push(plan.spec);
        stacks.set(plan.stem, stack);
      }
      const svg = await figure(stem, plan.spec);
      figures.push({
        title: plan.title,
        lookFor: typeof plan.lookFor === 'string' ? findings[plan.lookFor] : plan.lookFor.text,
        svg,
        file: `${stem}.${sink.png ? 'png' : 'svg'}`,
      });
    }
    const checks = (results.checks ?? []).filter((check) => check.experiment === name);
    sections.push({
      name,
      description: describe(config),
      measured: measured.accuracy,
      figures,
      runs: view.runs,
      cells: cellsOf(results, name),
      findings,
      checks,
    });
  }
  for (const [stem, stack] of stacks) {
    await figure(stem, stackCharts(`${results.experiment}: ${stack.title.toLowerCase()}`, stack.parts));
  }
  const groupDescription = experiments.length > 1 ? describe(results.config as never) : undefined;
  await sink.write('report.html', reportHtml(results, sections, groupDescription));
}
