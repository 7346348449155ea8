import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectErrors, openApp, skipBrowser, waitForStatus, servedApp } from './harness';

/** seed-he's three runs on a 784-10-10 net, 10 iterations, seeds 0 and 1: six short runs. */
const SHORT = '?preset=seed-he&hidden=10&iterations=10&every=5&seeds=0,1&backend=cpu';

/** Elements that reach past the viewport's right edge, outside any box that scrolls them. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrolls = (element: Element | null): boolean => {
      for (let at = element; at && at !== document.body; at = at.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(at).overflowX)) return true;
      }
      return false;
    };
    const width = document.documentElement.clientWidth;
    const out = [...document.body.querySelectorAll('*')].filter(
      (element) => element.getBoundingClientRect().right > width + 0.5 && !scrolls(element.parentElement),
    );
    return [
      ...(document.documentElement.scrollWidth > width ? [`page ${document.documentElement.scrollWidth}px`] : []),
      ...out.map((element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`),
    ];
  });
}

describe.skipIf(skipBrowser)('the demo on any screen, from the keyboard, on every core', () => {
  const app = servedApp();

  it('trains several runs in one worker per core and says how many', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, `${app.url}${SHORT}&run=1`);
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    const { cores, workers, threads } = await page.evaluate(() => ({
      cores: navigator.hardwareConcurrency,
      workers: window.__initlab.results!.environment.workers,
      threads: window.__initlab.results!.environment.threads,
    }));
    const expected = Math.min(cores, 6);
    expect(workers).toBe(expected);
    if (cores >= 2) expect(workers).toBeGreaterThan(1);
    expect(threads).toBe(Math.max(1, Math.floor(cores / expected)));
    expect(await page.textContent('#progress-label')).toBe(
      `Training on cpu in ${expected} worker${expected > 1 ? 's' : ''}`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers on the page thread within 100 ms while runs train', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, `${app.url}?preset=seed-he&iterations=20000&every=500&seeds=0&backend=cpu&run=1`);
    await page.waitForFunction(() => window.__initlab.runs.some((run) => run.loss.length >= 2), null, {
      timeout: 120_000,
    });
    // Round trips from here, each an evaluate that reads the page's state while the workers train. The median:
    // on a machine whose cores the training workers (and anything else) keep busy, the scheduler alone may
    // hold one answer back; a page that trained on its own thread would not answer for seconds.
    const trips: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      expect(await page.evaluate(() => window.__initlab.status)).toBe('running');
      trips.push(performance.now() - start);
    }
    trips.sort((a, b) => a - b);
    expect(trips[7], `round trips in ms: ${trips.map(Math.round).join(', ')}`).toBeLessThan(100);
    await page.click('[data-testid="stop"]');
    expect(await waitForStatus(page, ['stopped', 'done', 'error'])).toBe('stopped');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    it(`fits ${width}×${height} without horizontal overflow and passes an axe scan`, async () => {
      // axe-core's runner needs a page of a context of its own.
      const context = await app.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const errors = collectErrors(page);
      // With a problem note from the link too, so that the scan sees it.
      await openApp(page, `${app.url}${SHORT}&batch=0`);
      await page.click('[data-testid="run"]');
      expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
      expect(await overflowing(page)).toEqual([]);
      // The summary table scrolls inside its card where it is wider than the card.
      const table = await page.$eval('.table-scroll', (region) => ({
        width: region.clientWidth,
        card: region.parentElement!.clientWidth,
      }));
      expect(table.width).toBeLessThanOrEqual(table.card);
      // Every visible select is wide enough to show its chosen option whole (text, padding and the arrow).
      const cut = await page.$$eval('select', (selects) =>
        selects
          .filter((select) => select.offsetParent !== null)
          .flatMap((select) => {
            const context = document.createElement('canvas').getContext('2d')!;
            const style = getComputedStyle(select);
            context.font = style.font;
            const text = select.selectedOptions[0]?.text ?? '';
            const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
            const needed = Math.ceil(context.measureText(text).width + padding + 20);
            return select.clientWidth < needed ? [`#${select.id} “${text}”: ${select.clientWidth} < ${needed} px`] : [];
          }),
      );
      expect(cut).toEqual([]);
      if (process.env.INITLAB_SCREENSHOTS) {
        await page.screenshot({ path: `${process.env.INITLAB_SCREENSHOTS}/demo-${width}.png`, fullPage: true });
      }
      const scan = await new AxeBuilder({ page }).analyze();
      const severe = scan.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(severe).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('is usable from the keyboard: Tab reaches every control in order, Enter runs', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, `${app.url}${SHORT}`);
    const reached: string[] = [];
    for (let i = 0; i < 80 && !reached.includes('run'); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
    }
    // The skip link first, the backend switch, then the form from its preset to Run.
    expect(reached[0]).toBe('skip');
    const order = ['backend-choice', 'preset', 'hidden-sizes', 'iterations', 'seeds', 'run'].map((id) =>
      reached.indexOf(id),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The focused control shows it.
    expect(await page.$eval('#run', (button) => getComputedStyle(button).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    expect(errors).toEqual([]);
    await page.close();
  });
});
