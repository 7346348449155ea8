import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One curve: `y[i]` at `x[i]`, `x` ascending. */
export interface Curve {
  label: string;
  colour: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dashed?: boolean;
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

  constructor(
    private readonly host: HTMLElement,
    private readonly options: LineChartOptions,
  ) {
    this.resizeObserver = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.resizeObserver.observe(host);
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
    // What is drawn, in numbers, for tests and assistive tools: one count per curve.
    this.host.dataset.curves = String(curves.length);
    this.host.dataset.points = curves.map((c) => c.y.length).join(',');
    const signature = curves.map((c) => `${c.label}|${c.colour}|${c.dashed ?? false}`).join('\n');
    if (!this.plot || signature !== this.signature) {
      this.plot?.destroy();
      this.signature = signature;
      this.plot = new uPlot(this.config(curves), align(curves), this.host);
    } else {
      this.plot.setData(align(curves));
    }
  }

  /** The chart's canvas (axes and curves; the legend is HTML), or undefined before the first data. */
  canvas(): HTMLCanvasElement | undefined {
    this.flush();
    return this.plot?.ctx.canvas;
  }

  /** The curves on show, for the PNG legend. */
  series(): { label: string; colour: string; dashed: boolean }[] {
    return this.plot
      ? this.plot.series
          .slice(1)
          .map((s) => ({ label: String(s.label), colour: String(s.stroke), dashed: Boolean(s.dash) }))
      : [];
  }

  private size(): { width: number; height: number } {
    const width = Math.max(240, Math.floor(this.host.clientWidth));
    return { width, height: Math.round(Math.min(320, Math.max(200, width * 0.5))) };
  }

  private config(curves: Curve[]): uPlot.Options {
    const { title, xLabel, yLabel, yRange } = this.options;
    return {
      ...this.size(),
      title,
      pxAlign: false,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : { auto: true } },
      axes: [{ label: xLabel }, { label: yLabel }],
      legend: { live: false },
      cursor: { drag: { x: true, y: false } },
      series: [
        { label: xLabel },
        ...curves.map((curve) => ({
          label: curve.label,
          stroke: curve.colour,
          width: 1.5,
          dash: curve.dashed ? [6, 4] : undefined,
          spanGaps: true,
        })),
      ],
    };
  }
}
