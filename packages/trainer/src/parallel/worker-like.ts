/** A Node `worker_threads` Worker or a browser Web Worker: whatever `createWorker` returns. */
export type WorkerLike =
  | {
      postMessage(message: unknown): void;
      // biome-ignore lint/suspicious/noExplicitAny: Node's Worker declares its listeners' arguments as any; a narrower type would not admit it.
      on(event: string, listener: (value: any) => void): unknown;
      terminate(): unknown;
    }
  | {
      postMessage(message: unknown): void;
      // biome-ignore lint/suspicious/noExplicitAny: a Web Worker's listener takes an Event, a MessageEvent or an ErrorEvent by type; any admits them all.
      addEventListener(event: string, listener: (event: any) => void): void;
      terminate(): unknown;
    };

/** Makes one worker running the trainer's worker entry (`@initlab/trainer/worker`). */
export type WorkerFactory = () => WorkerLike | Promise<WorkerLike>;
