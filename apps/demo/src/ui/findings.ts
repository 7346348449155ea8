import { buildReport, claimsHtml } from '@initlab/report';
import type { ExperimentResults } from '@initlab/trainer';

/**
 * The presets' claims with their verdicts, as the CLI's report prints them (the same @initlab/report code): a
 * claim is stated as fact only where it held.
 */
export function renderFindings(container: HTMLElement, results: ExperimentResults | undefined): void {
  const checks = results?.checks ?? [];
  container.hidden = checks.length === 0;
  container.innerHTML = checks.length === 0 ? '' : claimsHtml(checks, true);
}

/** The CLI's report.html for these results (figures as SVG), built in the page. */
export async function reportHtml(results: ExperimentResults): Promise<string> {
  let html = '';
  await buildReport(results, {
    write(name, data) {
      if (name === 'report.html') html = data as string;
    },
  });
  return html;
}
