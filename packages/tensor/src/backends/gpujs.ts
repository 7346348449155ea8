import type { IKernelRunShortcut, KernelOutput } from 'gpu.js';
import { BackendError, type Backend } from '../backend.js';
import type { AsyncBackend } from './remote.js';

type GpuJs = typeof import('gpu.js');

/** gpu.js modes a synchronous matmul can run on (WebGPU reads back through a Promise only: see `createGpujsWebGpuBackend`). */
export type GpujsMode = 'headlessgl' | 'webgl2' | 'webgl' | 'webasm';

/** A gpu.js backend plus what `auto` needs to know about where it runs. */
export interface GpujsBackend extends Backend {
  /** The kernel class gpu.js picked: `webasm`, `headlessgl`, `webgl2` or `webgl`. */
  readonly kind: GpujsMode;
  /** The GL renderer string (e.g. `ANGLE (…SwiftShader…)`, `llvmpipe`), or null off GL. */
  readonly renderer: string | null;
}

type Form = 'ab' | 'atb' | 'abt' | 'atbt';

// Kernel sources are strings so that no bundler or minifier can rewrite what gpu.js parses.
// thread.x is the output column j, thread.y the output row i.
const SOURCES: Record<Form, string> = {
  ab: `function matmulAB(a, b) {
    let sum = 0;
    for (let p = 0; p < this.constants.k; p++) {
      sum += a[this.thread.y * this.constants.k + p] * b[p * this.constants.n + this.thread.x];
    }
    return sum;
  }`,
  atb: `function matmulAtB(a, b) {
    let sum = 0;
    for (let p = 0; p < this.constants.k; p++) {
      sum += a[p * this.constants.m + this.thread.y] * b[p * this.constants.n + this.thread.x];
    }
    return sum;
  }`,
  abt: `function matmulABt(a, b) {
    let sum = 0;
    for (let p = 0; p < this.constants.k; p++) {
      sum += a[this.thread.y * this.constants.k + p] * b[this.thread.x * this.constants.k + p];
    }
    return sum;
  }`,
  atbt: `function matmulAtBt(a, b) {
    let sum = 0;
    for (let p = 0; p < this.constants.k; p++) {
      sum += a[p * this.constants.m + this.thread.y] * b[this.thread.x * this.constants.k + p];
    }
    return sum;
  }`,
};

/** Compiling a gpu.js kernel is slow; an MLP needs a handful of shapes, so a small cache holds them all. */
const MAX_CACHED_KERNELS = 64;

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** True where the GL renderer is a CPU emulation, on which gpu.js is slower than the cpu backend. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERER.test(renderer);
}

async function loadGpuJs(): Promise<GpuJs> {
  try {
    const module = (await import('gpu.js')) as GpuJs & { default?: GpuJs };
    return module.default ?? module;
  } catch (error) {
    throw new BackendError(
      `gpujs cannot run here: gpu.js failed to load (${(error as Error).message}); ` +
        'it is an optional peer dependency — install it with `npm i gpu.js@2.24.1` — available now: cpu',
    );
  }
}

/** The gpujs backends this engine supports, as `gpujs:<mode>` names. */
function availableModes(lib: GpuJs): string[] {
  const { GPU } = lib;
  const modes: [GpujsMode, boolean][] = [
    ['headlessgl', GPU.isHeadlessGLSupported],
    ['webgl2', GPU.isWebGL2Supported],
    ['webgl', GPU.isWebGLSupported],
    ['webasm', GPU.isWebAssemblySupported],
  ];
  return ['cpu', ...modes.filter(([, ok]) => ok).map(([mode]) => `gpujs:${mode}`)];
}

function kindOf(lib: GpuJs, kernel: unknown): GpujsMode | null {
  // HeadlessGLKernel and WebGL2Kernel both extend WebGLKernel: test them first.
  if (kernel instanceof lib.HeadlessGLKernel) return 'headlessgl';
  if (kernel instanceof lib.WebGL2Kernel) return 'webgl2';
  if (kernel instanceof lib.WebGLKernel) return 'webgl';
  if (kernel instanceof lib.WebAssemblyKernel) return 'webasm';
  return null;
}

