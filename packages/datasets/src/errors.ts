/** Thrown for data initlab cannot use: a missing or malformed MNIST file, a bad option, an index out of range. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}
