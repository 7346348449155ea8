import type { TransferableDataset } from '@initlab/datasets';
import type { BackendChoice } from '@initlab/tensor';
import { TrainerError } from '../errors.js';
import type { Evaluation } from '../run/events.js';
import type { Job, JobOutput } from '../experiment/jobs.js';
import type { Progress } from '../run/events.js';
import type { FromWorker, ToWorker, WorkerReply } from './protocol.js';
import { SpareCores } from './spare-cores.js';
import type { WorkerFactory, WorkerLike } from './worker-like.js';

interface Channel {
  send(message: ToWorker): void;
  /** The next message that is not a progress report or an evaluation. */
  next(): Promise<WorkerReply>;
  terminate(): void;
}

/** What a channel hands on as it arrives. */
interface Listeners {
  onProgress?: (progress: Progress) => void;
  onEvaluation?: (evaluation: Evaluation) => void;
}

function openChannel(worker: WorkerLike, listeners: Listeners): Channel {
  const queued: WorkerReply[] = [];
  let waiter: { resolve: (message: WorkerReply) => void; reject: (error: Error) => void } | undefined;
  let failure: Error | undefined;
  let terminated = false;
  const deliver = (message: FromWorker) => {
    if (message.type === 'progress') {
      listeners.onProgress?.(message.progress);
      return;
    }
    if (message.type === 'evaluation') {
      listeners.onEvaluation?.(message.evaluation);
      return;
    }
    const current = waiter;
    waiter = undefined;
    if (current) current.resolve(message);
    else queued.push(message);
  };
  const fail = (error: Error) => {
    if (terminated) return;
    failure ??= error;
    const current = waiter;
    waiter = undefined;
    current?.reject(error);
  };
  if ('on' in worker) {
    worker.on('message', deliver);
    worker.on('error', (error: Error) => fail(new TrainerError(`worker failed: ${error.message}`)));
    worker.on('exit', (code: number) => fail(new TrainerError(`worker exited with code ${code}`)));
  } else {
    worker.addEventListener('message', (event: { data: FromWorker }) => deliver(event.data));
    worker.addEventListener('error', (event: { message?: string }) =>
      fail(new TrainerError(`worker failed: ${event.message ?? 'could not load the worker script'}`)),
    );
  }
  return {
    send: (message) => worker.postMessage(message),
    next: () => {
      const message = queued.shift();
      if (message) return Promise.resolve(message);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiter = { resolve, reject }));
    },
    // A pending `next()` that lost a race against an abort is dropped, not rejected: nobody awaits it any more.
    terminate: () => {
      terminated = true;
      failure ??= new TrainerError('worker terminated');
      waiter = undefined;
      void worker.terminate();
    },
  };
}

export interface PoolOptions extends Listeners {
  workers: number;
  createWorker: WorkerFactory;
  datasets: [string, TransferableDataset][];
  pluginModules: string[];
  backend?: BackendChoice;
  /** Threads per run, set with the backend in every worker. */
  threads?: number;
  signal?: AbortSignal;
  /**
   * Each job's output as it arrives (an aborted run's too, as `interrupted`); the worker gets its next job once
   * the returned promise settles, so that what is saved here is saved before more is computed.
   */
  onResult: (job: Job, output: JobOutput) => void | Promise<void>;
}

/** The backend and threads the pool's workers reported (undefined when none got ready). */
export interface PoolResults {
  backend: string | undefined;
  threads: number | undefined;
}

/**
 * A moment that may come (the end of the grace after an abort) that every job's wait races against. Unlike
 * `Promise.race` with one long-lived promise, a settled wait leaves no reaction behind it, so the replies of a
 * grid's thousands of jobs are not kept alive by a promise that never settles.
 */
class Deadline {
  private passed = false;
  private readonly waiters = new Set<() => void>();

