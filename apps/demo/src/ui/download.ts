/** Offers `blob` to the user as a file called `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads `value` as pretty-printed JSON. */
export function downloadJson(value: unknown, filename: string): void {
  downloadBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), filename);
}

export interface LegendEntry {
  label: string;
  colour: string;
  dashed?: boolean;
}

const PADDING = 16;
const TITLE_HEIGHT = 28;
const LEGEND_ROW = 20;

/**
 * A standalone PNG of a figure: white background, title, the figure's canvases side by side (wrapping),
 * and a legend drawn in — uPlot's legend is HTML, which a canvas export would otherwise lose.
 */
export async function figurePng(
  title: string,
  canvases: HTMLCanvasElement[],
  legend: LegendEntry[] = [],
  columns = 3,
): Promise<Blob> {
  const ratio = globalThis.devicePixelRatio || 1;
  const perRow = Math.max(1, Math.min(canvases.length, columns));
  const cellWidth = Math.max(1, ...canvases.map((c) => c.width));
  const cellHeight = Math.max(1, ...canvases.map((c) => c.height));
  const rows = Math.ceil(canvases.length / perRow);
  const legendColumns = 3;
  const width = Math.max(perRow * cellWidth, 480 * ratio) + 2 * PADDING * ratio;
  const legendHeight = Math.ceil(legend.length / legendColumns) * LEGEND_ROW * ratio;
  const height = (TITLE_HEIGHT + 2 * PADDING) * ratio + rows * cellHeight + legendHeight;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#111';
  ctx.font = `${16 * ratio}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, PADDING * ratio, (PADDING + TITLE_HEIGHT / 2) * ratio);
  const top = (PADDING + TITLE_HEIGHT) * ratio;
  canvases.forEach((canvas, index) => {
    const x = PADDING * ratio + (index % perRow) * cellWidth;
    const y = top + Math.floor(index / perRow) * cellHeight;
    ctx.drawImage(canvas, x, y);
  });
  const legendTop = top + rows * cellHeight;
  const columnWidth = (width - 2 * PADDING * ratio) / legendColumns;
  ctx.font = `${12 * ratio}px system-ui, sans-serif`;
  legend.forEach((entry, index) => {
    const x = PADDING * ratio + (index % legendColumns) * columnWidth;
    const y = legendTop + (Math.floor(index / legendColumns) + 0.5) * LEGEND_ROW * ratio;
    ctx.strokeStyle = entry.colour;
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash(entry.dashed ? [6 * ratio, 4 * ratio] : []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 24 * ratio, y);
    ctx.stroke();
    ctx.fillStyle = '#111';
    ctx.fillText(entry.label, x + 30 * ratio, y, columnWidth - 34 * ratio);
  });
  return new Promise((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))),
      'image/png',
    ),
  );
}
