// `pnpm demo`: builds the web demo and every package it bundles, then serves the production build on 127.0.0.1
// (with the cross-origin isolation headers it needs).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpmCommand } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps', 'demo');

// Always build: turbo knows every input of the demo and replays an unchanged build from its cache in seconds.
const build = pnpmCommand(['build', '--filter=@initlab/demo...', '--output-logs=errors-only']);
const built = spawnSync(build.command, build.args, { ...build.options, cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const port = process.env.PORT ?? '4173';
console.log(`initlab: serving the demo at http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
const preview = pnpmCommand(['exec', 'vite', 'preview', '--host', '127.0.0.1', '--port', port]);
const server = spawn(preview.command, preview.args, { ...preview.options, cwd: app, stdio: 'inherit' });
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
