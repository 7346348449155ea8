import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builds IDX bytes by hand, independently of the package's parser. */
export function idxImages(
  count: number,
  pixel: (image: number, offset: number) => number,
  rows = 28,
  cols = 28,
  magic = 2051,
): Uint8Array {
  const bytes = new Uint8Array(16 + count * rows * cols);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, count);
  view.setUint32(8, rows);
  view.setUint32(12, cols);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < rows * cols; j++) bytes[16 + i * rows * cols + j] = pixel(i, j);
  }
  return bytes;
}

export function idxLabels(labels: number[], magic = 2049): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, labels.length);
  bytes.set(labels, 8);
  return bytes;
}

export interface SmallMnist {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** A valid miniature MNIST: 3 train and 2 test images. */
export function smallMnist(): SmallMnist {
  return {
    trainImages: idxImages(3, (i, j) => (i * 31 + j) % 256),
    trainLabels: idxLabels([3, 9, 0]),
    testImages: idxImages(2, (i, j) => (i * 7 + j * 3) % 256),
    testLabels: idxLabels([1, 7]),
  };
}

const NAMES: Record<keyof SmallMnist, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Writes the files (those set to undefined are left out) to a new temporary directory and returns it. */
export function writeMnistDir(files: Partial<SmallMnist>): string {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-idx-'));
  for (const key of Object.keys(NAMES) as (keyof SmallMnist)[]) {
    const bytes = files[key];
    if (bytes) writeFileSync(join(dir, NAMES[key]), bytes);
  }
  return dir;
}
