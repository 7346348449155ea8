/**
 * MT19937 reproducing NumPy's legacy `np.random.RandomState(seed)` draw for draw:
 * the same integers, the same 53-bit doubles, the same polar-method Gaussians
 * (including the cached second value) and the same masked-rejection `choice`.
 * See NumPy's `randomkit` / `legacy-distributions.c` for the algorithms.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The seeded generator every random draw in initlab goes through. */
export interface Rng {
  /** The seed this generator started from. */
  readonly seed: number;
  /** The next raw 32-bit output of MT19937, as an unsigned integer. */
  nextUint32(): number;
  /** One double in [0, 1) with 53 random bits, as `np.random.rand()`. */
  nextDouble(): number;
  /** One standard normal value, as `np.random.randn()` (legacy polar method). */
  nextGaussian(): number;
  /** `count` doubles in [0, 1), as `np.random.rand(count)`. */
  rand(count: number): Float64Array;
  /** `count` standard normal values, as `np.random.randn(count)`. */
  randn(count: number): Float64Array;
  /**
   * Fills `out` with `Math.fround(scale * randn())`: exactly NumPy's
   * `(scale * np.random.randn(...)).astype(np.float32)`.
   */
  fillNormal(out: Float32Array, scale?: number): Float32Array;
  /** An integer in [0, n), as `np.random.randint(0, n)` (masked rejection). */
  nextInt(n: number): number;
  /** `count` integers in [0, n) drawn with replacement, as `np.random.choice(n, count)`. */
  choice(n: number, count: number, out?: Int32Array): Int32Array;
  /** A random ordering of 0..n-1, as `np.random.permutation(n)`. */
  permutation(n: number): Int32Array;
  /** Shuffles `array` in place, as `np.random.shuffle(array)`. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T;
}

/** Thrown for a seed or size the generator cannot use. */
export class RngError extends Error {
  override name = 'RngError';
}

function checkCount(what: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RngError(`${what}: count must be a non-negative integer, got ${count}`);
  }
}

function checkBound(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1 || n > 0x100000000) {
    throw new RngError(`${what}: n must be an integer in [1, 2^32], got ${n}`);
  }
}

class MersenneTwister implements Rng {
  readonly seed: number;
  private readonly state = new Uint32Array(N);
  private index = N;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number) {
    this.seed = seed;
    const mt = this.state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
  }

  private twist(): void {
    const mt = this.state;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }

  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  nextGaussian(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  rand(count: number): Float64Array {
    checkCount('rand', count);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.nextDouble();
    return out;
  }

  randn(count: number): Float64Array {
    checkCount('randn', count);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.nextGaussian();
    return out;
  }

  fillNormal(out: Float32Array, scale = 1): Float32Array {
    if (!Number.isFinite(scale)) throw new RngError(`fillNormal: scale must be finite, got ${scale}`);
    for (let i = 0; i < out.length; i++) out[i] = Math.fround(scale * this.nextGaussian());
    return out;
  }

  /** NumPy's bounded draw for [0, max]: smallest all-ones mask ≥ max, reject above max. */
  private masked(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  nextInt(n: number): number {
    checkBound('nextInt', n);
    return this.masked(n - 1);
  }

  choice(n: number, count: number, out?: Int32Array): Int32Array {
    checkBound('choice', n);
    checkCount('choice', count);
    if (n > 0x80000000) throw new RngError(`choice: n must be at most 2^31 for Int32Array output, got ${n}`);
    const result = out ?? new Int32Array(count);
    if (result.length < count) {
      throw new RngError(`choice: out holds ${result.length} values but ${count} were asked for`);
    }
    const max = n - 1;
    for (let i = 0; i < count; i++) result[i] = this.masked(max);
    return result;
  }

  permutation(n: number): Int32Array {
    checkCount('permutation', n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.masked(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }
}

/**
 * A generator that follows `np.random.seed(seed)` / `np.random.RandomState(seed)` exactly.
 * `seed` must be an integer in [0, 2^32 - 1], as NumPy requires.
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RngError(
      `createRng: seed must be an integer in [0, 4294967295] (as NumPy's RandomState), got ${String(seed)}`,
    );
  }
  return new MersenneTwister(seed);
}
