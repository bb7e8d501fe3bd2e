import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { SourceFormat } from '@ccm/parser';
import { StoreError } from './errors.ts';
import { sanitiseText } from './sanitize.ts';
import type { OriginalFile } from './types.ts';

const MEDIA: Record<SourceFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  text: 'text/plain',
  'tota-xml': 'application/xml',
};

/** The media type the store records for a source format (documents and originals alike). */
export function mediaTypeOf(format: SourceFormat): string {
  return MEDIA[format] ?? 'application/octet-stream';
}

const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);

/**
 * The `originals` row of a file, gzip-compressed (on libuv's threads, not the event loop). Its
 * bytes must be the document's: a file changed between parsing and reading is refused
 * (`STORE_CONFLICT`) rather than stored beside a text it does not hold.
 */
export async function packOriginal(
  original: OriginalFile,
  sha256: string,
): Promise<{ mediaType: string; byteSize: number; content: Uint8Array }> {
  const { bytes } = original;
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new StoreError(
      'STORE_CONFLICT',
      'the original file is not the parsed document (its sha256 differs): was it changed meanwhile?',
    );
  }
  return { mediaType: sanitiseText(original.mediaType), byteSize: bytes.byteLength, content: await gzipped(bytes) };
}

/** The file back from its row: never more than its recorded size, and exactly that size. */
export async function unpackOriginal(content: Uint8Array, byteSize: number): Promise<Uint8Array<ArrayBuffer>> {
  // maxOutputLength: a damaged row cannot inflate past the size the file had (an empty file still inflates).
  const bytes = await gunzipped(content, { maxOutputLength: Math.max(byteSize, 1) });
  if (bytes.byteLength !== byteSize) {
    throw new StoreError(
      'STORE_FAILED',
      `a stored original file is damaged: ${bytes.byteLength} bytes, not ${byteSize}`,
    );
  }
  // A small output may sit in Node's shared Buffer pool: copied then, so the bytes own their buffer.
  const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
  return own ? new Uint8Array(bytes.buffer as ArrayBuffer) : new Uint8Array(bytes);
}
