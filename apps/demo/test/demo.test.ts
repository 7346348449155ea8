import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseBackend,
  collectErrors,
  openApp,
  runSeedHe,
  skipBrowser,
  waitForStatus,
  withoutIsolation,
  servedApp,
} from './harness';

type Runs = { label: string; seed: number; status: string; loss: number[] }[];

const ITERATIONS = 60;

/** From seed-he, keeps only its He + ReLU row (optionally switched to `initializer`) on a narrow net: 10 iterations, seed 0. */
async function runNarrowCustom(page: Page, initializer?: string): Promise<void> {
  await page.selectOption('[data-testid="preset"]', 'seed-he');
  await page.click('#initializer-list .initializer:nth-child(1) button'); // remove σ = 0.1 + sigmoid
  await page.click('#initializer-list .initializer:nth-child(1) button'); // remove Xavier + sigmoid
  expect(await page.inputValue('[data-testid="preset"]')).toBe('custom');
  if (initializer)
    await page.selectOption('#initializer-list .initializer:nth-child(1) select.initializer-name', initializer);
  await page.fill('#hidden-sizes', '10');
  await page.fill('[data-testid="iterations"]', '10');
  await page.fill('#eval-every', '10');
  await page.fill('#seeds', '0');
  await page.click('[data-testid="run"]');
}

function chartPoints(page: Page, testid: string): Promise<{ curves: number; points: number[] }> {
  return page.$eval(`[data-testid="${testid}"]`, (element) => ({
    curves: Number((element as HTMLElement).dataset.curves),
    points: ((element as HTMLElement).dataset.points ?? '').split(',').map(Number),
  }));
}

