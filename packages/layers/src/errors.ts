/** Thrown for invalid layer or network settings, labels outside the classes, or a call out of order. */
export class LayerError extends Error {
  override name = 'LayerError';
}
