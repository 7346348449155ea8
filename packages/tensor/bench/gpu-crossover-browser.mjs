// Where gpu.js overtakes the cpu backend, in headless Chromium: the measurement of gpu-crossover.mjs run in a
// page, cpu (WebAssembly in the page) against gpu.js's WebGL2 kernels. Run after `pnpm build`.
// Usage: node bench/gpu-crossover-browser.mjs [--json] [--modes webgl2,webasm]
// Needs a Chromium (Debian's `chromium`, or CHROMIUM_PATH) and playwright-core, which the workspace installs for
// apps/demo. The page loads dist/ as it is (its one bare import, gpu.js, mapped to gpu.js's browser build):
// no bundler, so the page runs exactly the built package.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossovers, formatTable } from './gpu-crossover-core.mjs';

const json = process.argv.includes('--json');
const modesAt = process.argv.indexOf('--modes');
const modes = modesAt > 0 ? process.argv[modesAt + 1].split(',') : ['webgl2'];

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const gpujsRoot = dirname(createRequire(import.meta.url).resolve('gpu.js/package.json'));
const demoRequire = createRequire(new URL('../../../apps/demo/package.json', import.meta.url));
const { chromium } = demoRequire('playwright-core');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(
    `no Chromium at ${chromiumPath}: install it (\`apt-get install -y chromium\` on Debian) or point CHROMIUM_PATH at one`,
  );
  process.exit(1);
}
/** The flags apps/demo's browser tests launch Chromium with (as root, offline). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PAGE = `<!doctype html>
<link rel="icon" href="data:,">
<script src="/gpu.js/dist/gpu-browser.js"></script>
<script type="importmap">{ "imports": { "gpu.js": "/gpu.js-module.mjs" } }</script>
<script type="module">
  import * as bench from '/bench/gpu-crossover-core.mjs';
  window.bench = bench;
</script>`;
// gpu-browser.js is a UMD script that sets window.GPU; the tensor package imports gpu.js as a module.
const GPUJS_MODULE = 'export default globalThis.GPU;';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

/** Serves the page, the package's bench/ and dist/, and gpu.js, on 127.0.0.1 at a free port. */
function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    const send = (status, body, type) => response.writeHead(status, { 'content-type': type }).end(body);
    if (path === '/') return send(200, PAGE, TYPES['.html']);
    if (path === '/gpu.js-module.mjs') return send(200, GPUJS_MODULE, TYPES['.mjs']);
    const file = path.startsWith('/gpu.js/dist/')
      ? join(gpujsRoot, path.slice('/gpu.js'.length))
      : /^\/(bench|dist)\//.test(path)
        ? join(packageRoot, path)
        : null;
    try {
      if (file === null) throw new Error('not served');
      send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, `not found: ${path}`, 'text/plain');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await serve();
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // The bench's progress (console.log) and errors; Chromium's own WebGL performance warnings are left out.
  page.on('console', (message) => ['log', 'error'].includes(message.type()) && console.error(message.text()));
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.bench !== undefined);
  const report = await page.evaluate((modes) => window.bench.measure(modes, (line) => console.log(line)), modes);
  const environment = `Chromium ${browser.version()} headless, ${await page.evaluate(() => navigator.hardwareConcurrency)} cores`;
  if (json) {
    console.log(
      JSON.stringify(
        { date: new Date().toISOString(), environment, ...report, crossovers: crossovers(report) },
        null,
        2,
      ),
    );
  } else {
    console.log(formatTable(report, environment));
  }
} finally {
  await browser.close();
  server.close();
}
