import {
  checkResults,
  listPresets,
  getPreset,
  type Evaluation,
  type Experiment,
  type ExperimentResults,
  type Progress,
  type RunResult,
} from '@initlab/trainer';
import type { KernelCheck, KernelTarget } from './diagnostics/kernel-check';
import { EngineClient } from './engine/client';
import type { BackendOption, EngineMessage } from './engine/protocol';
import { runsOf, type LiveRun } from './live-run';
import { downloadBlob, downloadJson, figurePng } from './ui/download';
import { renderFindings, reportHtml } from './ui/findings';
import { ExperimentForm } from './ui/form';
import { applyLink, currentSettings, showLinkProblems } from './ui/link-form';
import { readLink, toQuery } from './ui/permalink';
import { wireCopyLink } from './ui/share';
import { HistogramPanel } from './ui/histograms';
import { accuracyCurves, legendOf, lossCurves } from './ui/curves';
import { LineChart } from './ui/line-chart';
import { renderSummary } from './ui/summary';

/** The words the status line shows (tests wait on them). */
export type Status = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'error';

/**
 * The presets of the study, in the order the book and the article tell it, then the papers' that train (the two
 * grids are for the command line: hundreds of runs, or no training at all).
 */
const PRESETS = [
  'seed-scale',
  'seed-xavier',
  'seed-he',
  'book-compare',
  'book-histogram',
  'book-batchnorm',
  'he-deep',
  'glorot-bengio',
  'saxe-orthogonal',
  'lsuv',
];

/** What tests (and the curious, from the console) can read: small, and always current. */
export interface InitlabHandle {
  readonly status: Status;
  readonly backend: string;
  readonly runs: { label: string; seed: number; status: string; loss: number[] }[];
  readonly results: ExperimentResults | undefined;
  checkKernels(target: KernelTarget): Promise<KernelCheck>;
}

