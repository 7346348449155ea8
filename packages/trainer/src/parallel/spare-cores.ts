/**
 * Cores that the workers of a pool have left idle, their jobs run out, counted in shared memory: a run on one
 * thread that is still going claims one and starts its helper thread on it (every later step then has its second
 * half computed there), and gives it back when it ends. The pool makes one and hands it to its workers' runs.
 */
export class SpareCores {
  private readonly count: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.count = new Int32Array(buffer, 0, 1);
  }

  /** A count of none, or undefined where this engine has no shared memory. */
  static create(): SpareCores | undefined {
    return typeof SharedArrayBuffer === 'function' ? new SpareCores(new SharedArrayBuffer(4)) : undefined;
  }

  /** `cores` more are idle. */
  give(cores: number): void {
    Atomics.add(this.count, 0, cores);
  }

  /** Takes one idle core, if there is one. Cheap enough to ask at every step. */
  claim(): boolean {
    for (let now = Atomics.load(this.count, 0); now > 0; now = Atomics.load(this.count, 0)) {
      if (Atomics.compareExchange(this.count, 0, now, now - 1) === now) return true;
    }
    return false;
  }

  /** Cores idle now. */
  get idle(): number {
    return Atomics.load(this.count, 0);
  }
}
