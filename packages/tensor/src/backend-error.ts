/** Thrown when a backend is asked for that cannot run here; the message lists those that can. */
export class BackendError extends Error {
  override name = 'BackendError';
}
