import { helperWorkerFactory } from '../platform/platform.js';
import { FAILED, STATE, type HelperMessage } from './helper-protocol.js';
import type { WorkerLike } from './worker-like.js';

/** Idle helper workers kept for the next run: a run needs one at a time, two cover a run that overlaps the next. */
const MAX_IDLE = 2;

/**
 * Where a thread's runs get their helper threads: `factory` makes a worker that answers a `helper` message with
 * `serveHelper` (the trainer's worker entry does; in a browser, an app's own entry that listens from its first
 * line, as a Web Worker drops messages that arrive before a listener). A worker whose run has ended is kept for
 * the next run given the same object: a helper's start (a worker, its modules, compiled kernels) costs a
 * fraction of a second, more in a browser. `close()` stops the idle ones.
 */
export class HelperThreads {
  private readonly idle: WorkerLike[] = [];
  /** The control words of the run each worker serves (or served last), for its error and exit events. */
  private readonly serving = new WeakMap<WorkerLike, { control: Int32Array }>();

  constructor(private readonly factory: () => WorkerLike) {}

  /**
   * The platform's helpers: on Node (20.16 and later, which loads `worker_threads` synchronously: a step never
   * waits for the event loop) worker threads running the trainer's worker entry; undefined in a browser.
   */
  static platformDefault(): HelperThreads | undefined {
    const factory = helperWorkerFactory();
    return factory && new HelperThreads(factory);
  }

  /** Sends `message` to an idle worker or a new one; if the worker fails, `control` says so (STATE: FAILED). */
  start(message: HelperMessage, control: Int32Array): WorkerLike {
    const worker = this.idle.pop() ?? this.factory();
    let served = this.serving.get(worker);
    if (!served) {
      const watched = { control };
      served = watched;
      this.serving.set(worker, watched);
      const failed = () => {
        Atomics.store(watched.control, STATE, FAILED);
        this.forget(worker);
      };
      // A helper never keeps a process alive, and one that fails leaves its run computing both halves itself.
      (worker as { unref?: () => void }).unref?.();
      if ('on' in worker) {
        worker.on('error', failed);
        worker.on('exit', failed);
      } else {
        worker.addEventListener('error', failed);
      }
    }
    served.control = control;
    worker.postMessage(message);
    return worker;
  }

  /** A worker whose run has ended: kept for the next run when it served and there is room, else stopped. */
  release(worker: WorkerLike, served: boolean): void {
    if (served && this.idle.length < MAX_IDLE) {
      this.idle.push(worker);
      return;
    }
    this.forget(worker);
    void worker.terminate();
  }

  /** Stops the idle workers. */
  close(): void {
    for (const worker of this.idle.splice(0)) void worker.terminate();
  }

  private forget(worker: WorkerLike): void {
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
