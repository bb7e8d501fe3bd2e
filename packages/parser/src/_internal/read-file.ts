import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ParseError } from '../errors.ts';

function describe(s: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
  isSocket(): boolean;
}): string {
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isDirectory()) return 'a directory';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a regular file of at most `maxBytes`. Pipes and devices (/dev/zero, a FIFO) are refused
 * before they are opened for reading (opening a FIFO would wait for a writer), and the read
 * stops at `maxBytes` + 1 whatever the size the file claims (it may grow, or be a device swapped
 * in after the check). A sparse file reads as the zeros it claims, within the same bound.
 */
export async function readFileBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  const unreadable = (error: unknown) =>
    new ParseError('PARSER_UNREADABLE_FILE', `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  const refuse = (s: Parameters<typeof describe>[0]) =>
    new ParseError('PARSER_UNREADABLE_FILE', `Cannot read ${path}: it is ${describe(s)}, not a document file.`);
  const tooLarge = (size: number | string) =>
    new ParseError(
      'PARSER_TOO_LARGE',
      `${path} is ${size} bytes; the limit is ${maxBytes} (raise it with the maxBytes limit).`,
    );
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw unreadable(error);
  }
  if (!info.isFile()) throw refuse(info);
  if (info.size > maxBytes) throw tooLarge(info.size);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: a FIFO swapped in after the stat opens at once instead of waiting for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw refuse(opened);
    const buffer = new Uint8Array(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw tooLarge(`more than ${maxBytes}`);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw unreadable(error);
  } finally {
    await handle.close();
  }
}
