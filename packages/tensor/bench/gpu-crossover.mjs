// Where gpu.js overtakes the cpu backend, in Node: ms per matmul call on cpu and on gpu.js's headless-gl (where
// the `gl` package is installed and a display exists) and webasm modes, for square products n = 32…2048 and the
// book MLP's shapes. Run after `pnpm build`. The measurement lives in gpu-crossover-core.mjs.
// Usage: node bench/gpu-crossover.mjs [--json] [--modes headlessgl,webasm]
// headless-gl is not in the workspace install; with it built elsewhere:
//   NODE_PATH=<dir>/node_modules xvfb-run -a node bench/gpu-crossover.mjs
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { crossovers, formatTable, measure } from './gpu-crossover-core.mjs';

const json = process.argv.includes('--json');
const modesAt = process.argv.indexOf('--modes');
const modes = modesAt > 0 ? process.argv[modesAt + 1].split(',') : ['headlessgl', 'webasm'];

const report = await measure(modes, (line) => console.error(line));
const environment = `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`;

// headless-gl hides the driver (its renderer string is just "ANGLE"); glxinfo, where installed, names it.
const headlessgl = report.backends.find((backend) => backend.kind === 'headlessgl');
if (headlessgl) {
  const glxinfo = spawnSync('glxinfo', ['-B'], { encoding: 'utf8' });
  const driver = glxinfo.status === 0 ? /OpenGL renderer string: (.*)/.exec(glxinfo.stdout)?.[1] : undefined;
  headlessgl.glxRenderer = driver ?? null;
  headlessgl.renderer = `${headlessgl.renderer}; ${driver ? `glxinfo on this display: ${driver}` : 'install mesa-utils for glxinfo to name the driver'}`;
}

if (json) {
  console.log(
    JSON.stringify({ date: new Date().toISOString(), environment, ...report, crossovers: crossovers(report) }, null, 2),
  );
} else {
  console.log(formatTable(report, environment));
}
