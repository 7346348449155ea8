import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveBuild, skipBrowser } from './harness';

describe.skipIf(skipBrowser)('WebGPU kernels (Chromium with --enable-unsafe-webgpu)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuild>>;

  beforeAll(async () => {
    server = await serveBuild();
    // Without a GPU, Chromium's fallback adapter (SwiftShader) answers only behind this flag.
    browser = await launchChromium(['--enable-unsafe-webgpu']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('multiplies on gpu.js WebGPU as on the cpu backend', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const check = await page.evaluate(() => window.__initlab.checkKernels('webgpu'));
    expect(check.backend).toBe('gpujs:webgpu');
    for (const form of ['ab', 'atb', 'abt']) {
      expect(check.relativeError[form], form).toBeLessThan(1e-4);
      expect(check.referenceError[form], form).toBeLessThan(1e-4);
    }
    await page.close();
  });
});
