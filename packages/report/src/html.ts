import type { CellResult, Check, ExperimentResults, RunResult } from '@initlab/trainer';
import type { Findings } from './findings.js';
import { runMetrics } from './model.js';
import { claimsHtml, CLAIMS_STYLE } from './verdicts.js';
import { escapeHtml } from './escape.js';

/** One rendered figure of the report. */
export interface ReportFigure {
  title: string;
  /** The "what to look for" line under the title. */
  lookFor: string;
  svg: string;
  /** The file the same figure was written to (PNG), shown as a caption. */
  file?: string;
}

/** One experiment's section of the report. */
export interface ReportSection {
  name: string;
  description?: string;
  figures: ReportFigure[];
  runs: RunResult[];
  /** A grid's cells (its runs live in the output folder's run files, not in `runs`). */
  cells?: CellResult[];
  findings: Findings;
  /** The verdicts on the preset's claims: its headline, checked against this run. */
  checks: Check[];
  /** What this run measured for the headline (e.g. when each label reached 90%). */
  measured?: string;
}

/** Base64 of text's UTF-8 bytes with web APIs only (the report is also built in browsers). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Charts may grow this much past their drawn size to fill a wide card. */
const MAX_ZOOM = 1.3;
/** Below this width a chart's text gets too small to read: narrow screens scroll the chart sideways instead. */
const MIN_CHART_WIDTH = 560;

function figureHtml(figure: ReportFigure): string {
  const source = `data:image/svg+xml;base64,${base64(figure.svg)}`;
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(figure.svg)?.[1] ?? MIN_CHART_WIDTH);
  const size = `max-width: ${Math.round(width * MAX_ZOOM)}px; min-width: ${Math.min(width, MIN_CHART_WIDTH)}px`;
  return `<figure class="card">
  <h3>${escapeHtml(figure.title)}</h3>
  <p class="look"><strong>What to look for:</strong> ${escapeHtml(figure.lookFor)}</p>
  <div class="chart"><img src="${source}" alt="${escapeHtml(figure.title)}" style="${size}"></div>
  ${figure.file ? `<figcaption>${escapeHtml(figure.file)}</figcaption>` : ''}
</figure>`;
}

function runTable(section: ReportSection): string {
  const rows = section.runs
    .map((run) => {
      const metrics = runMetrics(run);
      return `<tr>
  <td>${escapeHtml(run.label)}</td><td class="num">${run.seed}</td><td><code>${escapeHtml(run.initializer.label)}</code></td>
  <td>${escapeHtml(run.activation)}</td>
  <td class="num">${metrics.finalLoss === null ? '—' : metrics.finalLoss.toFixed(4)}</td>
  <td class="num">${percent(metrics.finalTestAccuracy)}</td>
  <td class="num">${metrics.iterationToTarget ?? 'never'}</td>
  <td class="num">${run.iterations}</td>
  <td><span class="status ${run.status}">${run.status}${run.divergedAt !== undefined ? ` at ${run.divergedAt}` : ''}</span></td>
</tr>`;
    })
    .join('\n');
  return `<div class="card">
  <h3>Runs</h3>
  <p class="look"><strong>What to look for:</strong> ${escapeHtml(section.findings.table)}</p>
  <div class="scroll"><table>
    <thead><tr><th>label</th><th class="num">seed</th><th>initializer</th><th>activation</th><th class="num">final loss</th><th class="num">test accuracy</th><th class="num">iteration to 90%</th><th class="num">iterations</th><th>status</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table></div>
</div>`;
}

/** A cell's figure: accuracies as percentages, other numbers to four significant digits. */
function cellValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return /accuracy/i.test(metric) ? percent(value) : Number(value.toPrecision(4)).toString();
}

