import { CcmError } from '@ccm/contracts';

/** One page of a list, its total, and the cursor of the next page (null on the last). */
export interface Page<T> {
  total: number;
  items: T[];
  nextCursor: string | null;
}

/** Paging a caller can't tamper into anything: an opaque cursor holding the next offset. */
export const encodeCursor = (offset: number): string =>
  Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function decodeCursor(cursor: string | undefined, label = 'cursor'): number {
  if (!cursor) return 0;
  try {
    const o = (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {}
  throw new CcmError('USAGE_INVALID', `${label} is not a cursor this service gave out`);
}

/** The page of `all` that `cursor` (absent: the first) and `limit` select. */
export function pageOf<T>(all: readonly T[], cursor: string | undefined, limit: number): Page<T> {
  const offset = decodeCursor(cursor);
  const next = offset + limit;
  return {
    total: all.length,
    items: all.slice(offset, next),
    nextCursor: next < all.length ? encodeCursor(next) : null,
  };
}
