/** The browser build of @initlab/datasets: the API of `index.ts`, without any file reading. */
export { DatasetError } from './errors.js';
export type { Split } from './split.js';
export type { Dataset } from './dataset.js';
export { parseMnist, type MnistFiles, type MnistOptions, type FileBytes } from './mnist.js';
export { loadMnist } from './load-browser.js';
export type { LoadMnistOptions } from './load.js';
export { makeBlobs, makeSpiral, type BlobsOptions, type SpiralOptions, type SyntheticOptions } from './synthetic.js';
export * from './transfer.js';