declare global {
  interface Window {
    __initlab: InitlabHandle;
  }
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Wires the page: form, engine worker, charts, histograms, summary and downloads. */
export class App {
  private status: Status = 'idle';
  private backend = '…';
  private runs: LiveRun[] = [];
  private results: ExperimentResults | undefined;
  private readonly engine = new EngineClient((message) => this.onEngine(message));
  private readonly form = new ExperimentForm(byId<HTMLFormElement>('controls'));
  private readonly lossChart = new LineChart(byId('loss-chart'), {
    title: 'Training loss',
    xLabel: 'iteration',
    yLabel: 'loss',
  });
  private readonly accuracyChart = new LineChart(byId('accuracy-chart'), {
    title: 'Accuracy',
    xLabel: 'iteration',
    yLabel: 'accuracy',
    yRange: [0, 1],
  });
  private readonly histograms = new HistogramPanel(byId('histograms'));
  private readonly statusOutput = byId<HTMLOutputElement>('status');
  private readonly backendOutput = byId<HTMLOutputElement>('backend');
  private readonly backendChoice = byId<HTMLSelectElement>('backend-choice');
  private readonly progress = byId<HTMLProgressElement>('progress');
  private readonly progressLabel = byId('progress-label');
  private readonly error = byId('error');
  private readonly runButton = byId<HTMLButtonElement>('run');
  private readonly stopButton = byId<HTMLButtonElement>('stop');
  private readonly jsonButton = byId<HTMLButtonElement>('download-json');
  private readonly reportButton = byId<HTMLButtonElement>('download-report');
  private readonly findings = byId('findings');
  private readonly singleSeeds = byId<HTMLInputElement>('single-seeds');
  private readonly summary = byId<HTMLTableElement>('summary').tBodies[0];

  constructor() {
    const descriptions = new Map(listPresets().map((p) => [p.name, p.description]));
    this.form.setPresets(
      PRESETS.map((name) => ({ name, description: descriptions.get(name) ?? '', experiment: getPreset(name) })),
    );
    // The URL follows every edit (a click may add or remove a run): a link reopens exactly this experiment.
    const link = readLink(location.search);
    const problems = applyLink(link, this.form, this.backendChoice, PRESETS);
    showLinkProblems(problems);
    this.updateUrl();
    for (const type of ['input', 'change', 'click']) byId('controls').addEventListener(type, () => this.updateUrl());
    wireCopyLink(byId('copy-link'), byId('copy-link-status'), byId('copy-link-url'));
    byId('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.stopButton.addEventListener('click', () => void this.engine.request({ type: 'stop' }));
    this.backendChoice.addEventListener('change', () => {
      this.updateUrl();
      void this.chooseBackend();
    });
    this.jsonButton.addEventListener(
      'click',
      () => this.results && downloadJson(this.results, `initlab-${this.results.experiment}.json`),
    );
    this.reportButton.addEventListener('click', () => void this.downloadReport());
    this.singleSeeds.addEventListener('change', () => this.renderCurves());
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-download]')) {
      button.addEventListener('click', () => void this.downloadFigure(button.dataset.download!));
    }
    const app = this;
    window.__initlab = {
      get status() {
        return app.status;
      },
      get backend() {
        return app.backend;
      },
      get runs() {
        return app.runs.map((run) => ({
          label: run.name,
          seed: run.seed,
          status: run.status,
          loss: run.result?.loss ?? run.lossY,
        }));
      },
      get results() {
        return app.results;
      },
      checkKernels: (target) => this.engine.request({ type: 'kernels', target }),
    };
    // `run=1` starts the run once the backend is known, unless a value of the link had to be replaced.
    void this.chooseBackend().then(() => {
      if (link.start && problems.length === 0) void this.run();
    });
    void this.markWebGpu();
  }

  private updateUrl(): void {
    const query = toQuery(currentSettings(this.form, this.backendChoice));
    if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}`);
  }

  /** Where WebGPU cannot run, its choice says so and why (choosing it shows the reason too). */
  private async markWebGpu(): Promise<void> {
    const reason = await this.engine.request({ type: 'webgpu' });
    if (reason === null) return;
    const option = this.backendChoice.querySelector<HTMLOptionElement>('option[value="gpujs:webgpu"]')!;
    option.textContent = 'gpujs:webgpu (unavailable)';
    option.title = reason;
    option.dataset.unavailable = reason;
  }

  private setStatus(status: Status): void {
    this.status = status;
    this.statusOutput.value = status;
    document.body.dataset.status = status;
    const busy = status === 'loading' || status === 'running';
    this.form.setBusy(busy);
    this.backendChoice.disabled = busy;
    this.stopButton.disabled = !busy;
  }

  private showError(message: string | undefined): void {
    this.error.hidden = message === undefined;
    this.error.textContent = message ?? '';
  }

  private async chooseBackend(): Promise<void> {
    const choice = this.backendChoice.value as BackendOption;
    this.setBackendLabel('…');
    this.runButton.disabled = true;
    try {
      this.setBackendLabel(await this.engine.request({ type: 'backend', choice }));
      this.showError(undefined);
    } catch (error) {
      this.setBackendLabel('unavailable');
      this.showError(`Backend '${choice}': ${(error as Error).message}`);
    } finally {
      this.runButton.disabled = this.status === 'running' || this.status === 'loading';
    }
  }

  private setBackendLabel(name: string): void {
    this.backend = name;
    this.backendOutput.value = name;
  }

  private async run(): Promise<void> {
    let experiment: Experiment;
    try {
      experiment = this.form.read();
    } catch {
      return;
    }
    if (this.backend === 'unavailable') return;
    this.showError(undefined);
    this.results = undefined;
    this.jsonButton.disabled = true;
    this.reportButton.disabled = true;
    renderFindings(this.findings, undefined);
    this.runs = runsOf(experiment);
    this.render();
    this.setStatus('loading');
    try {
      this.results = await this.engine.request({
        type: 'run',
        experiment,
        backend: this.backendChoice.value as BackendOption,
        appUrl: new URL(import.meta.env.BASE_URL, location.href).href,
      });
      for (const [index, result] of this.results.runs.entries()) this.acceptResult(index, result);
      this.results.checks = checkResults(this.results);
      renderFindings(this.findings, this.results);
      this.jsonButton.disabled = false;
      this.reportButton.disabled = false;
      this.render();
      this.setStatus(this.results.runs.some((run) => run.status === 'interrupted') ? 'stopped' : 'done');
    } catch (error) {
      this.showError((error as Error).message);
      this.setStatus('error');
    }
  }

  private onEngine(message: Exclude<EngineMessage, { type: 'reply' }>): void {
    switch (message.type) {
      case 'dataset':
        this.showDataset(message);
        break;
      case 'started':
        this.setBackendLabel(message.backend);
        this.setStatus('running');
        this.progressLabel.textContent = `Training on ${message.backend} in ${message.workers} worker${message.workers > 1 ? 's' : ''}`;
        break;
      case 'progress':
        this.acceptProgress(message.progress);
        break;
      case 'evaluation':
        this.acceptEvaluation(message.evaluation);
        break;
      case 'run-result':
        this.acceptResult(message.index, message.result);
        this.render();
        break;
    }
  }

  private showDataset({ loaded, total, fromCache, done }: Extract<EngineMessage, { type: 'dataset' }>): void {
    this.progress.max = total;
    this.progress.value = loaded;
    this.progressLabel.textContent = done
      ? 'MNIST ready'
      : `${fromCache ? 'Reading MNIST from the cache' : 'Downloading MNIST'}: ${megabytes(loaded)} of ${megabytes(total)}`;
  }

  private acceptProgress(progress: Progress): void {
    const run = this.runs[progress.runIndex];
    if (!run || run.result) return;
    run.status = 'running';
    if (Number.isFinite(progress.loss) && progress.iteration > (run.lossX.at(-1) ?? 0)) {
      run.lossX.push(progress.iteration);
      run.lossY.push(progress.loss);
      run.latestLoss = progress.loss;
    }
    run.iteration = progress.iteration;
    const done = this.runs.reduce((sum, r) => sum + (r.result ? r.iterations : r.iteration), 0);
    const total = this.runs.reduce((sum, r) => sum + r.iterations, 0);
    this.progress.max = Math.max(1, total);
    this.progress.value = done;
    this.renderCurves();
    renderSummary(this.summary, this.runs);
  }

  /** A new evaluation point: the accuracy curves and the histogram slider grow while the run trains. */
  private acceptEvaluation({ runIndex, eval: point, snapshot }: Evaluation): void {
    const run = this.runs[runIndex];
    if (!run || run.result) return;
    run.evals.push(point);
    run.snapshots.push(snapshot);
    this.render();
  }

  private acceptResult(index: number, result: RunResult): void {
    const run = this.runs[index];
    if (!run) return;
    run.result = result;
    run.status = result.status;
    run.backend = result.backend;
  }

  private render(): void {
    this.renderCurves();
    const seen = new Set<string>();
    this.histograms.update(
      this.runs.map((run) => {
        const key = JSON.stringify([run.experiment, run.label]);
        const firstSeed = !seen.has(key);
        seen.add(key);
        return {
          label: run.name.replace(/ · seed \d+$/, ''),
          colour: run.colour,
          seed: run.seed,
          firstSeed,
          snapshots: run.result?.snapshots ?? run.snapshots,
        };
      }),
    );
    renderSummary(this.summary, this.runs);
  }

  /** Per label a mean line in a band over seeds, as the report draws them (or every seed, when asked). */
  private renderCurves(): void {
    const single = this.singleSeeds.checked;
    const legend = legendOf(this.runs);
    this.lossChart.setLegend(legend);
    this.accuracyChart.setLegend(legend);
    this.lossChart.update(lossCurves(this.runs, single));
    this.accuracyChart.update(accuracyCurves(this.runs, single));
  }

  private async downloadReport(): Promise<void> {
    if (!this.results) return;
    const html = await reportHtml(this.results);
    downloadBlob(new Blob([html], { type: 'text/html' }), `initlab-${this.results.experiment}-report.html`);
  }

  private async downloadFigure(which: string): Promise<void> {
    const name = this.results?.experiment ?? 'initlab';
    let blob: Blob;
    if (which === 'histogram') {
      blob = await figurePng(
        `Histograms — ${this.histograms.caption()}`,
        this.histograms.canvases(),
        [],
        this.histograms.columns(),
      );
    } else {
      const chart = which === 'loss' ? this.lossChart : this.accuracyChart;
      const canvas = chart.canvas();
      if (!canvas) return;
      blob = await figurePng(
        `${which === 'loss' ? 'Training loss' : 'Accuracy (test solid, train dashed)'} — ${name}`,
        [canvas],
        chart.series(),
      );
    }
    downloadBlob(blob, `initlab-${name}-${which}.png`);
  }
}
