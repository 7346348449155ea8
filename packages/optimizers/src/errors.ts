/** Thrown for an unknown optimizer, an invalid setting, or parameters whose shapes do not fit. */
export class OptimizerError extends Error {
  override name = 'OptimizerError';
}
