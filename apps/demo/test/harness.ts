import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

const chromiumAt = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser suites skip, with a notice, when `INITLAB_SKIP_BROWSER=1` or when Chromium is missing outside CI
 * (so the test command passes on a machine with only Node and npm). Under CI (`CI` set) a missing Chromium fails.
 */
export const skipBrowser = process.env.INITLAB_SKIP_BROWSER === '1' || (!process.env.CI && !existsSync(chromiumAt));
if (skipBrowser) {
  console.warn(
    `skipping the browser tests of @initlab/demo: ${
      process.env.INITLAB_SKIP_BROWSER === '1' ? 'INITLAB_SKIP_BROWSER=1' : `no Chromium at ${chromiumAt}`
    } — install it with \`apt-get install -y chromium\` (Debian) or point CHROMIUM_PATH at one to run them`,
  );
}

/** Debian's Chromium, or the one CHROMIUM_PATH names; fails loudly when it is missing. */
function chromiumPath(): string {
  if (!existsSync(chromiumAt)) {
    throw new Error(
      `Chromium not found at ${chromiumAt}: install it with \`apt-get install -y chromium\` (Debian), point CHROMIUM_PATH ` +
        'at another Chromium, or set INITLAB_SKIP_BROWSER=1 to skip the browser tests',
    );
  }
  return chromiumAt;
}

const ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Headless Chromium; `extraArgs` e.g. `--enable-unsafe-webgpu`. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...ARGS, ...extraArgs] });
}

/** The production build served on 127.0.0.1 at a free port (run `pnpm build` first; turbo does). */
export async function serveBuild(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(`${appRoot}/dist/index.html`)) {
    throw new Error(
      'apps/demo/dist is missing: run `pnpm --filter @initlab/demo build` (or `pnpm build`) before the tests',
    );
  }
  const server: PreviewServer = await preview({
    root: appRoot,
    logLevel: 'error',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/**
 * The production build served and a headless Chromium, for the tests of the `describe` block that calls this:
 * started before them (in the order of the block's hooks), closed after them.
 */
export function servedApp(extraArgs: string[] = []): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveBuild>> | undefined;
  beforeAll(async () => {
    server = await serveBuild();
    browser = await launchChromium(extraArgs);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('servedApp: Chromium has not started (use it inside a test or a later hook)');
      return browser;
    },
    get url() {
      if (!server) throw new Error('servedApp: the build is not served yet (use it inside a test or a later hook)');
      return server.url;
    },
  };
}

/** Console errors and uncaught exceptions of a page (and its workers), collected for assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('worker', (worker) =>
    worker.on('console', (message) => message.type() === 'error' && errors.push(message.text())),
  );
  return errors;
}

/** Opens the app and waits until the backend label says what computes. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => !['…', ''].includes(document.querySelector('[data-testid="backend"]')!.textContent!.trim()),
  );
}

/** Waits until the status line reads one of `statuses`, and returns it. */
export async function waitForStatus(page: Page, statuses: string[]): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const status = document.querySelector('[data-testid="status"]')!.textContent!.trim();
      return wanted.includes(status) && status;
    },
    statuses,
    { timeout: 150_000, polling: 100 },
  );
  return (await handle.jsonValue()) as string;
}

/** Picks `choice` in the backend switch and waits until the label names `label`. */
export async function chooseBackend(page: Page, choice: string, label: string): Promise<void> {
  await page.selectOption('[data-testid="backend-choice"]', choice);
  await page.waitForFunction((name) => document.querySelector('[data-testid="backend"]')!.textContent === name, label);
}

/** seed-he, one seed, `iterations` long, evaluated every `evalEvery` iterations; `hiddenSizes` (e.g. '10') narrows its net. */
export async function runSeedHe(
  page: Page,
  iterations: number,
  evalEvery: number,
  hiddenSizes?: string,
): Promise<void> {
  await page.selectOption('[data-testid="preset"]', 'seed-he');
  if (hiddenSizes) await page.fill('#hidden-sizes', hiddenSizes);
  await page.fill('[data-testid="iterations"]', String(iterations));
  await page.fill('#eval-every', String(evalEvery));
  await page.fill('#seeds', '0');
  await page.click('[data-testid="run"]');
}

/** Serves `page` as a server without COOP/COEP would: not cross-origin isolated, so no SharedArrayBuffer. */
export async function withoutIsolation(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
}