function rendererOf(context: unknown): string | null {
  const gl = context as WebGLRenderingContext | null | undefined;
  if (!gl || typeof gl.getParameter !== 'function') return null;
  const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

type Gpu = InstanceType<GpuJs['GPU']>;

function formOf(transposeA: boolean, transposeB: boolean): Form {
  return transposeA ? (transposeB ? 'atbt' : 'atb') : transposeB ? 'abt' : 'ab';
}

/** Kernels have fixed sizes, so one is compiled per (form, m, k, n), kept, and the oldest destroyed past the cache size. */
function kernelCache(gpu: Gpu): (form: Form, m: number, k: number, n: number) => IKernelRunShortcut {
  const kernels = new Map<string, IKernelRunShortcut>();
  return (form, m, k, n) => {
    const key = `${form}:${m}:${k}:${n}`;
    let kernel = kernels.get(key);
    if (!kernel) {
      if (kernels.size >= MAX_CACHED_KERNELS) {
        const [oldestKey, oldest] = kernels.entries().next().value as [string, IKernelRunShortcut];
        oldest.destroy();
        kernels.delete(oldestKey);
      }
      kernel = gpu.createKernel(SOURCES[form], {
        output: [n, m],
        constants: { m, k, n },
        precision: 'single',
        tactic: 'precision',
      });
      kernels.set(key, kernel);
    }
    return kernel;
  };
}

/**
 * A backend running the three matmul forms as gpu.js kernels (no transposed copies:
 * each form indexes its operands directly). Kernels have fixed sizes, so one is
 * compiled per (form, m, k, n) and reused. `mode` forces a gpu.js mode; without it
 * gpu.js picks (headless-gl or WebGL2/WebGL where a context exists, else webasm).
 * Throws BackendError, listing what can run, where gpu.js cannot.
 */
export async function createGpujsBackend(mode?: GpujsMode): Promise<GpujsBackend> {
  const lib = await loadGpuJs();
  const unavailable = (why: string) =>
    new BackendError(
      `gpujs${mode ? ` mode '${mode}'` : ''} cannot run here (${why}); available: ${availableModes(lib).join(', ')}`,
    );

  let gpu: Gpu;
  try {
    gpu = new lib.GPU(mode ? { mode } : {});
  } catch (error) {
    throw unavailable((error as Error).message);
  }
  const kernelFor = kernelCache(gpu);

  const matmul: Backend['matmul'] = (a, b, out, m, k, n, transposeA, transposeB) => {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      out.fill(0, 0, m * n);
      return;
    }
    const rows = kernelFor(
      formOf(transposeA, transposeB),
      m,
      k,
      n,
    )(a.subarray(0, m * k), b.subarray(0, k * n)) as KernelOutput;
    copyRows(rows, out, m, n);
  };

  // One tiny product builds a kernel, which proves the mode runs and tells which kernel class gpu.js chose.
  let kind: GpujsMode | null;
  let renderer: string | null;
  try {
    const probe = new Float32Array(1);
    matmul(probe, probe, new Float32Array(1), 1, 1, 1, false, false);
    const built = kernelFor('ab', 1, 1, 1) as IKernelRunShortcut & { kernel: unknown; context?: unknown };
    kind = kindOf(lib, built.kernel);
    renderer = rendererOf(built.context ?? (built.kernel as { context?: unknown }).context);
  } catch (error) {
    void gpu.destroy();
    throw unavailable((error as Error).message);
  }
  if (kind === null) {
    void gpu.destroy();
    throw unavailable('gpu.js fell back to its plain JavaScript kernel');
  }

  return {
    name: `gpujs:${kind}`,
    kind,
    renderer,
    matmul,
    dispose() {
      void gpu.destroy();
    },
  };
}

