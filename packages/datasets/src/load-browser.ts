import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import type { LoadMnistOptions } from './load.js';

/** Browser stand-in for `loadMnist`: there is no file system to read, so it says what to do instead. */
export async function loadMnist(_options: LoadMnistOptions = {}): Promise<Dataset> {
  throw new DatasetError(
    'loadMnist reads MNIST from disk and runs only in Node; in a browser, fetch the four IDX files ' +
      '(e.g. `await (await fetch(url)).arrayBuffer()`) and call parseMnist({ trainImages, trainLabels, testImages, testLabels })',
  );
}
