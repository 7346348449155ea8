import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { advance, blockingUnavailable, exchange, publish, waitUntil } from '../src/index.js';

/** `Atomics.waitAsync` (ES2024, beyond the project's lib): resolves 'ok' when woken, 'timed-out' otherwise. */
function waitAsync(words: Int32Array, index: number, value: number, timeoutMs: number): Promise<string> {
  type Result = { async: boolean; value: string | Promise<string> };
  const wait = (Atomics as unknown as { waitAsync(...args: unknown[]): Result }).waitAsync;
  const result = wait(words, index, value, timeoutMs);
  return Promise.resolve(result.value);
}

describe('sync: waiting on a word of shared memory', () => {
  it('wakes when another thread publishes the awaited value, after spinning and sleeping', async () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const words = new Int32Array(workerData);
       setTimeout(() => { Atomics.store(words, 0, 7); Atomics.notify(words, 0); }, 30);`,
      { eval: true, workerData: words.buffer },
    );
    const started = performance.now();
    expect(waitUntil(words, 0, (value) => value === 7, { spinMs: 1, sleepersAt: 1 })).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(0);
    expect(Atomics.load(words, 1)).toBe(0); // the sleeper count is back to zero
    await worker.terminate();
  });

  it('gives up when giveUp says so, and reports whether the value came after all', () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    let naps = 0;
    expect(waitUntil(words, 0, (value) => value === 1, { spinMs: 0, napMs: 1, giveUp: () => ++naps === 3 })).toBe(
      false,
    );
    expect(naps).toBe(3);
  });

  it('publish stores a value, advance counts up; Node may block on its main thread', () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    publish(words, 0, 5);
    expect(Atomics.load(words, 0)).toBe(5);
    expect(advance(words, 1)).toBe(1);
    expect(advance(words, 1)).toBe(2);
    expect(blockingUnavailable()).toBeUndefined();
  });

  it('exchange changes a word only from the expected value, and wakes whoever waits on it', async () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    const waiter = waitAsync(words, 0, 0, 1000);
    expect(exchange(words, 0, 3, 9)).toBe(false);
    expect(Atomics.load(words, 0)).toBe(0);
    expect(exchange(words, 0, 0, 7)).toBe(true);
    expect(Atomics.load(words, 0)).toBe(7);
    expect(await waiter).toBe('ok');
  });

  it('advance with a sleepers word wakes nobody while the count of sleepers is 0, and wakes them once it is not', async () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    const unwoken = waitAsync(words, 0, 0, 50);
    expect(advance(words, 0, 1)).toBe(1);
    expect(await unwoken).toBe('timed-out');
    Atomics.store(words, 1, 1);
    const woken = waitAsync(words, 0, 1, 1000);
    expect(advance(words, 0, 1)).toBe(2);
    expect(await woken).toBe('ok');
  });
});
