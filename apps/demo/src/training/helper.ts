/**
 * A training run's helper thread: computes the second half of each step's batch on a replica of the run's
 * network (see @initlab/trainer's "Steps in two halves"). It listens from its first line, as a Web Worker drops
 * messages that arrive before a listener; each message is a run, which it serves (blocking on shared memory)
 * until the run stops it, then it waits for the next.
 */
import { serveHelper, type HelperMessage } from '@initlab/trainer';

self.addEventListener('message', ({ data }: MessageEvent<HelperMessage>) => {
  if (data?.type === 'helper') void serveHelper(data).catch((error: unknown) => console.error(error));
});
