/**
 * Worker entry: a Node worker thread or a module Web Worker that runs the jobs it is sent, one at a time.
 * Shipped as `dist/worker.js` (`@initlab/trainer/worker`); importing it starts the message loop.
 */
import { serveWorker } from './parallel/serve-worker.js';

void serveWorker();
