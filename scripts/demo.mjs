// `pnpm demo`: builds the web demo when its build is missing or older than its sources, then serves
// the production build on 127.0.0.1 (with the cross-origin isolation headers it needs).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps', 'demo');
const built = join(app, 'dist', 'index.html');

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

// The demo and every package it bundles: their built dist/ is what Vite reads.
const sources = [
  join(app, 'src'),
  join(app, 'index.html'),
  join(app, 'vite.config.ts'),
  ...['tensor', 'initializers', 'layers', 'optimizers', 'datasets', 'trainer'].map((name) => join(root, 'packages', name, 'src')),
].filter(existsSync);

if (!existsSync(built) || newestChange(built) < Math.max(...sources.map(newestChange))) {
  console.log('initlab: building the demo (pnpm build --filter=@initlab/demo...)');
  const build = spawnSync('pnpm', ['build', '--filter=@initlab/demo...'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '4173';
console.log(`initlab: serving the demo at http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
const server = spawn('pnpm', ['exec', 'vite', 'preview', '--host', '127.0.0.1', '--port', port], { cwd: app, stdio: 'inherit' });
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
