import type { BackendChoice } from '@initlab/tensor';

const CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'gpujs'];

/** The name a training worker is started with; shows in the browser's developer tools too. */
export function workerName(choice: BackendChoice, index: number): string {
  return `initlab training ${index + 1} backend=${choice}`;
}

/** The backend a training worker was started for (`auto` when its name says none). */
export function backendFromWorkerName(name: string): BackendChoice {
  const choice = /backend=(\w+)/.exec(name)?.[1] as BackendChoice | undefined;
  return choice && CHOICES.includes(choice) ? choice : 'auto';
}
