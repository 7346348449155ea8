import type { EngineMessage, EngineReplies, EngineRequest } from './protocol';

type Request = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never;
type Listener = (message: Exclude<EngineMessage, { type: 'reply' }>) => void;

/** The page's handle on the engine worker: requests as Promises, other messages to a listener. */
export class EngineClient {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(private readonly listener: Listener) {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'initlab engine',
    });
    this.worker.onmessage = ({ data }: MessageEvent<EngineMessage>) => {
      if (data.type !== 'reply') return this.listener(data);
      const entry = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.ok) entry?.resolve(data.value);
      else entry?.reject(new Error(data.message));
    };
    this.worker.onerror = (event) => {
      const error = new Error(`the engine worker failed: ${event.message || 'could not load its script'}`);
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    };
  }

  /** Sends `request`; resolves with the engine's answer. */
  request<T extends Request>(request: T): Promise<EngineReplies[T['type']]> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }
}
