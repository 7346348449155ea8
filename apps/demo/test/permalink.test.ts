import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectErrors, openApp, skipBrowser, waitForStatus, servedApp } from './harness';

/** Every field a link carries, as the page shows it. */
function fields(page: Page) {
  return page.evaluate(() => {
    const value = (selector: string) => document.querySelector<HTMLInputElement>(selector)!.value;
    return {
      preset: value('[data-testid="preset"]'),
      runs: [...document.querySelectorAll('#initializer-list .initializer')].map((row) =>
        [...row.querySelectorAll<HTMLInputElement>('select, input')].map((input) => input.value),
      ),
      hidden: value('#hidden-sizes'),
      optimizer: value('#optimizer'),
      lr: value('#learning-rate'),
      batch: value('#batch-size'),
      iterations: value('[data-testid="iterations"]'),
      every: value('#eval-every'),
      seeds: value('[data-testid="seeds"]'),
      backend: value('[data-testid="backend-choice"]'),
    };
  });
}

/** What must repeat bit for bit: each run's label, seed, loss per iteration and evaluation points. */
function trained(page: Page) {
  return page.evaluate(() =>
    window.__initlab.results!.runs.map(({ label, seed, status, loss, evals }) => ({
      label,
      seed,
      status,
      loss,
      evals,
    })),
  );
}

