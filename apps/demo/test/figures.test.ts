import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, openApp, skipBrowser, waitForStatus, servedApp } from './harness';

/** Two labels × two seeds on a 784-10-8-10 net (two hidden layers), 12 iterations, evaluated at 0, 4, 8, 12. */
const SHORT = '?preset=custom&r=xavier:tanh&r=he:relu&hidden=10,8&iterations=12&every=4&seeds=0,1&backend=cpu';

function chart(page: Page, testid: string): Promise<{ curves: number; bands: number; legend: string[] }> {
  return page.$eval(`[data-testid="${testid}"]`, (element) => ({
    curves: Number((element as HTMLElement).dataset.curves),
    bands: Number((element as HTMLElement).dataset.bands),
    legend: [...element.parentElement!.querySelectorAll('.chart-legend li')].map((li) => li.textContent ?? ''),
  }));
}

describe.skipIf(skipBrowser)('the figures of the report, in the page', () => {
  const app = servedApp();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    page = await app.browser.newPage();
    errors = collectErrors(page);
    await openApp(page, `${app.url}${SHORT}&run=1`);
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
  });

  it('draws per label a mean line in a band over seeds, with one legend entry per label', async () => {
    const labels = await page.evaluate(() => [...new Set(window.__initlab.results!.runs.map((run) => run.label))]);
    expect(labels).toHaveLength(2);
    // Loss: one smoothed mean per label (its faint raw mean is not counted), each in a band.
    expect(await chart(page, 'loss-chart')).toEqual({ curves: 2, bands: 2, legend: labels });
    // Accuracy: test and train per label, each in its min–max band.
    expect(await chart(page, 'accuracy-chart')).toEqual({ curves: 4, bands: 4, legend: labels });
    await page.check('[data-testid="single-seeds"]');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="loss-chart"]') as HTMLElement).dataset.curves === '4',
    );
    expect(await chart(page, 'loss-chart')).toEqual({ curves: 4, bands: 0, legend: labels });
    expect(await chart(page, 'accuracy-chart')).toEqual({ curves: 8, bands: 0, legend: labels });
    await page.uncheck('[data-testid="single-seeds"]');
    expect(errors).toEqual([]);
  });

  it('shows every histogram at once: runs × hidden layers, at the evaluation point the slider picks', async () => {
    const grid = () =>
      page.$eval('[data-testid="histogram-grid"]', (element) => ({
        rows: Number((element as HTMLElement).dataset.rows),
        columns: Number((element as HTMLElement).dataset.columns),
        kind: (element as HTMLElement).dataset.kind,
        iteration: Number((element as HTMLElement).dataset.iteration),
        canvases: element.querySelectorAll('canvas').length,
        captions: [...element.querySelectorAll('figcaption')].map((caption) => caption.textContent ?? ''),
      }));
    // The first seed of each label, at the last evaluation point (iteration 12), one column per hidden layer.
    let shown = await grid();
    expect(shown).toMatchObject({ rows: 2, columns: 2, kind: 'activation', iteration: 12, canvases: 4 });
    expect(shown.captions.every((caption) => /std .* saturated .*‖∇W‖/.test(caption))).toBe(true);
    // The slider from the keyboard: Home goes to the first evaluation point (iteration 0).
    await page.focus('#histogram-step');
    await page.keyboard.press('Home');
    await page.waitForFunction(() =>
      document.querySelector('#histogram-position')!.textContent!.startsWith('iteration 0'),
    );
    expect((await grid()).iteration).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() =>
      document.querySelector('#histogram-position')!.textContent!.startsWith('iteration 4'),
    );
    expect(await page.$eval('[data-testid="histogram"]', (e) => (e as HTMLElement).dataset.iteration)).toBe('4');
    // Back-propagated gradients, with their own figures.
    await page.check('[data-testid="histogram-gradients"]');
    shown = await grid();
    expect(shown).toMatchObject({ rows: 2, columns: 2, kind: 'gradient', iteration: 4, canvases: 4 });
    expect(shown.captions.every((caption) => /mean .* std .*‖∇W‖/.test(caption))).toBe(true);
    // Every run: both seeds of each label.
    await page.selectOption('#histogram-rows', 'all');
    expect(await grid()).toMatchObject({ rows: 4, columns: 2, canvases: 8 });
    expect(errors).toEqual([]);
  });
});
