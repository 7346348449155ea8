import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

/** `INITLAB_SKIP_BROWSER=1` skips the browser suites (with a notice) on machines without Chromium. */
export const skipBrowser = process.env.INITLAB_SKIP_BROWSER === '1';
if (skipBrowser) console.warn('INITLAB_SKIP_BROWSER=1: skipping the browser tests of @initlab/demo');

/** Debian's Chromium, or the one CHROMIUM_PATH names; fails loudly when it is missing. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with \`apt-get install -y chromium\` (Debian), point CHROMIUM_PATH ` +
        'at another Chromium, or set INITLAB_SKIP_BROWSER=1 to skip the browser tests',
    );
  }
  return path;
}

const ARGS = ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** Headless Chromium; `extraArgs` e.g. `--enable-unsafe-webgpu`. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...ARGS, ...extraArgs] });
}

/** The production build served on 127.0.0.1 at a free port (run `pnpm build` first; turbo does). */
export async function serveBuild(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(`${appRoot}/dist/index.html`)) {
    throw new Error('apps/demo/dist is missing: run `pnpm --filter @initlab/demo build` (or `pnpm build`) before the tests');
  }
  const server: PreviewServer = await preview({
    root: appRoot,
    logLevel: 'error',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** Console errors and uncaught exceptions of a page (and its workers), collected for assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && errors.push(message.text())));
  return errors;
}