/** gpu.js's WebGPU backend: asynchronous, so it computes for a synchronous step only through `serveRemoteBackend`. */
export interface GpujsWebGpuBackend extends AsyncBackend {
  readonly name: 'gpujs:webgpu';
  /** The adapter WebGPU runs on, as its `GPUAdapterInfo` describes it (e.g. `google swiftshader`), or null when it says nothing. */
  readonly adapter: string | null;
}

interface WebGpuKernelLike {
  context?: { adapter?: { info?: { vendor?: string; architecture?: string; device?: string; description?: string } } };
}

function adapterOf(kernel: WebGpuKernelLike): string | null {
  const info = kernel.context?.adapter?.info;
  const words = [info?.vendor, info?.architecture, info?.device, info?.description].filter((word) => word);
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * The matmul kernels of the `gpujs` backend (the same sources) on gpu.js's `webgpu` mode, whose results come
 * back through a Promise. Throws BackendError where there is no WebGPU (no `navigator.gpu`, no adapter) or the
 * kernel does not run; a kernel that fails later (e.g. on a lost device) rejects its matmul. Kernels run in the
 * order they are called, each with its own readback, so overlapping calls from several clients do not mix.
 */
export async function createGpujsWebGpuBackend(): Promise<GpujsWebGpuBackend> {
  const lib = await loadGpuJs();
  const unavailable = (why: string) =>
    new BackendError(`gpujs:webgpu cannot run here (${why}); available: ${availableModes(lib).join(', ')}`);
  if (!lib.GPU.isWebGPUSupported) throw unavailable('no WebGPU: navigator.gpu is missing');
  if (!(await lib.GPU.isWebGPUAvailable())) throw unavailable('navigator.gpu offers no adapter');

  const gpu = new lib.GPU({ mode: 'webgpu' });
  const kernelFor = kernelCache(gpu);
  const matmul: AsyncBackend['matmul'] = async (a, b, out, m, k, n, transposeA, transposeB) => {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      out.fill(0, 0, m * n);
      return;
    }
    const kernel = kernelFor(formOf(transposeA, transposeB), m, k, n);
    const rows = (await (kernel(
      a.subarray(0, m * k),
      b.subarray(0, k * n),
    ) as unknown as Promise<KernelOutput>)) as KernelOutput;
    copyRows(rows, out, m, n);
  };

  // One tiny product proves that a WebGPU kernel builds and runs, and tells which adapter it runs on.
  let adapter: string | null;
  try {
    const probe = new Float32Array([3]);
    const product = new Float32Array(1);
    await matmul(probe, probe, product, 1, 1, 1, false, false);
    if (product[0] !== 9) throw new Error(`a 1×1 probe gave ${product[0]}, not 9`);
    const { kernel } = kernelFor('ab', 1, 1, 1) as IKernelRunShortcut & { kernel: WebGpuKernelLike };
    const { WebGPUKernel } = lib as unknown as { WebGPUKernel: abstract new (...args: never[]) => unknown };
    if (!(kernel instanceof WebGPUKernel)) throw new Error('gpu.js did not build a WebGPU kernel');
    adapter = adapterOf(kernel);
  } catch (error) {
    void gpu.destroy();
    throw unavailable((error as Error).message);
  }

  return {
    name: 'gpujs:webgpu',
    ...(adapter === null ? {} : { detail: `gpujs:webgpu on ${adapter}` }),
    adapter,
    matmul,
    dispose() {
      void gpu.destroy();
    },
  };
}

function copyRows(rows: KernelOutput, out: Float32Array, m: number, n: number): void {
  const result = rows as unknown as ArrayLike<ArrayLike<number>> | Float32Array;
  if (result instanceof Float32Array) {
    out.set(result.subarray(0, m * n));
    return;
  }
  for (let i = 0; i < m; i++) out.set(result[i] as Float32Array, i * n);
}
