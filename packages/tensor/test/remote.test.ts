import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, Matrix, connectRemoteBackend, type Backend, type RemoteBackendLink } from '../src/index.js';
import { firstMismatch, matmulFloat64, randomMatrix } from './helpers.js';

// The serving agent is a worker thread, which cannot load TypeScript: it runs the build in dist/
// (`pnpm build` first; `pnpm test` does). The client, the side that blocks, runs from the sources here.
const distUrl = new URL('../dist/index.js', import.meta.url);

/**
 * A worker serving one link, reporting `{ link }`, then `{ closed: requests }` when serving stops. Its async
 * matmul, by `behaviour`: `cpu` the cpu backend after a macrotask (so the answer really comes later), `fail`
 * rejects, `hang` never settles, `close` closes the server instead of answering.
 */
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.distUrl).then(({ cpuBackend, serveRemoteBackend }) => {
  const cpu = cpuBackend();
  let requests = 0;
  let server;
  const matmul = (a, b, out, m, k, n, transposeA, transposeB) => {
    requests++;
    switch (workerData.behaviour) {
      case 'cpu':
        return new Promise((resolve) => setTimeout(resolve, 0)).then(() => cpu.matmul(a, b, out, m, k, n, transposeA, transposeB));
      case 'fail':
        return Promise.reject(new Error('device lost (simulated)'));
      case 'hang':
        return new Promise(() => {});
      case 'close':
        server.close();
        return new Promise(() => {});
    }
  };
  server = serveRemoteBackend({ name: 'cpu:async', detail: 'cpu kernels behind a Promise', matmul }, workerData.options);
  parentPort.postMessage({ link: server.link });
  server.closed.then(() => parentPort.postMessage({ closed: requests }));
});
`;

type Behaviour = 'cpu' | 'fail' | 'hang' | 'close';

interface Serving {
  link: RemoteBackendLink;
  /** How many requests the server had taken when it stopped serving. */
  closed: Promise<number>;
}

const workers: Worker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});

function serve(behaviour: Behaviour, options: { maxBytes?: number } = {}): Promise<Serving> {
  if (!existsSync(distUrl))
    throw new Error('packages/tensor/dist is missing: run `pnpm --filter @initlab/tensor build` first');
  const worker = new Worker(SERVER, { eval: true, workerData: { distUrl: distUrl.href, behaviour, options } });
  workers.push(worker);
  let closed!: (requests: number) => void;
  const closedPromise = new Promise<number>((resolve) => (closed = resolve));
  return new Promise((resolve, reject) => {
    worker.on('message', (message: { link?: RemoteBackendLink; closed?: number }) => {
      if (message.link) resolve({ link: message.link, closed: closedPromise });
      else closed(message.closed!);
    });
    worker.once('error', reject);
  });
}

/** op(A)·op(B) through `backend` into a fresh `out`, with A and B of the stored shapes the flags imply. */
function product(
  backend: Backend,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  seed: number,
) {
  const a = transposeA ? randomMatrix(k, m, seed) : randomMatrix(m, k, seed);
  const b = transposeB ? randomMatrix(n, k, seed + 1) : randomMatrix(k, n, seed + 1);
  const out = Matrix.zeros(m, n);
  backend.matmul(a.data, b.data, out.data, m, k, n, transposeA, transposeB);
  return { a, b, out };
}

/** Float32 summation of k terms errs by about √k·ε of Σ|a·b|; the matmul tests allow the same. */
const TOLERANCE = 1e-5;

describe('connectRemoteBackend / serveRemoteBackend', () => {
  it('computes every form on the serving agent, taking its name, and grows the shared buffer for larger products', async () => {
    const { link, closed } = await serve('cpu');
    const backend = connectRemoteBackend(link);
    expect(backend.name).toBe('cpu:async');
    expect(backend.detail).toBe('cpu kernels behind a Promise, served by another agent over shared memory');
    const initialBytes = link.buffer.byteLength;
    // Odd sizes; the last product needs several times the initial 64 KiB.
    const shapes: [number, number, number, boolean, boolean][] = [
      [3, 5, 7, false, false],
      [37, 129, 23, true, false],
      [37, 129, 23, false, true],
      [37, 129, 23, true, true],
      [300, 200, 100, true, false],
      [1, 1, 1, false, false],
    ];
    shapes.forEach(([m, k, n, transposeA, transposeB], index) => {
      const { a, b, out } = product(backend, m, k, n, transposeA, transposeB, 10 * index);
      const want = matmulFloat64(a, b, transposeA, transposeB);
      expect(
        firstMismatch(out.data, want.value, TOLERANCE, want.scale),
        `${m}×${k}·${k}×${n} ${transposeA} ${transposeB}`,
      ).toBe(-1);
    });
    expect(link.buffer.byteLength).toBeGreaterThanOrEqual(32 + 4 * (300 * 200 + 200 * 100 + 300 * 100));
    expect(link.buffer.byteLength).toBeGreaterThan(initialBytes);
    backend.dispose!();
    expect(await closed).toBe(shapes.length);
  });

  it('reports a failed matmul as a BackendError with its message, and keeps serving', async () => {
    const { link } = await serve('fail');
    const backend = connectRemoteBackend(link);
    const attempt = () => product(backend, 2, 3, 4, false, false, 1);
    expect(attempt).toThrow(BackendError);
    expect(attempt).toThrow('cpu:async failed on a 2×3·3×4 product: device lost (simulated)');
  });

  it('gives up after timeoutMs with a BackendError instead of hanging, and fails every later call', async () => {
    const { link } = await serve('hang');
    const backend = connectRemoteBackend(link, { timeoutMs: 200 });
    expect(() => product(backend, 2, 3, 4, false, false, 1)).toThrow(/cpu:async: no answer within 200 ms/);
    expect(() => product(backend, 2, 3, 4, false, false, 1)).toThrow(/no answer within 200 ms/);
  });

  it('wakes a waiting client with a BackendError when the server closes, and refuses later calls', async () => {
    const { link, closed } = await serve('close');
    const backend = connectRemoteBackend(link);
    expect(() => product(backend, 2, 3, 4, false, false, 1)).toThrow(
      'cpu:async: the agent serving it closed during a matmul',
    );
    expect(await closed).toBe(1);
    expect(() => product(backend, 2, 3, 4, false, false, 1)).toThrow('cpu:async: the agent serving it has closed');
  });

  it("refuses a product larger than the server's maxBytes before sending it", async () => {
    const { link } = await serve('cpu', { maxBytes: 128 * 1024 });
    const backend = connectRemoteBackend(link);
    expect(() => product(backend, 200, 100, 50, false, false, 1)).toThrow(
      "cpu:async: a 200×100·100×50 product needs 140032 bytes of shared memory, more than the link's 131072",
    );
  });

  it('rejects a timeout that is not a positive number', async () => {
    const { link } = await serve('cpu');
    expect(() => connectRemoteBackend(link, { timeoutMs: 0 })).toThrow(
      'timeoutMs must be a positive number of milliseconds, got 0',
    );
  });
});
