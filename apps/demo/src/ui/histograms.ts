import type { Histogram, LayerStats, Snapshot } from '@initlab/trainer';

/** What the grid needs of a run. */
export interface HistogramSource {
  label: string;
  colour: string;
  seed: number;
  /** True for the first seed of its label (the rows shown unless every run is asked for). */
  firstSeed: boolean;
  snapshots: Snapshot[];
}

const PLOT_HEIGHT = 110;

function formatStat(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(3) : value.toExponential(2);
}

/** Bars of one histogram, with its range under the bars, drawn on `canvas`. */
function drawHistogram(canvas: HTMLCanvasElement, histogram: Histogram, colour: string): void {
  const cssWidth = Math.max(120, canvas.clientWidth || 160);
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(PLOT_HEIGHT * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, cssWidth, PLOT_HEIGHT);
  const { edges, counts } = histogram;
  const axisHeight = 18;
  const plotHeight = PLOT_HEIGHT - axisHeight - 4;
  const peak = Math.max(1, ...counts);
  const barWidth = cssWidth / counts.length;
  ctx.fillStyle = colour;
  counts.forEach((count, bin) => {
    const height = (count / peak) * plotHeight;
    ctx.fillRect(bin * barWidth + 0.5, 4 + plotHeight - height, Math.max(1, barWidth - 1), height);
  });
  ctx.fillStyle = '#333';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(formatStat(edges[0]), 2, PLOT_HEIGHT - 2);
  ctx.textAlign = 'right';
  ctx.fillText(formatStat(edges[edges.length - 1]), cssWidth - 2, PLOT_HEIGHT - 2);
}

/** The figures the report prints for a layer: std and saturated share of activations, or dL/ds's mean and std; ‖∇W‖. */
function figuresOf(layer: LayerStats, gradients: boolean): string {
  const norm = layer.gradientNorm === undefined ? '' : ` · ‖∇W‖ ${formatStat(layer.gradientNorm)}`;
  if (gradients) {
    return layer.gradient
      ? `mean ${formatStat(layer.gradient.mean)} · std ${formatStat(layer.gradient.std)}${norm}`
      : 'no gradient recorded';
  }
  return `std ${formatStat(layer.std)} · saturated ${(layer.saturated * 100).toFixed(1)}%${norm}`;
}