  pass(): void {
    this.passed = true;
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  race<T>(promise: Promise<T>): Promise<T | 'stopped'> {
    if (this.passed) return Promise.resolve('stopped');
    return new Promise((resolve, reject) => {
      const onPass = () => resolve('stopped');
      this.waiters.add(onPass);
      promise.then(
        (value) => {
          this.waiters.delete(onPass);
          resolve(value);
        },
        (error: unknown) => {
          this.waiters.delete(onPass);
          reject(error);
        },
      );
    });
  }
}

/** How long running jobs get to hand back what they have after an abort before their workers are terminated. */
const ABORT_GRACE_MS = 5000;

/**
 * Runs `jobs` on `workers` workers, each taking the next job in order as it finishes one, and hands each output
 * to `onResult` as it arrives (the pool keeps none: a worker holds one run at a time). On abort, running jobs
 * stop at their next iteration and come back as `interrupted`; jobs not started never reach `onResult`.
 */
export async function runInWorkers(jobs: readonly Job[], options: PoolOptions): Promise<PoolResults> {
  let backend: string | undefined;
  let threads: number | undefined;
  const stopBuffer = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : undefined;
  // A worker whose jobs have run out leaves its cores to the runs still going (`SpareCores`).
  const spare = options.workers > 1 ? SpareCores.create() : undefined;
  const stopFlag = stopBuffer ? new Int32Array(stopBuffer) : undefined;
  const channels: Channel[] = [];
  let nextJob = 0;
  let stopping = false;
  let failure: unknown;
  let releaseStopped!: () => void;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const stopped = new Promise<'stopped'>((resolve) => (releaseStopped = () => resolve('stopped')));
  const graceOver = new Deadline();
  void stopped.then(() => (graceTimer = setTimeout(() => graceOver.pass(), ABORT_GRACE_MS)));
  const stop = () => {
    stopping = true;
    if (stopFlag) Atomics.store(stopFlag, 0, 1);
    else for (const channel of channels) channel.send({ type: 'stop' });
    releaseStopped();
  };
  const { signal } = options;
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();

  const expect = <T extends WorkerReply['type']>(message: WorkerReply, type: T) => {
    if (message.type === 'error') throw new TrainerError(message.message);
    if (message.type !== type) throw new TrainerError(`worker sent '${message.type}' where '${type}' was expected`);
    return message as Extract<FromWorker, { type: T }>;
  };

  const serve = async () => {
    if (stopping) return;
    const channel = openChannel(await options.createWorker(), options);
    channels.push(channel);
    const hello = await Promise.race([channel.next(), stopped]);
    if (hello === 'stopped') return;
    expect(hello, 'hello');
    const { datasets, pluginModules } = options;
    channel.send({
      type: 'init',
      datasets,
      pluginModules,
      backend: options.backend,
      threads: options.threads,
      stopFlag: stopBuffer,
      spareCores: spare?.buffer,
    });
    const ready = await Promise.race([channel.next(), stopped]);
    if (ready === 'stopped') return;
    const readied = expect(ready, 'ready');
    backend ??= readied.backend;
    threads ??= readied.threads;
    while (!stopping && nextJob < jobs.length) {
      const job = jobs[nextJob++];
      // Only the last jobs can outlast another worker's: only they keep their weights where a helper can read
      // them (shared memory, whose copies cost more).
      channel.send({
        type: 'job',
        job,
        spareCores: spare !== undefined && jobs.length - nextJob < options.workers - 1,
      });
      const reply = await graceOver.race(channel.next());
      if (reply === 'stopped') return;
      if (reply.type === 'error') {
        throw new TrainerError(`run '${job.label}' of '${job.experiment}' (seed ${job.seed}) failed: ${reply.message}`);
      }
      await options.onResult(job, expect(reply, 'result').result);
    }
    if (!stopping) spare?.give(readied.threads);
  };

  const servers = Array.from({ length: Math.min(options.workers, jobs.length) }, () =>
    serve().catch((error: unknown) => {
      failure ??= error;
      stop();
    }),
  );
  try {
    await Promise.all(servers);
  } finally {
    clearTimeout(graceTimer);
    signal?.removeEventListener('abort', stop);
    for (const channel of channels) channel.terminate();
  }
  if (failure !== undefined) throw failure;
  return { backend, threads };
}
