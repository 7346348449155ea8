/** A Node `worker_threads` Worker or a browser Web Worker: whatever `createWorker` returns. */
export type WorkerLike =
  | {
      postMessage(message: unknown): void;
      on(event: string, listener: (value: any) => void): unknown;
      terminate(): unknown;
    }
  | {
      postMessage(message: unknown): void;
      addEventListener(event: string, listener: (event: any) => void): void;
      terminate(): unknown;
    };

/** Makes one worker running the trainer's worker entry (`@initlab/trainer/worker`). */
export type WorkerFactory = () => WorkerLike | Promise<WorkerLike>;
