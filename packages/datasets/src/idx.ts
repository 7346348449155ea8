import { DatasetError } from './errors.js';

/** What an MNIST IDX file must hold. */
export type IdxKind = 'images' | 'labels';

const IMAGE_MAGIC = 2051;
const LABEL_MAGIC = 2049;
const SIDE = 28;

/** Bytes of the big-endian header: magic and count, plus rows and columns for images. */
export function idxHeaderBytes(kind: IdxKind): number {
  return kind === 'images' ? 16 : 8;
}

/** Bytes per item after the header. */
export function idxItemBytes(kind: IdxKind): number {
  return kind === 'images' ? SIDE * SIDE : 1;
}

/** A validated header: the file holds `count` items after `headerBytes`. */
export interface IdxHeader {
  readonly count: number;
  readonly headerBytes: number;
  readonly payloadBytes: number;
}

function describe(kind: IdxKind): string {
  return kind === 'images' ? `an IDX image file (magic ${IMAGE_MAGIC})` : `an IDX label file (magic ${LABEL_MAGIC})`;
}

function describeMagic(magic: number, head: Uint8Array): string {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'a gzip stream (decompress the .gz file first)';
  if (magic === IMAGE_MAGIC) return `magic ${IMAGE_MAGIC} (an image file)`;
  if (magic === LABEL_MAGIC) return `magic ${LABEL_MAGIC} (a label file)`;
  return `magic ${magic} (0x${magic.toString(16).padStart(8, '0')})`;
}

/**
 * Reads and checks an MNIST IDX header, then checks that the file is exactly header + count items long.
 * `head` holds the file's first bytes (at least the header when the file is that long); `fileBytes` its size.
 */
export function readIdxHeader(head: Uint8Array, fileBytes: number, kind: IdxKind, file: string): IdxHeader {
  const headerBytes = idxHeaderBytes(kind);
  if (fileBytes >= 4) {
    const magic = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, false);
    const expectedMagic = kind === 'images' ? IMAGE_MAGIC : LABEL_MAGIC;
    if (magic !== expectedMagic) {
      throw new DatasetError(`${file}: expected ${describe(kind)}, found ${describeMagic(magic, head)}`);
    }
  }
  if (fileBytes < headerBytes) {
    throw new DatasetError(
      `${file}: expected ${describe(kind)} with a ${headerBytes}-byte header, found only ${fileBytes} bytes`,
    );
  }
  const view = new DataView(head.buffer, head.byteOffset, headerBytes);
  const count = view.getUint32(4, false);
  if (kind === 'images') {
    const rows = view.getUint32(8, false);
    const cols = view.getUint32(12, false);
    if (rows !== SIDE || cols !== SIDE) {
      throw new DatasetError(`${file}: expected ${SIDE}×${SIDE} images, found ${rows}×${cols}`);
    }
  }
  const payloadBytes = count * idxItemBytes(kind);
  const expectedBytes = headerBytes + payloadBytes;
  if (fileBytes !== expectedBytes) {
    const difference =
      fileBytes < expectedBytes
        ? `truncated: ${expectedBytes - fileBytes} bytes missing`
        : `${fileBytes - expectedBytes} extra bytes at the end`;
    throw new DatasetError(
      `${file}: the header announces ${count} ${kind}, so expected ${expectedBytes} bytes ` +
        `(${headerBytes}-byte header + ${count} × ${idxItemBytes(kind)}), found ${fileBytes} (${difference})`,
    );
  }
  return { count, headerBytes, payloadBytes };
}

/** Checks that every label is a digit, naming the first one that is not. */
export function checkDigitLabels(labels: Uint8Array, file: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) {
      throw new DatasetError(`${file}: label ${i} is ${labels[i]}, expected a digit 0–9`);
    }
  }
}