function cell(tag: string, className: string, text: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * Every histogram at once: rows are runs, columns hidden layers, all at the evaluation point a slider picks,
 * of activations or of back-propagated gradients dL/ds — the book's figures 6-10 to 6-14 side by side for
 * several initializations, and how they change while the networks train. Redraws are batched to one per frame.
 */
export class HistogramPanel {
  private sources: HistogramSource[] = [];
  private readonly rowsSelect: HTMLSelectElement;
  private readonly gradientsToggle: HTMLInputElement;
  private readonly slider: HTMLInputElement;
  private readonly position: HTMLOutputElement;
  private readonly host: HTMLElement;
  private readonly grid: HTMLElement;
  /** True while the slider sits on the latest point, so it follows new ones. */
  private followLatest = true;
  private frame = 0;

  constructor(root: HTMLElement) {
    this.rowsSelect = root.querySelector('#histogram-rows')!;
    this.gradientsToggle = root.querySelector('#histogram-gradients')!;
    this.slider = root.querySelector('#histogram-step')!;
    this.position = root.querySelector('#histogram-position')!;
    this.host = root.querySelector('[data-testid="histogram"]')!;
    this.grid = root.querySelector('[data-testid="histogram-grid"]')!;
    this.rowsSelect.addEventListener('change', () => this.render());
    this.gradientsToggle.addEventListener('change', () => this.render());
    this.slider.addEventListener('input', () => {
      this.followLatest = Number(this.slider.value) === Number(this.slider.max);
      this.render();
    });
  }

  /** Shows these runs (drawn on the next frame); keeps the chosen evaluation point when it still exists. */
  update(sources: HistogramSource[]): void {
    this.sources = sources;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  /** The histograms on show, for the PNG download, and how many go in a row. */
  canvases(): HTMLCanvasElement[] {
    this.render();
    return [...this.grid.querySelectorAll('canvas')];
  }

  /** How many histograms a row of the grid holds. */
  columns(): number {
    return Number(this.grid.dataset.columns) || 1;
  }

  /** What the grid shows, for captions. */
  caption(): string {
    return `${this.gradientsToggle.checked ? 'back-propagated gradients dL/ds' : 'activations'}, ${this.position.value}`;
  }

  private render(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const rows = this.rowsSelect.value === 'all' ? this.sources : this.sources.filter((s) => s.firstSeed);
    const longest = rows.reduce<Snapshot[]>((a, s) => (s.snapshots.length > a.length ? s.snapshots : a), []);
    const last = Math.max(0, longest.length - 1);
    this.slider.max = String(last);
    this.slider.disabled = longest.length < 2;
    if (this.followLatest || Number(this.slider.value) > last) this.slider.value = String(last);
    const step = Number(this.slider.value);
    const iteration = longest[step]?.iteration;
    const columns = Math.max(0, ...rows.map((s) => s.snapshots[0]?.layers.length ?? 0));
    const gradients = this.gradientsToggle.checked;
    this.grid.dataset.rows = String(iteration === undefined ? 0 : rows.length);
    this.grid.dataset.columns = String(columns);
    this.grid.dataset.kind = gradients ? 'gradient' : 'activation';
    this.host.dataset.layers = String(iteration === undefined ? 0 : columns);
    if (iteration === undefined) {
      this.position.value = 'no evaluation point yet';
      this.slider.setAttribute('aria-valuetext', this.position.value);
      delete this.host.dataset.iteration;
      this.grid.replaceChildren();
      return;
    }
    this.position.value = `iteration ${iteration} (${step + 1} of ${longest.length})`;
    this.slider.setAttribute('aria-valuetext', `iteration ${iteration}`);
    this.host.dataset.iteration = String(iteration);
    this.grid.dataset.iteration = String(iteration);
    this.grid.style.setProperty('--columns', String(columns));
    const header = [
      cell('div', 'corner', 'run'),
      ...Array.from({ length: columns }, (_, i) => cell('div', 'column', `hidden layer ${i + 1}`)),
    ];
    const showSeeds = this.rowsSelect.value === 'all' && this.sources.some((s) => !s.firstSeed);
    const draws: (() => void)[] = [];
    const body = rows.flatMap((source) => {
      const name = cell('div', 'run-name', showSeeds ? `${source.label} · seed ${source.seed}` : source.label);
      name.style.borderLeftColor = source.colour;
      const snapshot = source.snapshots[step];
      const cells = Array.from({ length: columns }, (_, index) => {
        const layer = snapshot?.iteration === iteration ? snapshot.layers[index] : undefined;
        const figure = document.createElement('figure');
        figure.className = 'layer';
        if (!layer) {
          figure.append(cell('figcaption', '', 'not evaluated yet'));
          return figure;
        }
        const histogram = gradients ? layer.gradient?.histogram : layer.histogram;
        if (histogram) {
          const canvas = document.createElement('canvas');
          canvas.setAttribute('role', 'img');
          canvas.setAttribute(
            'aria-label',
            `${source.label}, ${layer.name}: ${gradients ? 'gradient' : 'activation'} histogram, ${figuresOf(layer, gradients)}`,
          );
          figure.append(canvas);
          draws.push(() => drawHistogram(canvas, histogram, source.colour));
        }
        figure.append(cell('figcaption', '', `${layer.name} · ${figuresOf(layer, gradients)}`));
        return figure;
      });
      return [name, ...cells];
    });
    this.grid.replaceChildren(...header, ...body);
    for (const draw of draws) draw();
  }
}
