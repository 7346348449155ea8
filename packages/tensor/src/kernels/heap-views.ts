/** Bytes from base64 (the generated modules ship as text). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The most 64 KiB pages a module on a shared memory imports (matmul-threads, elementwise-shared): the maximum
 * scripts/build-wasm.mjs declares. A shared memory reserves its maximum up front, as address space only.
 */
export const SHARED_MAX_PAGES = 16384;

/** Byte offset or size rounded up to a cache line, so regions never share one. */
export function alignToCacheLine(bytes: number): number {
  return (bytes + 63) & ~63;
}

/**
 * Float32 views of a WebAssembly memory by (start, length), made once and reused, so that copying operands
 * in and results out allocates nothing from one training step to the next. A grown memory gets fresh views.
 */
export class HeapViews {
  private buffer: ArrayBuffer;
  private views = new Map<number, Map<number, Float32Array>>();
  heap: Float32Array;
  /** The same memory as bytes. */
  bytes: Uint8Array;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.heap = new Float32Array(this.buffer);
    this.bytes = new Uint8Array(this.buffer);
  }

  /** Makes the memory at least `bytes` long. */
  reserve(bytes: number): void {
    if (bytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / 65536));
    }
    if (this.memory.buffer !== this.buffer) {
      this.buffer = this.memory.buffer;
      this.heap = new Float32Array(this.buffer);
      this.bytes = new Uint8Array(this.buffer);
      this.views.clear();
    }
  }

  /** Floats [start, start + length) of the memory (start in floats). */
  view(start: number, length: number): Float32Array {
    // Keyed by start, then length: small integers, which V8 looks up without boxing them.
    let byLength = this.views.get(start);
    if (!byLength) {
      byLength = new Map();
      this.views.set(start, byLength);
    }
    let view = byLength.get(length);
    if (!view) {
      view = this.heap.subarray(start, start + length);
      byLength.set(length, view);
    }
    return view;
  }
}

/** The first `length` values of `array`: itself when that is all of it (the usual case), else a view. */
/** Views made by `part`, per array: a training step asks for the same parts of the same buffers every time. */
const parts = new WeakMap<Float32Array, Map<number, Map<number, Float32Array>>>();

/** `array.subarray(start, end)`, made once per (array, start, end) and reused, so that a step allocates nothing. */
export function part(array: Float32Array, start: number, end: number): Float32Array {
  if (start === 0 && end === array.length) return array;
  let byStart = parts.get(array);
  if (!byStart) {
    byStart = new Map();
    parts.set(array, byStart);
  }
  let byEnd = byStart.get(start);
  if (!byEnd) {
    byEnd = new Map();
    byStart.set(start, byEnd);
  }
  let view = byEnd.get(end);
  if (!view) {
    view = array.subarray(start, end);
    byEnd.set(end, view);
  }
  return view;
}

export function leading(array: Float32Array, length: number): Float32Array {
  return array.length === length ? array : array.subarray(0, length);
}
