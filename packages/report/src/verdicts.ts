/** The findings as the report prints them: each claim with its verdict, and what the data showed when it failed. */
import { checkTotal, failedSeedsText, valuesText, type Check } from '@initlab/trainer';
import { escapeHtml } from './escape.js';

const BADGE: Record<Check['verdict'], string> = { holds: 'holds', fails: 'fails', 'n/a': 'na' };

/** Every seed's verdict and numbers, folded: "seed 0 (holds): …". */
function seedNumbers(check: Check): string {
  const lines = check.seeds.map((seed) => {
    const numbers =
      seed.verdict === 'n/a' ? 'a run it needs is missing, unfinished or too short' : valuesText(seed.values);
    return `<div>seed ${seed.seed} (${seed.verdict}): ${escapeHtml(numbers)}</div>`;
  });
  return `<details><summary>numbers</summary>${lines.join('')}</details>`;
}

/**
 * One claim as a list item. A claim that held is stated as fact; one that failed is not: the item says the data
 * did not bear it out and gives the numbers it showed instead; one that applied to no seed says so.
 */
function claimItem(check: Check, detailed: boolean): string {
  const badge = `<span class="verdict ${BADGE[check.verdict]}">${escapeHtml(checkTotal(check))}</span>`;
  const numbers = detailed && check.verdict !== 'n/a' ? seedNumbers(check) : '';
  if (check.verdict === 'holds') return `<li>${escapeHtml(check.claim)} ${badge}${numbers}</li>`;
  if (check.verdict === 'fails') {
    const shown = detailed
      ? `The data showed instead: ${escapeHtml(failedSeedsText(check))}.`
      : 'What the data showed instead is in its section.';
    return `<li>Not borne out by this run: the preset expects “${escapeHtml(check.claim)}” ${badge} ${shown}${numbers}</li>`;
  }
  return `<li>Not checked here: “${escapeHtml(check.claim)}” ${badge} (a run it needs is missing, unfinished or shorter than the preset’s).</li>`;
}

/**
 * The claims of one experiment as an HTML list. `detailed` (an experiment's own section) gives the numbers: what
 * the data showed where a claim failed, and every seed's verdict and numbers, folded.
 */
export function claimsHtml(checks: readonly Check[], detailed: boolean): string {
  return `<ul class="claims">${checks.map((check) => claimItem(check, detailed)).join('\n')}</ul>`;
}

/** CSS for {@link claimsHtml}. */
export const CLAIMS_STYLE = `
.claims { margin: 0; padding-left: 20px; }
.claims li + li { margin-top: 6px; }
.claims details { display: inline; font-size: 14px; color: var(--muted); }
.claims details summary { display: inline; font-weight: normal; color: var(--accent); margin-left: 4px; }
.claims details div { margin-left: 12px; }
.finding p + .claims, .claims + p { margin-top: 6px; }
.verdict { border-radius: 999px; padding: 0 8px; font-size: 13px; white-space: nowrap; }
.verdict.holds { background: #e3f4e8; color: #1e6b38; }
.verdict.fails { background: #fde7e7; color: #a12626; }
.verdict.na { background: #eceff3; color: var(--muted); }
`;
