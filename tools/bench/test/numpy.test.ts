import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { numpySetup } from '../src/index.js';
import {
  mnistDirectory,
  numpyEnvironment,
  openblasEnvironment,
  probeNumpy,
  referenceCommand,
  referenceScript,
} from '../src/numpy.js';

const REFERENCE_DIR = fileURLToPath(new URL('../reference/', import.meta.url));
const PINNED = { OPENBLAS_CORETYPE: 'Sandybridge', OPENBLAS_L2_SIZE: '512' };

function python(script: string, args: string[], env: NodeJS.ProcessEnv): Record<string, unknown> {
  const run = spawnSync('python3', [`${REFERENCE_DIR}${script}`, ...args], { encoding: 'utf8', env });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

describe("NumPy's environment", () => {
  it('leaves out the pinned OpenBLAS kernel settings and keeps one thread', () => {
    const env = numpyEnvironment({ PATH: '/bin', ...PINNED, OPENBLAS_NUM_THREADS: '4', OPENBLAS_VERBOSE: '2' });
    expect(env).toEqual({ PATH: '/bin', OPENBLAS_NUM_THREADS: '1', OPENBLAS_VERBOSE: '2' });
  });

  it('records what it kept and what it removed', () => {
    expect(openblasEnvironment({ ...PINNED, OPENBLAS_NUM_THREADS: '1', OPENBLAS_VERBOSE: '2', HOME: '/root' })).toEqual(
      {
        kept: { OPENBLAS_VERBOSE: '2' },
        removed: PINNED,
      },
    );
  });

  it('prints a reference command that reproduces it', () => {
    expect(referenceCommand('numpy_mlp.py', 'data', ['--iters', '5'])).toBe(
      'env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 python3 numpy_mlp.py data --iters 5',
    );
  });
});

describe('the reference trainer', () => {
  it('is the one in this package unless INITLAB_NUMPY_REFERENCE names another', () => {
    expect(referenceScript()).toBe(`${REFERENCE_DIR}numpy_mlp.py`);
  });
});

// Needs python3 with numpy (a dev tool here, as for every NumPy fixture); without it the suite only notes its absence.
const numpy = probeNumpy();
const openblas = numpy?.openblasCore ? numpy : null;

describe.runIf(openblas)('which OpenBLAS kernel NumPy runs', () => {
  it('is read from the loaded library, so it follows OPENBLAS_CORETYPE', () => {
    // The build's configuration line names one kernel whatever runs; the run-time core answers the pin.
    expect(openblas!.openblasConfig).toContain(openblas!.openblasCore);
    if (process.arch === 'x64') {
      expect(python('openblas.py', [], { ...process.env, ...PINNED })).toMatchObject({ openblasCore: 'Sandybridge' });
    }
  });

  it("is the suite's core, without the pins, in the reference's own report", () => {
    const env = numpyEnvironment({ ...process.env, ...PINNED });
    expect(python('openblas.py', [], env)).toMatchObject({
      numpy: openblas!.version,
      openblasCore: openblas!.openblasCore,
    });
    const out = python('numpy_mlp.py', [mnistDirectory(undefined), '--iters', '5', '--dtype', 'float32'], env);
    expect(out).toMatchObject({
      openblas_core: openblas!.openblasCore,
      openblas_num_threads: '1',
      iters: 5,
      batch: 128,
    });
  });
});

describe("the suite's numpy section", () => {
  it('says NumPy was skipped when asked', () => {
    expect(numpySetup(true)).toEqual({ note: 'NumPy skipped (--skip-numpy)' });
  });

  it.runIf(openblas)('names the OpenBLAS core, the reference and the settings it left out', () => {
    expect(numpySetup(false)).toEqual({
      version: openblas!.version,
      threads: 1,
      openblasCore: openblas!.openblasCore,
      reference: `${REFERENCE_DIR}numpy_mlp.py`,
      openblasEnv: openblasEnvironment().kept,
      openblasEnvRemoved: openblasEnvironment().removed,
    });
  });
});
