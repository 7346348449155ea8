/**
 * @initlab/datasets — MNIST read from its IDX files and kept as bytes (normalised per batch),
 * plus seeded synthetic datasets. `loadMnist` loads its file reader with a dynamic import, so this
 * entry has no static Node import; bundlers targeting the browser get `browser.ts` instead
 * (the `browser` export condition), where `loadMnist` explains to use `parseMnist`.
 */
export { DatasetError } from './errors.js';
export type { Split } from './split.js';
export type { Dataset } from './dataset.js';
export { parseMnist, type MnistFiles, type MnistOptions, type FileBytes } from './mnist.js';
export { loadMnist, type LoadMnistOptions } from './load.js';
export { makeBlobs, makeSpiral, type BlobsOptions, type SpiralOptions, type SyntheticOptions } from './synthetic.js';
export * from './transfer.js';
