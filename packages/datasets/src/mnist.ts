import { allocateBytes, type Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { checkDigitLabels, idxItemBytes, readIdxHeader, type IdxKind } from './idx.js';
import { ArraySplit } from './split.js';

/** Raw bytes of a file: an ArrayBuffer (e.g. from `fetch(...).arrayBuffer()`), a SharedArrayBuffer or a Uint8Array / Buffer. */
export type FileBytes = ArrayBuffer | SharedArrayBuffer | Uint8Array;

/** The four MNIST IDX files, uncompressed, as bytes. */
export interface MnistFiles {
  /** train-images-idx3-ubyte */
  trainImages: FileBytes;
  /** train-labels-idx1-ubyte */
  trainLabels: FileBytes;
  /** t10k-images-idx3-ubyte */
  testImages: FileBytes;
  /** t10k-labels-idx1-ubyte */
  testLabels: FileBytes;
}

/** Options for building MNIST. */
export interface MnistOptions {
  /** Keep images and labels in SharedArrayBuffers so worker threads can share them (see `toTransferable`). */
  shared?: boolean;
}

/** The standard file names, which is where each part is looked for on disk and how errors name it. */
export const MNIST_FILES: Record<keyof MnistFiles, { name: string; kind: IdxKind }> = {
  trainImages: { name: 'train-images-idx3-ubyte', kind: 'images' },
  trainLabels: { name: 'train-labels-idx1-ubyte', kind: 'labels' },
  testImages: { name: 't10k-images-idx3-ubyte', kind: 'images' },
  testLabels: { name: 't10k-labels-idx1-ubyte', kind: 'labels' },
};

/** Item payloads (headers stripped, already checked) and the names to report errors under. */
export type MnistPayloads = Record<keyof MnistFiles, { bytes: Uint8Array; file: string }>;

function makeSplit(images: MnistPayloads['trainImages'], labels: MnistPayloads['trainLabels']): ArraySplit {
  const count = images.bytes.length / idxItemBytes('images');
  if (labels.bytes.length !== count) {
    throw new DatasetError(
      `${labels.file} holds ${labels.bytes.length} labels but ${images.file} holds ${count} images; ` +
        'expected one label per image (are the files from the same set?)',
    );
  }
  checkDigitLabels(labels.bytes, labels.file);
  return new ArraySplit(images.bytes, labels.bytes, count, idxItemBytes('images'), 10);
}

/** Builds the MNIST Dataset over checked payloads. */
export function assembleMnist(payloads: MnistPayloads): Dataset {
  return {
    name: 'mnist',
    inputSize: idxItemBytes('images'),
    numClasses: 10,
    train: makeSplit(payloads.trainImages, payloads.trainLabels),
    test: makeSplit(payloads.testImages, payloads.testLabels),
  };
}

function asBytes(data: FileBytes, file: string): Uint8Array {
  // A plain view, so a Node Buffer's subarray stays a Uint8Array (not a Buffer) in the dataset.
  if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && data instanceof SharedArrayBuffer)) {
    return new Uint8Array(data);
  }
  throw new DatasetError(`${file}: expected an ArrayBuffer or Uint8Array, got ${Object.prototype.toString.call(data)}`);
}

/**
 * MNIST from the bytes of its four IDX files; no file system, so it works in the browser.
 * Without `shared` the dataset views the given bytes (no copy); with `shared` it copies them into SharedArrayBuffers.
 * Throws DatasetError for a wrong magic number, image size, file length, image/label count mismatch or label > 9.
 */
export function parseMnist(files: MnistFiles, options: MnistOptions = {}): Dataset {
  const payloads = {} as MnistPayloads;
  for (const key of Object.keys(MNIST_FILES) as (keyof MnistFiles)[]) {
    const { name, kind } = MNIST_FILES[key];
    if (files?.[key] === undefined) throw new DatasetError(`parseMnist: files.${key} (${name}) is missing`);
    const bytes = asBytes(files[key], name);
    const header = readIdxHeader(bytes, bytes.length, kind, name);
    const payload = bytes.subarray(header.headerBytes);
    let target = payload;
    if (options.shared) {
      target = allocateBytes(payload.length, true);
      target.set(payload);
    }
    payloads[key] = { bytes: target, file: name };
  }
  return assembleMnist(payloads);
}
