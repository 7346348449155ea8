import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '../../..');
const consumerFiles = resolve(import.meta.dirname, '../consumer');
// Versions a user would pick; the same as the workspace's.
const TYPESCRIPT = 'typescript@5.9.3';
const NODE_TYPES = '@types/node@20.19.43';

interface Packed {
  name: string;
  tarball: string;
  manifest: Record<string, unknown>;
  files: string[];
}

async function sh(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** `pnpm pack` of one workspace package: what npm would publish, with `workspace:` ranges rewritten. */
async function pack(directory: string, destination: string): Promise<Packed> {
  const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  await sh('pnpm', ['pack', '--pack-destination', destination], directory);
  const tarball = join(destination, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
  const files = (await sh('tar', ['-tzf', tarball], destination))
    .trim()
    .split('\n')
    .map((file) => file.replace(/^package\//, ''));
  const packedManifest = JSON.parse(await sh('tar', ['-xzOf', tarball, 'package/package.json'], destination));
  return { name: manifest.name, tarball, manifest: packedManifest, files };
}

/** A project outside the workspace with the given packages installed by plain npm. */
async function scratchProject(directory: string, specs: string[]): Promise<string> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await cp(consumerFiles, directory, { recursive: true });
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], directory);
  return directory;
}

/** Runs `script` in `directory`; it prints one JSON value, read here as `T`. */
async function node<T>(directory: string, script: string, ...args: string[]): Promise<T> {
  return JSON.parse(await sh(process.execPath, [script, ...args], directory));
}

let scratch: string;
let packed: Packed[];
/** The command, packed but not installed here: what it ships is the question. */
let cli: Packed;
let minimal: string;
let full: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'initlab-pack-'));
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  const packageDirectories = (await readdir(join(repoRoot, 'packages'))).map((name) =>
    join(repoRoot, 'packages', name),
  );
  packed = await Promise.all(packageDirectories.map((directory) => pack(directory, tarballs)));
  cli = await pack(join(repoRoot, 'apps', 'cli'), tarballs);
  const tarballOf = (name: string) => packed.find((entry) => entry.name === name)!.tarball;
  [minimal, full] = await Promise.all([
    scratchProject(join(scratch, 'minimal'), [tarballOf('@initlab/initializers'), tarballOf('@initlab/tensor')]),
    scratchProject(join(scratch, 'full'), [...packed.map((entry) => entry.tarball), TYPESCRIPT, NODE_TYPES]),
  ]);
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('packed tarballs', () => {
  it('cover every package, each a devDependency here so that turbo builds it before this test', async () => {
    const own = JSON.parse(await readFile(resolve(import.meta.dirname, '../package.json'), 'utf8'));
    expect(Object.keys(own.devDependencies).sort()).toEqual([...packed, cli].map((entry) => entry.name).sort());
  });

  it('ship the built entry points, README and LICENSE, and no sources or tests', () => {
    for (const { name, files } of packed) {
      for (const required of [
        'package.json',
        'README.md',
        'LICENSE',
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
      ]) {
        expect(files, `${name} lacks ${required}`).toContain(required);
      }
      expect(
        files.filter((file) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(file)),
        name,
      ).toEqual([]);
    }
  });

  it('carry publishing metadata and no workspace: ranges', () => {
    for (const { name, manifest } of packed) {
      expect(JSON.stringify(manifest), name).not.toContain('workspace:');
      expect(manifest, name).toMatchObject({
        license: 'MIT',
        engines: { node: '>=20' },
        repository: {
          type: 'git',
          url: 'git+https://github.com/initlab/initlab.git',
          directory: expect.stringMatching(/^packages\//),
        },
      });
      // Only modules that act when imported are listed: the trainer's worker entries start their message loop.
      const expectedSideEffects =
        name === '@initlab/trainer' ? ['./dist/worker.js', './dist/worker.cjs', './dist/browser/worker.js'] : false;
      expect(manifest.sideEffects, name).toEqual(expectedSideEffects);
      const root = (manifest.exports as Record<string, Record<string, { types?: string }>>)['.'];
      expect(root.import.types, name).toMatch(/\.d\.ts$/);
      expect(root.require.types, name).toMatch(/\.d\.cts$/);
      for (const [dependency, range] of Object.entries({ ...(manifest.dependencies as object) })) {
        if (dependency.startsWith('@initlab/')) expect(range, `${name} → ${dependency}`).toMatch(/^\^\d+\.\d+\.\d+$/);
      }
    }
  });
});

describe('@initlab/cli', () => {
  it('ships the command without the benchmark suite or any Python', async () => {
    expect(cli.files).toContain('dist/bin.js');
    expect(
      cli.files.filter((file) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(file)),
    ).toEqual([]);
    expect(cli.files.filter((file) => /bench|\.py$/.test(file))).toEqual([]);
    const code = await sh(
      'tar',
      ['-xzOf', cli.tarball, ...cli.files.filter((file) => /\.js$/.test(file)).map((file) => `package/${file}`)],
      scratch,
    );
    for (const trace of ['python3', 'numpy', 'OPENBLAS', 'runBenchmarks']) expect(code, trace).not.toContain(trace);
  });
});

describe('@initlab/initializers with @initlab/tensor alone', () => {
  // He: N(0, 2/fanIn). Bounds: 5 standard errors of the sample mean (σ/√N) and of the sample std (σ/√(2N)).
  const count = 784 * 100;
  const sigma = Math.sqrt(2 / 784);

  it('installs without gpu.js, an optional peer dependency', async () => {
    expect(existsSync(join(minimal, 'node_modules/@initlab/tensor/package.json'))).toBe(true);
    expect(existsSync(join(minimal, 'node_modules/gpu.js'))).toBe(false);
    expect(await readFile(join(minimal, 'package-lock.json'), 'utf8')).not.toContain('node_modules/gpu.js');
  });

  it('He-initialises a 784×100 matrix from ESM and CommonJS, identically', async () => {
    type Moments = { count: number; mean: number; std: number };
    const esm = await node<Moments>(minimal, 'he.mjs');
    const cjs = await node<Moments>(minimal, 'he.cjs');
    expect(esm.count).toBe(count);
    expect(Math.abs(esm.mean)).toBeLessThan((5 * sigma) / Math.sqrt(count));
    expect(Math.abs(esm.std - sigma)).toBeLessThan((5 * sigma) / Math.sqrt(2 * count));
    expect(cjs).toEqual(esm);
  });

  it('explains that gpu.js is missing when the gpujs backend is asked for', async () => {
    const outcome = await node<{ isBackendError: boolean; message: string }>(minimal, 'gpujs-missing.mjs');
    expect(outcome.isBackendError).toBe(true);
    expect(outcome.message).toMatch(/npm i gpu\.js@2\.24\.1/);
  });
});

describe('every package installed from its tarball', () => {
  it('exposes the same names from its ESM and CommonJS builds', async () => {
    const names = packed.map((entry) => entry.name);
    const esm = await node<Record<string, string[]>>(full, 'exports.mjs', ...names);
    const cjs = await node<Record<string, string[]>>(full, 'exports.cjs', ...names);
    for (const name of names) expect(esm[name].length, name).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });

  it('trains 100 iterations on synthetic data with @initlab/trainer', async () => {
    const outcome = await node<{ lastLoss: number; firstLoss: number; testAccuracy: number }>(full, 'train.mjs');
    expect(outcome).toMatchObject({ status: 'done', iterations: 100, losses: 100 });
    expect(outcome.lastLoss).toBeLessThan(outcome.firstLoss);
    // Three well-separated blobs: chance is 1/3.
    expect(outcome.testAccuracy).toBeGreaterThan(0.9);
  });

  it.each(['node16', 'bundler'])(
    'type-checks a strict TypeScript consumer with moduleResolution %s',
    async (resolution) => {
      await sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`], full);
    },
  );
});