describe.skipIf(skipBrowser)('permalinks in Chromium', () => {
  const app = servedApp();

  it('puts every field in the URL, reopens it in a new page with the same fields, and repeats the run exactly', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    // A custom comparison on a narrow net: He + ReLU (gain changed on heScaled) against Xavier + tanh, two seeds.
    await page.selectOption('[data-testid="preset"]', 'seed-he');
    await page.click('#initializer-list .initializer:nth-child(1) button'); // remove σ = 0.1 + sigmoid
    await page.selectOption('#initializer-list .initializer:nth-child(1) select.activation', 'tanh');
    await page.selectOption('#initializer-list .initializer:nth-child(2) select.initializer-name', 'heScaled');
    await page.fill('#initializer-list .initializer:nth-child(2) [data-param="gain"]', '1.5');
    await page.fill('#hidden-sizes', '12,8');
    await page.selectOption('#optimizer', 'momentum');
    await page.fill('#learning-rate', '0.05');
    await page.fill('#batch-size', '50');
    await page.fill('[data-testid="iterations"]', '12');
    await page.fill('#eval-every', '6');
    await page.fill('[data-testid="seeds"]', '3,4');
    await page.selectOption('[data-testid="backend-choice"]', 'cpu');
    const url = new URL(page.url());
    expect(url.searchParams.get('preset')).toBe('custom');
    expect(url.searchParams.getAll('r')).toEqual(['xavier:tanh', 'heScaled:relu:gain=1.5']);
    expect(Object.fromEntries([...url.searchParams].filter(([key]) => key !== 'preset' && key !== 'r'))).toEqual({
      hidden: '12,8',
      optimizer: 'momentum',
      lr: '0.05',
      batch: '50',
      iterations: '12',
      every: '6',
      seeds: '3,4',
      backend: 'cpu',
    });
    const shown = await fields(page);
    await page.click('[data-testid="run"]');
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    const first = await trained(page);
    expect(first.map((run) => [run.label, run.seed])).toEqual([
      ['xavier + tanh', 3],
      ['xavier + tanh', 4],
      ['heScaled(gain=1.5) + relu', 3],
      ['heScaled(gain=1.5) + relu', 4],
    ]);
    // Run again: the same seeds give the same numbers, bit for bit.
    await page.click('[data-testid="run"]');
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    expect(await trained(page)).toEqual(first);

    // A new page from the link (and `run=1`): the same fields, and it trains at once to the same numbers.
    const reopened = await app.browser.newPage();
    const reopenedErrors = collectErrors(reopened);
    await reopened.goto(`${page.url()}&run=1`);
    expect(await waitForStatus(reopened, ['done', 'error'])).toBe('done');
    expect(await fields(reopened)).toEqual(shown);
    expect(await reopened.$$('[data-link-problem]')).toHaveLength(0);
    expect(await trained(reopened)).toEqual(first);
    expect(errors).toEqual([]);
    expect(reopenedErrors).toEqual([]);
    await page.close();
    await reopened.close();
  });

  it('keeps a preset a preset: its name and overrides reopen it', async () => {
    const page = await app.browser.newPage();
    await openApp(page, `${app.url}?preset=book-compare&iterations=40&seeds=1,2`);
    expect(await page.inputValue('[data-testid="preset"]')).toBe('book-compare');
    expect(await page.inputValue('[data-testid="iterations"]')).toBe('40');
    expect(await page.inputValue('#eval-every')).toBe('2');
    expect(await page.inputValue('[data-testid="seeds"]')).toBe('1,2');
    // The link the page writes (every field, the preset's own values) reopens the preset, not a custom copy.
    const full = page.url();
    expect(new URL(full).searchParams.getAll('r').length).toBeGreaterThan(1);
    const reopened = await app.browser.newPage();
    await openApp(reopened, full);
    expect(await fields(reopened)).toEqual(await fields(page));
    expect(reopened.url()).toBe(full);
    await page.close();
    await reopened.close();
  });

  it('runs a paper preset from a link: lsuv, its LSUV record and its claims (not applicable to 10 iterations)', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, `${app.url}?preset=lsuv&iterations=10&every=5&seeds=0&backend=cpu&run=1`);
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    const results = await page.evaluate(() => window.__initlab.results!);
    expect(results.runs.map((run) => run.label)).toEqual(['He', 'Orthogonal', 'LSUV']);
    const lsuv = results.runs[2].lsuv!;
    expect(lsuv.layers).toHaveLength(21);
    expect(lsuv.layers.every((layer) => Math.abs(layer.variance - 1) <= 0.1)).toBe(true);
    expect(results.checks?.filter((check) => check.experiment === 'lsuv').map((check) => check.verdict)).toContain(
      'n/a',
    );
    expect(await page.textContent('[data-testid="findings"]')).toContain('LSUV');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('replaces an unknown or out-of-range value of a link by the default, with a message beside its field', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    const bad = '?preset=seed-he&iterations=abc&batch=0&every=2.5&seeds=0,-1&optimizer=sgdd&backend=tpu&run=1';
    await openApp(page, `${app.url}${bad}`);
    const problems = await page.$$eval('[data-link-problem]', (notes) =>
      Object.fromEntries(notes.map((note) => [(note as HTMLElement).dataset.linkProblem, note.textContent])),
    );
    expect(Object.keys(problems).sort()).toEqual(['backend', 'batch', 'every', 'iterations', 'optimizer', 'seeds']);
    expect(problems.every).toContain("'2.5' is not a whole number");
    expect(problems.iterations).toBe("From the link, iterations: 'abc' is not a number — using '10000' instead.");
    expect(problems.batch).toContain("'0' is out of range");
    expect(problems.seeds).toContain("'0,-1' is not valid");
    expect(problems.optimizer).toContain("'sgdd' is unknown");
    expect(problems.backend).toContain("'tpu' is unknown");
    // Each note sits in its field's box and describes the field.
    expect(await page.$eval('#iterations', (input) => input.closest('.field')!.textContent)).toContain("'abc'");
    expect(await page.getAttribute('#batch-size', 'aria-invalid')).toBe('true');
    // The defaults of seed-he, still a preset; a link with a replaced value does not start the run.
    expect(await fields(page)).toMatchObject({
      preset: 'seed-he',
      iterations: '10000',
      batch: '100',
      seeds: '0,1,2',
      optimizer: 'sgd',
      backend: 'auto',
    });
    expect(await page.textContent('[data-testid="status"]')).toBe('idle');
    // Editing the field clears its note.
    await page.fill('[data-testid="iterations"]', '20');
    expect(await page.$('[data-link-problem="iterations"]')).toBeNull();
    // A bad run in the link keeps the preset's runs.
    await page.goto(`${app.url}?preset=seed-he&r=he:relu&r=hee:relu`);
    expect(await page.textContent('[data-link-problem="runs"]')).toContain("unknown initializer 'hee'");
    expect((await fields(page)).runs).toHaveLength(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('copies the link, or shows it to copy where the clipboard cannot be written', async () => {
    const context = await app.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    await openApp(page, `${app.url}?preset=seed-xavier&seeds=7`);
    await page.click('[data-testid="copy-link"]');
    await page.waitForFunction(() => document.querySelector('#copy-link-status')!.textContent === 'Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    expect(new URL(page.url()).searchParams.get('seeds')).toBe('7');

    const without = await context.newPage();
    await without.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await openApp(without, `${app.url}?preset=seed-xavier&seeds=7`);
    await without.click('[data-testid="copy-link"]');
    expect(await without.isVisible('#copy-link-url')).toBe(true);
    expect(await without.inputValue('#copy-link-url')).toBe(without.url());
    expect(await without.textContent('#copy-link-status')).toContain('Copy the link below');
    await context.close();
  });
});
