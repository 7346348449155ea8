/**
 * Imported by each training worker (through the trainer's `pluginModules`) so that workers compute with the
 * backend chosen by `--backend`; the choice travels in the module URL's query: `worker-backend.js?backend=gpujs`.
 */
import { setBackend, type BackendChoice } from '@initlab/tensor';

const choice = new URL(import.meta.url).searchParams.get('backend') as BackendChoice | null;
if (choice) await setBackend(choice);
