/**
 * Host side of wasm/elementwise.wat, with float32 TypeScript twins where WebAssembly SIMD is missing.
 * Operands are copied into the module's memory and results out (memcpy speed, far below the cost of
 * the scalar loops they replace); the memory only grows and is reused, and so are the views the copies use.
 */
import { alignToCacheLine, decodeBase64, HeapViews, leading, SHARED_MAX_PAGES } from './heap-views.js';
import { ELEMENTWISE_WASM_BASE64 } from './wasm/elementwise-bytes.generated.js';
import { ELEMENTWISE_SHARED_WASM_BASE64 } from './wasm/elementwise-shared-bytes.generated.js';

interface ElementwiseExports {
  memory: WebAssembly.Memory;
  addScaled(target: number, source: number, count: number, scale: number, targetScale: number): void;
  addBiasRelu(x: number, bias: number, out: number, rows: number, cols: number): void;
  reluBackwardSum(y: number, dout: number, dx: number, sums: number, rows: number, cols: number): void;
  unitFromBytes(source: number, out: number, count: number): void;
}

/** The element-wise kernels; every result is what float32 arithmetic gives, whichever implementation runs. */
export interface ElementwiseKernels {
  /** target[i] = targetScale·target[i] + scale·source[i], each product rounded to float32, then the sum. */
  addScaled(target: Float32Array, source: Float32Array, count: number, scale: number, targetScale: number): void;
  addBiasRelu(x: Float32Array, bias: Float32Array, out: Float32Array, rows: number, cols: number): void;
  reluBackwardSum(
    y: Float32Array,
    dout: Float32Array,
    dx: Float32Array,
    sums: Float32Array,
    rows: number,
    cols: number,
  ): void;
  /** out[outOffset + i] = bytes[i] / 255 (float32 division), i < bytes.length. */
  unitFromBytes(bytes: Uint8Array, out: Float32Array, outOffset: number): void;
  /** Row r of the result (rowLength values from out[r·rowLength]) = row rows[r] of `bytes` / 255. */
  gatherUnitRows(bytes: Uint8Array, rowLength: number, rows: ArrayLike<number>, out: Float32Array): void;
}

/** Byte size of `count` floats rounded up to a cache line, so regions never share one. */
function region(count: number): number {
  return alignToCacheLine(count * 4);
}

function createWasmKernels(): ElementwiseKernels | null {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = decodeBase64(ELEMENTWISE_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return null;
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as ElementwiseExports;
  const memory = new HeapViews(exports.memory);
  return {
    addScaled(target, source, count, scale, targetScale) {
      const shared = inPlaceKernels(target, source, count);
      if (shared) {
        shared.addScaled(target.byteOffset, source.byteOffset, count, scale, targetScale);
        return;
      }
      const sourceAt = region(count);
      memory.reserve(sourceAt + region(count));
      memory.heap.set(leading(target, count), 0);
      memory.heap.set(leading(source, count), sourceAt >> 2);
      exports.addScaled(0, sourceAt, count, scale, targetScale);
      target.set(memory.view(0, count));
    },
    addBiasRelu(x, bias, out, rows, cols) {
      const size = rows * cols;
      const biasAt = region(size);
      memory.reserve(biasAt + region(cols));
      memory.heap.set(leading(x, size), 0);
      memory.heap.set(leading(bias, cols), biasAt >> 2);
      exports.addBiasRelu(0, biasAt, 0, rows, cols);
      out.set(memory.view(0, size));
    },
    reluBackwardSum(y, dout, dx, sums, rows, cols) {
      const size = rows * cols;
      const doutAt = region(size);
      const sumsAt = doutAt + region(size);
      memory.reserve(sumsAt + region(cols));
      memory.heap.set(leading(y, size), 0);
      memory.heap.set(leading(dout, size), doutAt >> 2);
      memory.heap.set(leading(sums, cols), sumsAt >> 2);
      exports.reluBackwardSum(0, doutAt, doutAt, sumsAt, rows, cols);
      dx.set(memory.view(doutAt >> 2, size));
      sums.set(memory.view(sumsAt >> 2, cols));
    },
    unitFromBytes(bytes, out, outOffset) {
      const count = bytes.length;
      const outAt = alignToCacheLine(count);
      memory.reserve(outAt + region(count));
      memory.bytes.set(bytes, 0);
      exports.unitFromBytes(0, outAt, count);
      out.set(memory.view(outAt >> 2, count), outOffset);
    },
    gatherUnitRows(bytes, rowLength, rows, out) {
      const count = rows.length * rowLength;
      const outAt = alignToCacheLine(count);
      memory.reserve(outAt + region(count));
      // One memcpy per row: a view per row costs far less than copying word by word in JS (20 µs against
      // 90 µs for a 128-image MNIST batch).
      for (let r = 0; r < rows.length; r++) {
        memory.bytes.set(bytes.subarray(rows[r] * rowLength, (rows[r] + 1) * rowLength), r * rowLength);
      }
      exports.unitFromBytes(0, outAt, count);
      out.set(memory.view(outAt >> 2, count));
    },
  };
}

const fround = Math.fround;

/** b / 255 for every byte b, as float32 (double division then rounding gives the float32 quotient here). */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, b) => b / 255);

