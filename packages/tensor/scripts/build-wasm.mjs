// Assembles the .wat modules under src/kernels/wasm into TypeScript modules holding the bytes,
// so the package ships the kernels and nothing is compiled at install or run time.
import { readFile, writeFile } from 'node:fs/promises';
import initWabt from 'wabt';

/** Each accumulation `c += a·b` of the matmul's inner loop, as matmul.wat spells it. */
const MUL_ADD = /\(f32x4\.add \(local\.get (\$c\d\d)\) \(f32x4\.mul \(local\.get \$av\) \(local\.get (\$b\d)\)\)\)/g;
/** The 4×8 tile's accumulators in `gemm` and `gemmStrips`: one `c += a·b` each per k step. */
const ACCUMULATORS = 16;
/** Each accumulation `s += a·b` of `spmm` (B read from memory, or from `$bv`). */
const SPARSE_MUL_ADD =
  /\(f32x4\.add \(local\.get (\$s\d)\) \(f32x4\.mul \(local\.get \$av\) (\(v128\.load offset=\d+ \(local\.get \$bp\)\)|\(local\.get \$bv\))\)\)/g;
/** `spmm`'s accumulations: five 4-column sums, then one. */
const SPARSE_ACCUMULATORS = 6;

/**
 * matmul.wat with the inner loops of `gemm`, `gemmStrips` and `spmm` on relaxed SIMD's `f32x4.relaxed_madd` (a
 * fused multiply-add where the hardware has one), derived here rather than kept as a second copy so
 * that the two kernels cannot drift apart in packing, tiling or edge handling, and so that the sparse
 * path keeps rounding exactly as the dense one (which is what makes the two bit-identical).
 */
function relaxedMatmul(text) {
  const dense = text.replace(MUL_ADD, '(f32x4.relaxed_madd (local.get $av) (local.get $2) (local.get $1))');
  const denseCount = dense.match(/f32x4\.relaxed_madd/g)?.length ?? 0;
  if (denseCount !== ACCUMULATORS) {
    throw new Error(
      `matmul.wat: expected ${ACCUMULATORS} multiply-adds in gemm and gemmStrips to turn into relaxed_madd, found ${denseCount}`,
    );
  }
  const relaxed = dense.replace(SPARSE_MUL_ADD, '(f32x4.relaxed_madd (local.get $av) $2 (local.get $1))');
  const sparseCount = (relaxed.match(/f32x4\.relaxed_madd/g)?.length ?? 0) - denseCount;
  if (sparseCount !== SPARSE_ACCUMULATORS) {
    throw new Error(
      `matmul.wat: expected ${SPARSE_ACCUMULATORS} multiply-adds in spmm to turn into relaxed_madd, found ${sparseCount}`,
    );
  }
  return relaxed;
}

/** The lines only the threaded module keeps. */
const THREADS_ONLY = /;; @threads-begin\n[\s\S]*?;; @threads-end\n/g;
const OWN_MEMORY = '(memory (export "memory") 1)';
/**
 * Pages the threaded module's shared memory may grow to (1 GiB). A shared memory reserves its
 * maximum up front, as address space only; products larger than this run on one thread.
 */
const SHARED_MAX_PAGES = 16384;

/** matmul.wat for one thread: its own memory, without `work`. */
function ownMemory(text) {
  const stripped = text.replace(THREADS_ONLY, '');
  if (stripped === text || !stripped.includes(OWN_MEMORY))
    throw new Error('matmul.wat: threads-only block or memory line not found');
  return stripped;
}

/** A module on a shared memory imported from the host (matmul.wat: several threads, `work` kept). */
function sharedMemory(text) {
  if (!text.includes(OWN_MEMORY)) throw new Error('memory line not found');
  return text.replace(OWN_MEMORY, `(import "env" "memory" (memory 1 ${SHARED_MAX_PAGES} shared))`);
}

const compose = (...steps) =>
  Object.defineProperty((text) => steps.reduce((t, step) => step(t), text), 'name', {
    value: steps.map((step) => step.name).join(' + '),
  });

const MODULES = [
  { name: 'matmul', source: 'matmul', derive: ownMemory, constant: 'MATMUL_WASM_BASE64', what: 'f32x4 SIMD matmul' },
  {
    name: 'matmul-relaxed',
    source: 'matmul',
    derive: compose(ownMemory, relaxedMatmul),
    relaxed: true,
    constant: 'MATMUL_RELAXED_WASM_BASE64',
    what: 'f32x4 relaxed-SIMD (fused multiply-add) matmul',
  },
  {
    name: 'matmul-threads',
    source: 'matmul',
    derive: sharedMemory,
    threads: true,
    constant: 'MATMUL_THREADS_WASM_BASE64',
    what: 'f32x4 SIMD matmul on shared memory, split over threads',
  },
  {
    name: 'matmul-relaxed-threads',
    source: 'matmul',
    derive: compose(sharedMemory, relaxedMatmul),
    relaxed: true,
    threads: true,
    constant: 'MATMUL_RELAXED_THREADS_WASM_BASE64',
    what: 'f32x4 relaxed-SIMD (fused multiply-add) matmul on shared memory, split over threads',
  },
  { name: 'elementwise', constant: 'ELEMENTWISE_WASM_BASE64', what: 'f32x4 SIMD element-wise kernels' },
  {
    name: 'elementwise-shared',
    source: 'elementwise',
    derive: sharedMemory,
    threads: true,
    constant: 'ELEMENTWISE_SHARED_WASM_BASE64',
    what: 'f32x4 SIMD element-wise kernels on a shared memory, for operands that live there',
  },
];

const wabt = await initWabt();
for (const { name, source = name, derive, relaxed = false, threads = false, constant, what } of MODULES) {
  const watUrl = new URL(`../src/kernels/wasm/${source}.wat`, import.meta.url);
  const outUrl = new URL(`../src/kernels/wasm/${name}-bytes.generated.ts`, import.meta.url);
  const original = await readFile(watUrl, 'utf8');
  const text = derive ? derive(original) : original;
  // Relaxed SIMD and atomics only where asked for: either in any other module fails the build.
  const features = { simd: true, relaxed_simd: relaxed, threads };
  const module = wabt.parseWat(`${name}.wat`, text, features);
  module.validate(features);
  const { buffer } = module.toBinary({});
  module.destroy();

  const base64 = Buffer.from(buffer).toString('base64');
  const origin = derive ? `${source}.wat via ${derive.name}()` : `${source}.wat`;
  const generated = `// Generated by scripts/build-wasm.mjs from ${origin}; do not edit.
/** The assembled ${what} module (${buffer.length} bytes), base64. */
export const ${constant} =
  '${base64}';
`;
  const previous = await readFile(outUrl, 'utf8').catch(() => '');
  if (previous !== generated) await writeFile(outUrl, generated);
  console.log(`${name}.wat → ${buffer.length} bytes of WebAssembly`);
}
