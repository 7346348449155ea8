import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DatasetError, fromTransferable, loadMnist, makeBlobs, parseMnist, toTransferable } from '../src/index.js';
import { smallMnist } from './idx-files.js';

/** A worker that writes into the shared images and reports what it saw. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const images = new Uint8Array(workerData.train.images);
const seen = images[1];
images[1] = 200;
parentPort.postMessage({ seen, length: images.length, isShared: workerData.train.images instanceof SharedArrayBuffer });
`;

function runWorker(data: unknown): Promise<{ seen: number; length: number; isShared: boolean }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: data });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('shared datasets', () => {
  it('MNIST loaded shared is rebuilt over the same memory, in this thread and in a worker', async () => {
    // A dataset of its own: the test writes into it.
    const mnist = await loadMnist({ shared: true });
    expect(mnist.train.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    const description = toTransferable(mnist);
    const rebuilt = fromTransferable(structuredClone(description));
    expect([rebuilt.name, rebuilt.train.count, rebuilt.test.count, rebuilt.inputSize]).toEqual([
      'mnist',
      60000,
      10000,
      784,
    ]);
    expect(Array.from(rebuilt.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);

    mnist.train.images[0] = 123;
    expect(rebuilt.train.images[0]).toBe(123);
    rebuilt.test.labels[3] = 9;
    expect(mnist.test.labels[3]).toBe(9);

    const original = mnist.train.images[1];
    const reply = await runWorker(description);
    expect(reply).toEqual({ seen: original, length: 60000 * 784, isShared: true });
    expect(mnist.train.images[1]).toBe(200);
    expect(rebuilt.train.images[1]).toBe(200);
  });

  it('parseMnist with shared copies into shared memory, leaving the input alone', () => {
    const files = smallMnist();
    const dataset = parseMnist(files, { shared: true });
    const rebuilt = fromTransferable(toTransferable(dataset));
    rebuilt.train.images[0] = 77;
    expect(dataset.train.images[0]).toBe(77);
    expect(files.trainImages[16]).toBe(0);
  });

  it('synthetic float data travels too, and batches read the same values', () => {
    const blobs = makeBlobs({ samples: 50, classes: 3, features: 4, seed: 1, shared: true });
    const description = toTransferable(blobs);
    expect(description.train.imageType).toBe('float32');
    const rebuilt = fromTransferable(structuredClone(description));
    const a = new Float32Array(2 * 4);
    const b = new Float32Array(2 * 4);
    blobs.train.batch([5, 9], a);
    rebuilt.train.batch([5, 9], b);
    expect(b).toEqual(a);
    rebuilt.train.images[0] = 42;
    expect(blobs.train.images[0]).toBe(42);
  });

  it('any dataset travels as a copy in plain ArrayBuffers, and batches read the same values', async () => {
    const files = smallMnist();
    const dataset = parseMnist(files);
    // The arrays are views past the IDX headers: the description holds exactly their bytes.
    expect(dataset.train.images.byteOffset).toBe(16);
    const description = toTransferable(dataset, { copy: true });
    expect(description.shared).toBe(false);
    expect(description.train.images).toBeInstanceOf(ArrayBuffer);
    expect(description.train.images.byteLength).toBe(dataset.train.images.length);
    const rebuilt = fromTransferable(structuredClone(description));
    const indices = Array.from({ length: dataset.train.count }, (_, i) => dataset.train.count - 1 - i);
    const [expected, actual] = [new Float32Array(indices.length * 784), new Float32Array(indices.length * 784)];
    const [expectedLabels, actualLabels] = [new Int32Array(indices.length), new Int32Array(indices.length)];
    dataset.train.batch(indices, expected, expectedLabels);
    rebuilt.train.batch(indices, actual, actualLabels);
    expect(actual).toEqual(expected);
    expect(actualLabels).toEqual(expectedLabels);
    rebuilt.test.images[0] = 77;
    expect(dataset.test.images[0]).not.toBe(77);

    const reply = await runWorker(description);
    expect(reply).toEqual({ seen: dataset.train.images[1], length: dataset.train.images.length, isShared: false });
    expect(dataset.train.images[1]).not.toBe(200);
  });

  it('a copy of a shared dataset is a copy, not the shared memory', () => {
    const blobs = makeBlobs({ samples: 50, classes: 3, features: 4, seed: 1, shared: true });
    const rebuilt = fromTransferable(structuredClone(toTransferable(blobs, { copy: true })));
    expect(rebuilt.train.images.buffer).toBeInstanceOf(ArrayBuffer);
    expect(rebuilt.train.images).toEqual(blobs.train.images);
    rebuilt.train.images[0] = 42;
    expect(blobs.train.images[0]).not.toBe(42);
  });

  it('{ share: true } copies a dataset into shared memory once, and keeps memory that is shared already', () => {
    const mnist = parseMnist(smallMnist());
    const description = toTransferable(mnist, { share: true });
    expect(description.shared).toBe(true);
    expect(description.train.images).toBeInstanceOf(SharedArrayBuffer);
    expect(description.test.labels).toBeInstanceOf(SharedArrayBuffer);
    const rebuilt = fromTransferable(description);
    expect(rebuilt.train.images).toEqual(mnist.train.images);
    expect(rebuilt.test.labels).toEqual(mnist.test.labels);
    rebuilt.train.images[0] = 42;
    expect(mnist.train.images[0]).not.toBe(42);
    const blobs = makeBlobs({ samples: 50, classes: 3, features: 4, seed: 1, shared: true });
    expect(toTransferable(blobs, { share: true }).train.images).toBe(blobs.train.images.buffer);
  });

  it('refuses datasets that are not in shared memory, and malformed descriptions', () => {
    expect(() => toTransferable(parseMnist(smallMnist()))).toThrow(
      /not in shared memory; create the dataset with \{ shared: true \}/,
    );
    const description = toTransferable(parseMnist(smallMnist(), { shared: true }));
    expect(() => fromTransferable({ ...description, train: { ...description.train, count: 4 } })).toThrow(DatasetError);
    expect(() =>
      fromTransferable({
        ...description,
        test: { ...description.test, images: new ArrayBuffer(8) as unknown as SharedArrayBuffer },
      }),
    ).toThrow(/test.images and test.labels must be SharedArrayBuffers/);
    const copied = toTransferable(parseMnist(smallMnist()), { copy: true });
    expect(() => fromTransferable({ ...copied, train: { ...copied.train, labels: new SharedArrayBuffer(4) } })).toThrow(
      /train.images and train.labels must be ArrayBuffers \(the description has shared: false\)/,
    );
  });
});
