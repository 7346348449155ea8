import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One curve: `y[i]` at `x[i]`, `x` ascending. */
export interface Curve {
  label: string;
  colour: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dashed?: boolean;
  /** Line width in CSS pixels (1.5 when absent). */
  width?: number;
  /** A faint companion (the raw loss under its smoothed line): drawn light, not counted, not in the legend. */
  faint?: boolean;
  /** A shaded band around the curve (over seeds), at the same x values. */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number> };
}

/** One entry of a chart's legend: a label (not a seed) and its colour. */
export interface LegendEntry {
  label: string;
  colour: string;
  dashed: boolean;
}

/** `#rrggbb` with an alpha channel, for bands and faint lines. */
function translucent(colour: string, alpha: number): string {
  return `${colour}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;
}

/** Each curve as uPlot series: its band's upper and lower edges first (when it has one), then its line. */
function seriesOf(curves: Curve[]): Curve[] {
  return curves.flatMap((curve) =>
    curve.band
      ? [
          { ...curve, y: curve.band.upper, band: undefined, width: 0 },
          { ...curve, y: curve.band.lower, band: undefined, width: 0 },
          curve,
        ]
      : [curve],
  );
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Fixed y range; auto-ranged when absent. */
  yRange?: [number, number];
}

/** Aligns curves on the union of their x values (uPlot wants one x array), with gaps as null. */
function align(curves: Curve[]): uPlot.AlignedData {
  const xs = new Set<number>();
  for (const curve of curves) for (let i = 0; i < curve.x.length; i++) xs.add(curve.x[i]);
  const x = Float64Array.from(xs).sort();
  const column = new Map<number, number>();
  for (const [index, value] of x.entries()) column.set(value, index);
  const ys = curves.map((curve) => {
    const y: (number | null)[] = new Array(x.length).fill(null);
    for (let i = 0; i < curve.x.length; i++) {
      const value = curve.y[i];
      y[column.get(curve.x[i])!] = Number.isFinite(value) ? value : null;
    }
    return y;
  });
  return [Array.from(x), ...ys];
}

/**
 * A line chart that follows its container's width and takes new data as often as it comes:
 * redraws are batched to one per animation frame, so streaming curves never flood the UI thread.
 */
export class LineChart {
  private plot: uPlot | undefined;
  private signature = '';
  private pending: Curve[] | undefined;
  private frame = 0;
  private readonly resizeObserver: ResizeObserver;
  private readonly legend = document.createElement('ul');
  private legendEntries: LegendEntry[] = [];

  constructor(
    private readonly host: HTMLElement,
    private readonly options: LineChartOptions,
  ) {
    this.resizeObserver = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.resizeObserver.observe(host);
    this.legend.className = 'chart-legend';
    this.legend.setAttribute('aria-label', `${options.title}: legend`);
    host.after(this.legend);
  }

  /** Sets the legend: one entry per label, whatever the number of seeds or curves drawn for it. */
  setLegend(entries: LegendEntry[]): void {
    if (JSON.stringify(entries) === JSON.stringify(this.legendEntries)) return;
    this.legendEntries = entries;
    this.legend.replaceChildren(
      ...entries.map((entry) => {
        const item = document.createElement('li');
        item.className = 'legend-entry';
        item.dataset.label = entry.label;
        const swatch = document.createElement('span');
        swatch.className = entry.dashed ? 'swatch dashed' : 'swatch';
        swatch.style.borderColor = entry.colour;
        item.append(swatch, entry.label);
        return item;
      }),
    );
  }

  /** Shows `curves`; call again with longer arrays as training goes on. */
  update(curves: Curve[]): void {
    this.pending = curves;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Draws what is pending now (before a PNG is taken, or in tests). */
  flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const curves = this.pending;
    if (!curves) return;
    this.pending = undefined;
    // What is drawn, in numbers, for tests and assistive tools: one count per curve (faint companions aside).
    const counted = curves.filter((c) => !c.faint);
    this.host.dataset.curves = String(counted.length);
    this.host.dataset.points = counted.map((c) => c.y.length).join(',');
    this.host.dataset.bands = String(curves.filter((c) => c.band).length);
    const series = seriesOf(curves);
    const signature = series
      .map((c) => `${c.label}|${c.colour}|${c.dashed ?? false}|${c.width}|${c.faint}|${Boolean(c.band)}`)
      .join('\n');
    if (!this.plot || signature !== this.signature) {
      this.plot?.destroy();
      this.signature = signature;
      this.plot = new uPlot(this.config(series), align(series), this.host);
    } else {
      this.plot.setData(align(series));
    }
  }

  /** The chart's canvas (axes and curves; the legend is HTML), or undefined before the first data. */
  canvas(): HTMLCanvasElement | undefined {
    this.flush();
    return this.plot?.ctx.canvas;
  }

  /** The legend's entries, for the PNG. */
  series(): LegendEntry[] {
    return this.legendEntries;
  }

  private size(): { width: number; height: number } {
    const width = Math.max(240, Math.floor(this.host.clientWidth));
    return { width, height: Math.round(Math.min(320, Math.max(200, width * 0.5))) };
  }

  private config(series: Curve[]): uPlot.Options {
    const { title, xLabel, yLabel, yRange } = this.options;
    // uPlot shades between two series: a band's upper edge (index i + 1, after x) and its lower one.
    const bands: uPlot.Band[] = [];
    series.forEach((curve, index) => {
      if (curve.band) bands.push({ series: [index - 1, index], fill: translucent(curve.colour, 0.18) });
    });
    return {
      ...this.size(),
      title,
      pxAlign: false,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : { auto: true } },
      axes: [{ label: xLabel }, { label: yLabel }],
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      bands,
      series: [
        { label: xLabel },
        ...series.map((curve) => ({
          label: curve.label,
          stroke: curve.faint ? translucent(curve.colour, 0.3) : curve.colour,
          width: curve.width ?? 1.5,
          dash: curve.dashed ? [6, 4] : undefined,
          points: { show: false },
          spanGaps: true,
        })),
      ],
    };
  }
}
