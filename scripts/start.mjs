// `pnpm start`: the main job — `initlab run seed`, the article's three experiments in one report.
// Extra arguments pass through: `pnpm start --seeds 0 --iterations 2000`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpmCommand } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'apps', 'cli', 'dist', 'bin.js');

// Always build first: turbo replays what is unchanged from its cache in a second or two, and a stale CLI would
// run yesterday's code.
const pnpm = pnpmCommand(['build', '--output-logs=errors-only']);
const build = spawnSync(pnpm.command, pnpm.args, { ...pnpm.options, cwd: root, stdio: 'inherit' });
if (build.status !== 0 || !existsSync(bin)) process.exit(build.status || 1);

// Ctrl-C reaches the CLI too, which then writes the report of what finished; wait for it instead of dying first.
process.on('SIGINT', () => {});
const run = spawnSync(process.execPath, [bin, 'run', 'seed', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? (run.signal === 'SIGINT' ? 130 : 1));
