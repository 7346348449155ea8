import type { BackendChoice } from '@initlab/tensor';
import type { Evaluation, Experiment, ExperimentResults, Progress, RunResult } from '@initlab/trainer';
import type { KernelCheck, KernelTarget } from '../diagnostics/kernel-check';

/** What the backend switch offers: @initlab/tensor's choices, and WebGPU, which the engine serves to the training workers. */
export type BackendOption = BackendChoice | 'gpujs:webgpu';

/** Page → engine worker. Requests carry an id; the engine answers each with one `reply`. */
export type EngineRequest =
  | { id: number; type: 'backend'; choice: BackendOption }
  /** Whether training on WebGPU can run here. */
  | { id: number; type: 'webgpu' }
  | { id: number; type: 'kernels'; target: KernelTarget }
  /** `appUrl`: the page's base URL, which the dataset's paths are relative to. */
  | { id: number; type: 'run'; experiment: Experiment; backend: BackendOption; appUrl: string }
  | { id: number; type: 'stop' };

/** What each request resolves to. */
export interface EngineReplies {
  /** The real name of what computes. */
  backend: string;
  /** Why WebGPU cannot run here, or null where it can. */
  webgpu: string | null;
  kernels: KernelCheck;
  run: ExperimentResults;
  stop: null;
}

/** Engine worker → page. */
export type EngineMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string }
  /** Compressed MNIST bytes arriving (`loaded` of `total`), then `done` once decompressed and parsed. */
  | { type: 'dataset'; loaded: number; total: number; fromCache: boolean; done: boolean }
  /** The backend the run's workers were started on, once resolved. */
  | { type: 'started'; backend: string; workers: number }
  | { type: 'progress'; progress: Progress }
  /** An evaluation point of a run, as soon as it is measured. */
  | { type: 'evaluation'; evaluation: Evaluation }
  /** A run finished (its index in the results' `runs[]`), before the whole experiment has. */
  | { type: 'run-result'; index: number; result: RunResult };
