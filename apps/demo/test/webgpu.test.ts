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

interface TrainedRun {
  label: string;
  backend: string;
  loss: number[];
  evals: { iteration: number; trainAccuracy: number; testAccuracy: number }[];
}

/**
 * seed-he's three runs, narrowed from 784-50-10 to 784-10-10 and evaluated at iterations 0 and 10 only:
 * SwiftShader's WebGPU computes about 0.15 GFLOP/s, and each evaluation point multiplies 20 000 samples through
 * the first layer.
 */
const ITERATIONS = 10;
const EVAL_EVERY = 10;
const HIDDEN = '10';
/** Samples behind each accuracy (the whole test set, and as many training samples). */
const EVALUATED_SAMPLES = 10_000;

describe.skipIf(skipBrowser)('WebGPU (Chromium with --enable-unsafe-webgpu)', () => {
  // Without a GPU, Chromium's fallback adapter (SwiftShader) answers only behind this flag.
  const app = servedApp(['--enable-unsafe-webgpu']);

  it('multiplies on gpu.js WebGPU as on the cpu backend', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.url);
    const check = await page.evaluate(() => window.__initlab.checkKernels('webgpu'));
    expect(check.backend).toBe('gpujs:webgpu');
    for (const form of ['ab', 'atb', 'abt', 'ab-sparse', 'atb-sparse']) {
      expect(check.relativeError[form], form).toBeLessThan(1e-4);
      expect(check.referenceError[form], form).toBeLessThan(1e-4);
    }
    await page.close();
  });

  it('trains seed-he on gpujs:webgpu to the loss and accuracy curves of the cpu backend', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await openApp(page, app.url);
    const trained: Record<string, TrainedRun[]> = {};
    for (const backend of ['cpu', 'gpujs:webgpu']) {
      await chooseBackend(page, backend, backend);
      await runSeedHe(page, ITERATIONS, EVAL_EVERY, HIDDEN);
      expect(await waitForStatus(page, ['done', 'error'])).toBe('done');
      expect(await page.textContent('[data-testid="backend"]')).toBe(backend);
      const results = await page.evaluate(() => window.__initlab.results!);
      expect(results.environment.backend).toBe(backend);
      trained[backend] = results.runs.map((run) => ({
        label: run.label,
        backend: run.backend,
        loss: run.loss,
        evals: run.evals,
      }));
    }
    const cpu = trained.cpu;
    const gpu = trained['gpujs:webgpu'];
    expect(gpu.map((run) => run.label)).toEqual(cpu.map((run) => run.label));
    expect(gpu).toHaveLength(3);
    gpu.forEach((run, index) => {
      const reference = cpu[index];
      expect(run.backend).toBe('gpujs:webgpu');
      expect(run.loss).toHaveLength(ITERATIONS);
      // Float32 products summed in another order drift apart by about 1e-8 in ten steps; an indexing or transpose
      // mistake moves the loss by whole percent.
      const worstLoss = Math.max(
        ...run.loss.map((loss, i) => Math.abs(loss - reference.loss[i]) / Math.abs(reference.loss[i])),
      );
      expect(worstLoss, `${run.label}: largest relative loss difference, webgpu vs cpu`).toBeLessThan(1e-5);
      expect(run.evals.map((e) => e.iteration)).toEqual([0, 10]);
      // Rounding can flip a prediction whose two best logits tie to float32 precision: a few samples at most.
      run.evals.forEach((point, i) => {
        const other = reference.evals[i];
        const flipped = Math.max(
          Math.abs(point.testAccuracy - other.testAccuracy),
          Math.abs(point.trainAccuracy - other.trainAccuracy),
        );
        expect(
          flipped * EVALUATED_SAMPLES,
          `${run.label}, iteration ${point.iteration}: samples classified differently`,
        ).toBeLessThanOrEqual(3);
      });
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows gpujs:webgpu as unavailable, with the reason, on a page that is not cross-origin isolated', async () => {
    const page = await app.browser.newPage();
    const errors = collectErrors(page);
    await withoutIsolation(page);
    await openApp(page, app.url);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    await chooseBackend(page, 'gpujs:webgpu', 'unavailable');
    const reason =
      'the page is not cross-origin isolated (served without the COOP/COEP headers), so training workers cannot share memory with the GPU agent';
    expect(await page.textContent('#error')).toBe(`Backend 'gpujs:webgpu': gpujs:webgpu cannot run here: ${reason}`);
    const option = '[data-testid="backend-choice"] option[value="gpujs:webgpu"]';
    await page.waitForFunction((selector) => document.querySelector(selector)!.textContent !== 'gpujs:webgpu', option);
    expect(await page.getAttribute(option, 'title')).toBe(reason);
    expect(errors).toEqual([]);
    await page.close();
  });
});