function cellTable(cells: readonly CellResult[]): string {
  const axes = [...new Set(cells.flatMap((cell) => Object.keys(cell.coordinates)))];
  const metrics = [...new Set(cells.flatMap((cell) => Object.keys(cell.metrics)))];
  const head = [
    '<th class="num">cell</th>',
    ...axes.map((axis) => `<th>${escapeHtml(axis)}</th>`),
    '<th class="num">seed</th>',
    '<th>status</th>',
    ...metrics.map((metric) => `<th class="num">${escapeHtml(metric)}</th>`),
  ].join('');
  const rows = cells
    .map(
      (cell) =>
        `<tr><td class="num">${cell.index}</td>${axes
          .map((axis) => `<td>${escapeHtml(String(cell.coordinates[axis] ?? '—'))}</td>`)
          .join(
            '',
          )}<td class="num">${cell.seed}</td><td><span class="status ${cell.status}">${cell.status}</span></td>${metrics
          .map((metric) => `<td class="num">${cellValue(metric, cell.metrics[metric])}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="card">
  <h3>Cells</h3>
  <p class="look"><strong>What to look for:</strong> One row per cell of the grid, in its order (the first axis slowest, seeds innermost); the figures above draw the same numbers.</p>
  <div class="scroll"><table>
    <thead><tr>${head}</tr></thead>
    <tbody>
${rows}
    </tbody>
  </table></div>
</div>`;
}

function findingHtml(section: ReportSection): string {
  if (section.checks.length === 0 && !section.measured) return '';
  return `<div class="finding">
  ${section.checks.length > 0 ? `<p><strong>Findings, checked against this run:</strong></p>${claimsHtml(section.checks, true)}` : ''}
  ${section.measured ? `<p class="measured">${escapeHtml(section.measured)}</p>` : ''}
</div>`;
}

/** Every experiment's claims with their verdicts, first thing on the page; links to each section when there are several. */
function summaryHtml(sections: ReportSection[]): string {
  if (sections.length === 1) return findingHtml(sections[0]);
  const withClaims = sections.filter((section) => section.checks.length > 0);
  if (withClaims.length === 0) return '';
  const items = withClaims
    .map(
      (section) =>
        `<li><a href="#${escapeHtml(section.name)}">${escapeHtml(section.name)}</a>${claimsHtml(section.checks, false)}</li>`,
    )
    .join('\n');
  return `<div class="finding summary"><h2>Findings, checked against this run</h2><ul>${items}</ul></div>`;
}

/** The paper a preset reproduces and what it found, when the preset names one. */
function paperHtml(findings: Findings): string {
  if (!findings.paper) return '';
  const found = findings.found ? ` <strong>What it found:</strong> ${escapeHtml(findings.found)}` : '';
  return `<p class="paper"><strong>Paper:</strong> ${escapeHtml(findings.paper)}.${found}</p>`;
}

function sectionHtml(section: ReportSection, single: boolean): string {
  return `<section id="${escapeHtml(section.name)}">
  <h2>${escapeHtml(section.name)}</h2>
  ${section.description ? `<p class="lead">${escapeHtml(section.description)}</p>` : ''}
  ${paperHtml(section.findings)}
  ${single ? '' : findingHtml(section)}
  ${section.figures.map(figureHtml).join('\n')}
  ${section.runs.length > 0 || !section.cells?.length ? runTable(section) : ''}
  ${section.cells?.length ? cellTable(section.cells) : ''}
</section>`;
}

const STYLE = `
:root { --ink: #1f2933; --muted: #5b6470; --line: #e3e7ec; --accent: #4c78a8; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f6f8; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 40px 24px 64px; }
header h1 { font-size: 30px; line-height: 1.2; margin: 0 0 8px; letter-spacing: -0.01em; }
header h1 .experiment { color: var(--accent); white-space: nowrap; }
header .lead { font-size: 18px; }
.lead { color: var(--muted); margin: 0 0 18px; max-width: 70ch; }
.paper { margin: 0 0 18px; max-width: 80ch; }
.meta { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0 0; padding: 0; list-style: none; }
.meta li { background: white; border: 1px solid var(--line); border-radius: 999px; padding: 2px 12px; font-size: 14px; color: var(--muted); }
nav { margin: 22px 0 0; font-size: 15px; }
nav a { color: var(--accent); margin-right: 16px; text-decoration: none; }
h2 { font-size: 24px; margin: 48px 0 6px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 17px; margin: 0 0 4px; }
.card { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 18px 0;
  box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
figure { margin: 18px 0; }
figure .chart { overflow-x: auto; margin: 12px -4px 0; padding: 0 4px; }
figure img { display: block; width: 100%; height: auto; margin: 0 auto; }
figcaption { color: var(--muted); font-size: 13px; text-align: right; }
.look { margin: 0; color: var(--muted); font-size: 15px; border-left: 3px solid var(--accent); padding-left: 10px; }
.look strong { color: var(--ink); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin-top: 12px; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: 0.03em; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td { white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.scroll { overflow-x: auto; }
.finding { background: #eef4fb; border: 1px solid #cfe0f1; border-radius: 10px; padding: 14px 18px; margin: 18px 0; }
.finding p { margin: 0; }
.finding p + p { margin-top: 6px; }
.finding .measured { color: var(--muted); font-size: 15px; }
.finding.summary { margin-top: 26px; }
.finding.summary h2 { font-size: 18px; margin: 0 0 8px; padding: 0; border: 0; }
.finding.summary ul { margin: 0; padding-left: 20px; }
.finding.summary li + li { margin-top: 6px; }
.finding.summary a { font-weight: 600; color: var(--accent); text-decoration: none; margin-right: 4px; }
@media (max-width: 640px) {
  main { padding: 24px 14px 48px; }
  header h1 { font-size: 23px; }
  header .lead { font-size: 16px; }
  h2 { font-size: 21px; margin-top: 36px; }
  .card { padding: 14px 12px; }
  .look, .finding .measured { font-size: 14px; }
  th, td { padding: 6px 8px; }
}
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; }
pre { background: #f7f8fa; border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow: auto; max-height: 420px; }
.status { border-radius: 999px; padding: 1px 9px; font-size: 13px; }
.status.done { background: #e3f4e8; color: #1e6b38; }
.status.diverged { background: #fde7e7; color: #a12626; }
.status.interrupted { background: #fff4d6; color: #8a5a00; }
details summary { cursor: pointer; font-weight: 600; }
${CLAIMS_STYLE}`;

/**
 * The self-contained HTML report: every figure is an SVG embedded as a data URI, so the file works offline and
 * charts cannot clash with each other's element ids.
 */
export function reportHtml(results: ExperimentResults, sections: ReportSection[], description?: string): string {
  const seeds = [...new Set(results.runs.map((run) => run.seed))].sort((a, b) => a - b);
  const interrupted = results.runs.filter((run) => run.status === 'interrupted').length;
  const env = results.environment;
  const meta = [
    new Date(env.date).toUTCString(),
    `${results.runs.length} runs`,
    `seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')}`,
    `backend ${env.backend}`,
    ...(interrupted > 0 ? [`${interrupted} interrupted`] : []),
  ];
  const nav =
    sections.length > 1
      ? `<nav>${sections.map((s) => `<a href="#${escapeHtml(s.name)}">${escapeHtml(s.name)}</a>`).join('')}<a href="#setup">setup</a></nav>`
      : '';
  const environmentRows = Object.entries(env)
    .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(String(value))}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>initlab — ${escapeHtml(results.experiment)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
  <h1>How initial weights decide whether a network learns: <span class="experiment">${escapeHtml(results.experiment)}</span></h1>
  ${description ? `<p class="lead">${escapeHtml(description)}</p>` : ''}
  <ul class="meta">${meta.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>
  ${summaryHtml(sections)}
  ${nav}
</header>
${sections.map((section) => sectionHtml(section, sections.length === 1)).join('\n')}
<section id="setup">
  <h2>Setup</h2>
  <div class="card"><h3>Environment</h3><table>${environmentRows}</table></div>
  <div class="card"><details><summary>Configuration as it ran</summary><pre>${escapeHtml(JSON.stringify(results.config, null, 2))}</pre></details></div>
</section>
</main>
</body>
</html>
`;
}
