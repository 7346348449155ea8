import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Check, ExperimentResults } from '@initlab/trainer';
import { buildReport } from '../src/build.js';
import { claimsHtml } from '../src/verdicts.js';
import { syntheticResults } from './synthetic.js';

const HOLDS: Check = {
  experiment: 'seed-scale',
  id: 'early',
  claim: 'σ = 0.1 learns first.',
  verdict: 'holds',
  seeds: [
    { seed: 0, verdict: 'holds', values: { 'iteration at 90% (σ = 0.1)': 600 } },
    { seed: 1, verdict: 'holds', values: { 'iteration at 90% (σ = 0.1)': 1200 } },
  ],
};
const FAILS: Check = {
  experiment: 'seed-scale',
  id: 'late',
  claim: 'σ = 0.001 never learns.',
  verdict: 'fails',
  seeds: [
    { seed: 0, verdict: 'holds', values: { 'final test accuracy (σ = 0.001)': 0.11 } },
    { seed: 1, verdict: 'fails', values: { 'final test accuracy (σ = 0.001)': 0.9412 } },
  ],
};
const NOT_APPLICABLE: Check = {
  experiment: 'seed-scale',
  id: 'he',
  claim: 'He wins.',
  verdict: 'n/a',
  seeds: [{ seed: 0, verdict: 'n/a', values: {} }],
};

describe('claimsHtml', () => {
  it('states a claim that held as fact, with its total and numbers', () => {
    const html = claimsHtml([HOLDS], true);
    expect(html).toContain('σ = 0.1 learns first. <span class="verdict holds">holds in 2 of 2 seeds</span>');
    expect(html).toContain('seed 1 (holds): iteration at 90% (σ = 0.1) = 1200');
  });

  it('does not state a failed claim as fact: it says what the data showed instead', () => {
    const html = claimsHtml([FAILS], true);
    expect(html).toContain('Not borne out by this run');
    expect(html).toContain('fails in 1 of 2 seeds');
    expect(html).toContain('The data showed instead: seed 1: final test accuracy (σ = 0.001) = 0.9412.');
    expect(html).toContain('seed 0 (holds): final test accuracy (σ = 0.001) = 0.11');
    expect(html).not.toMatch(/<li>σ = 0\.001 never learns\./);
    // The summary at the top of a group's page points to the section rather than repeating the numbers.
    expect(claimsHtml([FAILS], false)).toContain('What the data showed instead is in its section.');
  });

  it('says when a claim could not be checked', () => {
    expect(claimsHtml([NOT_APPLICABLE], false)).toContain(
      'Not checked here: “He wins.” <span class="verdict na">not applicable</span>',
    );
  });
});

describe('buildReport', () => {
  it('builds the page with the checks of results.json, SVG only without a rasteriser', async () => {
    const results: ExperimentResults = {
      ...syntheticResults({ seeds: [0, 1], iterations: 60 }),
      checks: [HOLDS, FAILS],
    };
    const files = new Map<string, string | Uint8Array>();
    await buildReport(results, { write: (name, data) => void files.set(name, data) });
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['results.json', 'runs.csv', 'loss.svg', 'accuracy.svg', 'report.html']),
    );
    expect([...files.keys()].filter((name) => name.endsWith('.png'))).toEqual([]);
    const html = files.get('report.html') as string;
    expect(html).toContain('Findings, checked against this run');
    expect(html).toContain('σ = 0.1 learns first.');
    expect(html).toContain('Not borne out by this run: the preset expects “σ = 0.001 never learns.”');
    expect(JSON.parse(files.get('results.json') as string).checks).toEqual([HOLDS, FAILS]);
  });

  it('imports no Node built-ins from its main entry (it runs in browsers)', () => {
    const nodeOnly = new Set(['node.ts', 'write.ts', 'atomic.ts', 'png.ts']);
    const sources = readdirSync(new URL('../src/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.ts') && !nodeOnly.has(name),
    );
    expect(sources).toContain('index.ts');
    expect(sources).toContain('presets/index.ts');
    for (const name of sources) {
      const text = readFileSync(new URL(`../src/${name}`, import.meta.url), 'utf8');
      expect(text, name).not.toMatch(/from '(node:|fs|path|os)|@resvg|\bBuffer\b|\bprocess\./);
      for (const imported of text.matchAll(/from '\.\.?\/([\w-]+)\.js'/g))
        expect(nodeOnly.has(`${imported[1]}.ts`), `${name} → ${imported[1]}`).toBe(false);
    }
  });
});
