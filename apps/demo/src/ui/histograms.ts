import type { LayerStats, Snapshot } from '@initlab/trainer';

/** What the panel needs of a run. */
export interface HistogramSource {
  label: string;
  colour: string;
  snapshots: Snapshot[];
}

const PLOT_HEIGHT = 150;

function formatStat(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(3) : value.toExponential(2);
}

/** Bars of one layer's activation histogram, with its range under the bars, drawn on `canvas`. */
function drawLayer(canvas: HTMLCanvasElement, layer: LayerStats, colour: string): void {
  const cssWidth = Math.max(120, canvas.clientWidth || 180);
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(PLOT_HEIGHT * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, cssWidth, PLOT_HEIGHT);
  const { edges, counts } = layer.histogram;
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

/**
 * Activation histograms per hidden layer for one run, at one evaluation point chosen with a slider —
 * how the book's figures 6-10 to 6-14 look, and how they change while the network trains.
 */
export class HistogramPanel {
  private sources: HistogramSource[] = [];
  private readonly runSelect: HTMLSelectElement;
  private readonly slider: HTMLInputElement;
  private readonly position: HTMLOutputElement;
  private readonly grid: HTMLElement;
  /** True while the slider sits on the latest point, so it follows new ones. */
  private followLatest = true;

  constructor(root: HTMLElement) {
    this.runSelect = root.querySelector('#histogram-run')!;
    this.slider = root.querySelector('#histogram-step')!;
    this.position = root.querySelector('#histogram-position')!;
    this.grid = root.querySelector('[data-testid="histogram"]')!;
    this.runSelect.addEventListener('change', () => {
      this.followLatest = true;
      this.render();
    });
    this.slider.addEventListener('input', () => {
      this.followLatest = Number(this.slider.value) === Number(this.slider.max);
      this.render();
    });
  }

  /** Shows these runs; keeps the chosen run and time point when they still exist. */
  update(sources: HistogramSource[]): void {
    const chosen = this.runSelect.value;
    const labels = sources.map((s) => s.label);
    if (labels.join('\n') !== this.sources.map((s) => s.label).join('\n')) {
      this.runSelect.replaceChildren(...labels.map((label, index) => new Option(label, String(index))));
      if (chosen !== '' && Number(chosen) < labels.length) this.runSelect.value = chosen;
    }
    this.sources = sources;
    this.render();
  }

  /** The histograms on show, side by side on one canvas, for the PNG download. */
  canvases(): HTMLCanvasElement[] {
    return [...this.grid.querySelectorAll('canvas')];
  }

  /** The chosen run and evaluation point, for captions. */
  caption(): string {
    return this.position.value;
  }

  private render(): void {
    const source = this.sources[Number(this.runSelect.value)] ?? this.sources[0];
    const snapshots = source?.snapshots ?? [];
    const last = Math.max(0, snapshots.length - 1);
    this.slider.max = String(last);
    this.slider.disabled = snapshots.length < 2;
    if (this.followLatest || Number(this.slider.value) > last) this.slider.value = String(last);
    const snapshot = snapshots[Number(this.slider.value)];
    if (!source || !snapshot) {
      this.position.value = 'no evaluation point yet';
      this.slider.setAttribute('aria-valuetext', this.position.value);
      this.grid.replaceChildren();
      this.grid.dataset.layers = '0';
      return;
    }
    this.position.value = `${source.label}, iteration ${snapshot.iteration} (${Number(this.slider.value) + 1} of ${snapshots.length})`;
    this.slider.setAttribute('aria-valuetext', `iteration ${snapshot.iteration}`);
    this.grid.dataset.layers = String(snapshot.layers.length);
    this.grid.dataset.iteration = String(snapshot.iteration);
    const figures = snapshot.layers.map((layer) => {
      const figure = document.createElement('figure');
      figure.className = 'layer';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute(
        'aria-label',
        `${layer.name}: activation histogram, mean ${formatStat(layer.mean)}, std ${formatStat(layer.std)}, ` +
          `${(layer.saturated * 100).toFixed(1)}% saturated`,
      );
      const caption = document.createElement('figcaption');
      const gradient = layer.gradientNorm === undefined ? '' : ` · ‖∇W‖ ${formatStat(layer.gradientNorm)}`;
      caption.textContent = `${layer.name} · mean ${formatStat(layer.mean)} · std ${formatStat(layer.std)} · saturated ${(layer.saturated * 100).toFixed(1)}%${gradient}`;
      figure.append(canvas, caption);
      return { figure, canvas, layer };
    });
    this.grid.replaceChildren(...figures.map((f) => f.figure));
    for (const { canvas, layer } of figures) drawLayer(canvas, layer, source.colour);
  }
}