describe.skipIf(skipBrowser)('the demo in Chromium', () => {
  const app = servedApp();

  it('trains seed-he with auto on cpu: three live curves, accuracies, histograms, a summary', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    // SwiftShader is a CPU pretending to be a GPU: auto must not take it.
    expect(await page.textContent('[data-testid="backend"]')).toBe('cpu');

    await runSeedHe(page, ITERATIONS, 20);
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    const runs = (await page.evaluate(() => window.__initlab.runs)) as Runs;
    expect(runs.map((run) => run.label)).toEqual(['param=0.1 + sigmoid', 'Xavier + sigmoid', 'He + ReLU']);
    for (const run of runs) {
      expect(run.status).toBe('done');
      expect(run.loss).toHaveLength(ITERATIONS);
      expect(run.loss.every(Number.isFinite)).toBe(true);
    }
    // He + ReLU learns within 60 iterations; the book's σ = 0.1 sigmoid barely moves.
    expect(runs[2].loss.at(-1)!).toBeLessThan(runs[2].loss[0] - 0.5);
    expect(await chartPoints(page, 'loss-chart')).toEqual({ curves: 3, points: [ITERATIONS, ITERATIONS, ITERATIONS] });
    // Test and train accuracy per run, evaluated at iterations 0, 20, 40 and 60.
    expect(await chartPoints(page, 'accuracy-chart')).toEqual({ curves: 6, points: [4, 4, 4, 4, 4, 4] });
    expect(await page.$eval('[data-testid="histogram"]', (e) => (e as HTMLElement).dataset.layers)).toBe('1');
    expect(await page.textContent('[data-testid="summary"] tbody')).toContain('He + ReLU');
    expect(await page.evaluate(() => window.__initlab.results!.runs.map((run) => run.backend))).toEqual([
      'cpu',
      'cpu',
      'cpu',
    ]);

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const saved = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(saved.schemaVersion).toBe(1);
    expect(saved.runs.map((run: { loss: number[] }) => run.loss)).toEqual(runs.map((run) => run.loss));
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="loss"]')]);
    expect(png.suggestedFilename()).toBe('initlab-seed-he-loss.png');
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');
    // 60 iterations are too few for seed-he's claims (they need 350 and more): the findings say so, and the
    // report built in the page, with the CLI's code, carries the same verdicts.
    expect(saved.checks.map((check: { id: string; verdict: string }) => check.verdict)).toEqual(['n/a', 'n/a', 'n/a']);
    expect(await page.textContent('[data-testid="findings"]')).toContain(
      'Not checked here: “He + ReLU drops the loss fastest',
    );
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-report"]')]);
    expect(report.suggestedFilename()).toBe('initlab-seed-he-report.html');
    const html = await readFile((await report.path())!, 'utf8');
    expect(html).toContain('Findings, checked against this run');
    expect(html).toContain('<img src="data:image/svg+xml;base64,');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains on gpujs:webgl2 to the curve the cpu backend trains to', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    // SwiftShader runs gpu.js about ten times slower than the cpu backend: a short run of a narrow net.
    const losses: Record<string, number[]> = {};
    for (const backend of ['cpu', 'gpujs:webgl2']) {
      await chooseBackend(page, backend.split(':')[0], backend);
      await runNarrowCustom(page);
      expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
      const results = await page.evaluate(() =>
        window.__initlab.results!.runs.map((run) => ({ backend: run.backend, loss: run.loss })),
      );
      expect(results).toHaveLength(1);
      expect(results[0].backend).toBe(backend);
      losses[backend] = results[0].loss;
    }
    const cpu = losses.cpu;
    const gpu = losses['gpujs:webgl2'];
    expect(gpu).toHaveLength(10);
    const worst = Math.max(...gpu.map((loss, i) => Math.abs(loss - cpu[i]) / Math.abs(cpu[i])));
    expect(worst, 'largest relative loss difference, gpujs vs cpu').toBeLessThan(1e-3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the initializer plugins and trains with one of them by name', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    await page.selectOption('[data-testid="preset"]', 'seed-he');
    const names = await page.$$eval(
      '#initializer-list .initializer:nth-child(1) select.initializer-name option',
      (options) => options.map((option) => (option as HTMLOptionElement).value),
    );
    expect(names).toEqual(expect.arrayContaining(['he', 'xavier', 'heScaled', 'fixedVarianceUniform']));
    await runNarrowCustom(page, 'fixedVarianceUniform');
    expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
    const runs = await page.evaluate(() =>
      window.__initlab.results!.runs.map((run) => ({ initializer: run.initializer.name, loss: run.loss })),
    );
    expect(runs).toHaveLength(1);
    expect(runs[0].initializer).toBe('fixedVarianceUniform');
    expect(runs[0].loss).toHaveLength(10);
    // One run alone gets every core as matmul threads (Web Workers on the page's shared memory).
    const { threads, cores } = await page.evaluate(() => ({
      threads: window.__initlab.results!.environment.threads,
      cores: navigator.hardwareConcurrency,
    }));
    expect(threads).toBe(Math.min(cores, 16));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains one run on two threads, half of each batch on a helper thread, with the numbers of one thread', async () => {
    const train = async (isolated: boolean) => {
      const page = await app.browser.newPage();
      const errors = collectErrors(page);
      if (!isolated) await withoutIsolation(page);
      await openApp(page, app.url);
      await page.selectOption('[data-testid="preset"]', 'seed-he');
      await page.click('#initializer-list .initializer:nth-child(1) button'); // leaves He + ReLU
      await page.click('#initializer-list .initializer:nth-child(1) button');
      await page.fill('#hidden-sizes', '100,100');
      await page.fill('[data-testid="iterations"]', '600');
      await page.fill('#eval-every', '300');
      await page.fill('#seeds', '0');
      await page.click('[data-testid="run"]');
      expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
      const outcome = await page.evaluate(() => {
        const results = window.__initlab.results!;
        return { threads: results.environment.threads, cores: navigator.hardwareConcurrency, run: results.runs[0] };
      });
      expect(errors).toEqual([]);
      await page.close();
      return outcome;
    };
    const helped = await train(true);
    // Without cross-origin isolation there is no shared memory: one thread, no helper.
    const alone = await train(false);
    expect(alone.threads).toBe(1);
    expect(alone.run.helperSteps).toBeUndefined();
    if (helped.cores >= 2) {
      expect(helped.threads).toBe(Math.min(helped.cores, 16));
      expect(helped.run.helperSteps).toBeGreaterThan(0);
    }
    expect(helped.run.loss).toHaveLength(600);
    expect(helped.run.loss).toEqual(alone.run.loss);
    expect(helped.run.evals).toEqual(alone.run.evals);
  });

  it('stops a run and keeps its partial curves', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    await runSeedHe(page, 20_000, 20_000);
    await page.waitForFunction(() => window.__initlab.runs.some((run) => run.loss.length >= 3), null, {
      timeout: 120_000,
    });
    await page.click('[data-testid="stop"]');
    expect(await waitForStatus(page, ['stopped', 'done', 'error'])).toBe('stopped');
    const runs = (await page.evaluate(() => window.__initlab.runs)) as Runs;
    const trained = runs.filter((run) => run.loss.length > 0);
    expect(trained.length).toBeGreaterThan(0);
    for (const run of trained) {
      expect(run.status).toBe('interrupted');
      expect(run.loss.length).toBeLessThan(20_000);
    }
    const { points } = await chartPoints(page, 'loss-chart');
    expect(Math.max(...points)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws accuracy and histograms while training, in workers without cross-origin isolation', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    // No SharedArrayBuffer, so MNIST is copied per worker.
    await withoutIsolation(page);
    await openApp(page, app.url);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    await runSeedHe(page, 20_000, 20);
    // Two evaluation points of a run (iterations 0 and 20) while it is still running.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="status"]')!.textContent!.trim() === 'running' &&
        ((document.querySelector('[data-testid="accuracy-chart"]') as HTMLElement).dataset.points ?? '')
          .split(',')
          .some((n) => Number(n) >= 2),
      null,
      { timeout: 120_000, polling: 100 },
    );
    expect(Number(await page.getAttribute('#histogram-step', 'max'))).toBeGreaterThanOrEqual(1);
    expect(
      await page.$eval('[data-testid="histogram"]', (e) => Number((e as HTMLElement).dataset.iteration)),
    ).toBeGreaterThan(0);
    await page.click('[data-testid="stop"]');
    expect(await waitForStatus(page, ['stopped', 'done', 'error'])).toBe('stopped');
    const runs = (await page.evaluate(() => window.__initlab.runs)) as Runs;
    expect(runs.some((run) => run.status === 'interrupted' && run.loss.length > 0)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows gpujs:webgpu as unavailable, with the reason, where WebGPU offers no adapter', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    // This Chromium has navigator.gpu but, without --enable-unsafe-webgpu, no adapter to give.
    await chooseBackend(page, 'gpujs:webgpu', 'unavailable');
    const reason =
      'WebGPU offers no adapter here (headless Chromium without a GPU offers one only with --enable-unsafe-webgpu)';
    expect(await page.textContent('#error')).toBe(`Backend 'gpujs:webgpu': gpujs:webgpu cannot run here: ${reason}`);
    const option = '[data-testid="backend-choice"] option[value="gpujs:webgpu"]';
    await page.waitForFunction((selector) => document.querySelector(selector)!.textContent !== 'gpujs:webgpu', option);
    expect(await page.textContent(option)).toBe('gpujs:webgpu (unavailable)');
    expect(await page.getAttribute(option, 'title')).toBe(reason);
    expect(await page.isDisabled('[data-testid="run"]')).toBe(false);
    await page.click('[data-testid="run"]');
    expect(await page.textContent('[data-testid="status"]')).toBe('idle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('splits the cpu matmul over Web Workers with products bit-identical to one thread', async () => {
    const page = await app.browser.newPage();
    await openApp(page, app.url);
    const check = await page.evaluate(() => window.__initlab.checkKernels('threads'));
    expect(check.backend).toMatch(/^cpu:wasm(-relaxed)?-simd×2$/);
    // the -sparse forms take the kernels' path for operands that are mostly zeros, on one thread and on two
    for (const form of ['ab', 'atb', 'abt', 'ab-sparse', 'atb-sparse']) {
      expect(check.relativeError[form], form).toBe(0);
      expect(check.referenceError[form], form).toBeLessThan(1e-4);
    }
    await page.close();
  });

  it('multiplies on gpu.js WebGL2 as on the cpu backend', async () => {
    const page = await app.browser.newPage();
    await openApp(page, app.url);
    const check = await page.evaluate(() => window.__initlab.checkKernels('gpujs'));
    expect(check.backend).toBe('gpujs:webgl2');
    for (const form of ['ab', 'atb', 'abt', 'ab-sparse', 'atb-sparse']) {
      expect(check.relativeError[form], form).toBeLessThan(1e-4);
      expect(check.referenceError[form], form).toBeLessThan(1e-4);
    }
    await page.close();
  });
});
