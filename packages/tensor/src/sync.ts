/**
 * The one way threads here wait for each other: a word of shared memory (an Int32Array index) that one
 * thread changes and another waits on. Used by the matmul threads, the remote backend and the trainer's
 * helper thread. `waitUntil` stays self-contained (it uses nothing outside its body), so that a worker made
 * from source text can carry it as `waitUntil.toString()`.
 */

/** How `waitUntil` waits. */
export interface WaitOptions {
  /**
   * Milliseconds spent spinning before the first sleep: a hand-off that comes within microseconds costs less
   * spun than slept (a wake-up from sleep costs tens of microseconds, on a virtual machine more).
   */
  spinMs: number;
  /** Longest single sleep in milliseconds; `giveUp` is asked after each. Default: until notified. */
  napMs?: number;
  /** Polled after each sleep: true ends the wait. */
  giveUp?: () => boolean;
  /**
   * A word of `words` raised by one while this thread sleeps, so that the thread that changes the word may
   * skip `Atomics.notify` (a call into the engine) when nobody sleeps.
   */
  sleepersAt?: number;
  /** False where `Atomics.wait` may not block (a page's main thread, `canBlock()`): spins instead. Default true. */
  mayBlock?: boolean;
}

/**
 * Waits until `reached(words[index])`, spinning for `spinMs` and then sleeping on the word; returns true then,
 * or false when `giveUp` says so first.
 */
export function waitUntil(
  words: Int32Array,
  index: number,
  reached: (value: number) => boolean,
  options: WaitOptions,
): boolean {
  const { spinMs, napMs = Infinity, giveUp, sleepersAt, mayBlock = true } = options;
  const sleepAfter = performance.now() + spinMs;
  for (let spins = 1; ; spins++) {
    const value = Atomics.load(words, index);
    if (reached(value)) return true;
    // The clock is read every 64 spins only: reading it costs more than a load.
    if ((spins & 63) !== 0 || performance.now() < sleepAfter) continue;
    if (mayBlock) {
      if (sleepersAt !== undefined) Atomics.add(words, sleepersAt, 1);
      Atomics.wait(words, index, value, napMs);
      if (sleepersAt !== undefined) Atomics.sub(words, sleepersAt, 1);
    }
    if (giveUp?.()) return reached(Atomics.load(words, index));
  }
}

/** Stores `value` at `words[index]` and wakes every thread sleeping on it. */
export function publish(words: Int32Array, index: number, value: number): void {
  Atomics.store(words, index, value);
  Atomics.notify(words, index);
}

/**
 * Adds one to `words[index]` and wakes every thread sleeping on it; returns the new value. With `sleepersAt`
 * (the word `WaitOptions.sleepersAt` names), skips the wake-up when nobody sleeps.
 */
export function advance(words: Int32Array, index: number, sleepersAt?: number): number {
  const value = Atomics.add(words, index, 1) + 1;
  if (sleepersAt === undefined || Atomics.load(words, sleepersAt) > 0) Atomics.notify(words, index);
  return value;
}

/**
 * Changes `words[index]` from `expected` to `value` if it still holds `expected`, and then wakes every thread
 * sleeping on it; whether it did (another thread changed the word first otherwise).
 */
export function exchange(words: Int32Array, index: number, expected: number, value: number): boolean {
  if (Atomics.compareExchange(words, index, expected, value) !== expected) return false;
  Atomics.notify(words, index);
  return true;
}

/** Whether `Atomics.wait` may block on this thread (not on a page's main thread); the reason if not. */
export function blockingUnavailable(): string | undefined {
  try {
    // The word never holds -1, so this returns at once where blocking is allowed and throws where not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, -1, 0);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