/** The same operations, one float32 operation at a time. */
export const elementwiseTs: ElementwiseKernels = {
  addScaled(target, source, count, scale, targetScale) {
    const factor = fround(scale);
    const targetFactor = fround(targetScale);
    for (let i = 0; i < count; i++) target[i] = fround(targetFactor * target[i]) + fround(factor * source[i]);
  },
  addBiasRelu(x, bias, out, rows, cols) {
    for (let offset = 0; offset < rows * cols; offset += cols) {
      for (let j = 0; j < cols; j++) {
        const value = fround(x[offset + j] + bias[j]);
        out[offset + j] = value <= 0 ? 0 : value;
      }
    }
  },
  reluBackwardSum(y, dout, dx, sums, rows, cols) {
    for (let offset = 0; offset < rows * cols; offset += cols) {
      for (let j = 0; j < cols; j++) {
        const gradient = y[offset + j] <= 0 ? 0 : dout[offset + j];
        dx[offset + j] = gradient;
        sums[j] += gradient;
      }
    }
  },
  unitFromBytes(bytes, out, outOffset) {
    for (let i = 0; i < bytes.length; i++) out[outOffset + i] = BYTE_TO_UNIT[bytes[i]];
  },
  gatherUnitRows(bytes, rowLength, rows, out) {
    for (let r = 0; r < rows.length; r++) {
      for (let j = 0, source = rows[r] * rowLength, target = r * rowLength; j < rowLength; j++) {
        out[target + j] = BYTE_TO_UNIT[bytes[source + j]];
      }
    }
  },
};

/** The element-wise kernels on each memory that `createSharedMemory` made, by its buffer. */
const onSharedMemory = new WeakMap<ArrayBufferLike, ElementwiseExports>();
let sharedModule: WebAssembly.Module | null | undefined;

/**
 * A SharedArrayBuffer of at least `bytes` (whole 64 KiB pages) that is a WebAssembly memory's, so that `addScaled`
 * between two Float32Arrays on it runs there in place, with no copies. V8 copies into and out of shared memory
 * word by word, about 2.7× slower than a plain copy, so weights and gradients that threads share are best updated
 * where they are. Undefined where this engine has no WebAssembly SIMD or no shared memory (a page that is not
 * cross-origin isolated).
 */
export function createSharedMemory(bytes: number): SharedArrayBuffer | undefined {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (typeof WebAssembly !== 'object' || typeof SharedArrayBuffer !== 'function' || pages > SHARED_MAX_PAGES)
    return undefined;
  if (sharedModule === undefined) {
    const code = decodeBase64(ELEMENTWISE_SHARED_WASM_BASE64);
    sharedModule = WebAssembly.validate(code) ? new WebAssembly.Module(code) : null;
  }
  if (!sharedModule) return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined;
  }
  const exports = new WebAssembly.Instance(sharedModule, { env: { memory } }).exports as unknown as ElementwiseExports;
  const buffer = memory.buffer as unknown as SharedArrayBuffer;
  onSharedMemory.set(buffer, exports);
  return buffer;
}

/** The kernels that work on `target` and `source` where they are: both on one shared memory, not partly overlapping. */
export function inPlaceKernels(
  target: Float32Array,
  source: Float32Array,
  count: number,
): ElementwiseExports | undefined {
  if (target.buffer !== source.buffer) return undefined;
  const kernels = onSharedMemory.get(target.buffer);
  if (!kernels) return undefined;
  const t = target.byteOffset;
  const s = source.byteOffset;
  const disjoint = t + count * 4 <= s || s + count * 4 <= t;
  return disjoint || t === s ? kernels : undefined;
}

let kernels: ElementwiseKernels | undefined;

/** The SIMD kernels where the engine has WebAssembly SIMD, else the TypeScript ones; settled on first use. */
export function elementwiseKernels(): ElementwiseKernels {
  kernels ??= createWasmKernels() ?? elementwiseTs;
  return kernels;
}
