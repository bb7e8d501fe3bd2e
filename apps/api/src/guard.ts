import { assertPlainText, CcmError, UsageError } from '@ccm/contracts';
import type { MiddlewareHandler } from 'hono';

/** The longest request target (path and query, percent-encoded) the API reads. */
export const MAX_TARGET_BYTES = 8 * 1024;

/** `decodeURIComponent`, refusing what is not UTF-8: Hono's own decoding falls back to the raw text. */
function decoded(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new UsageError(`${field} is not valid percent-encoded UTF-8`);
  }
}

/**
 * Refuses, before any route, a request target no route can mean: too long (414), with
 * percent-encoding that is not UTF-8, or with a control character in a path segment or a query
 * parameter (400 `USAGE_INVALID` naming it). Query values may hold tab, LF and CR (a phrase
 * pasted from a document); path segments (ids) may not.
 */
export const guardRequest: MiddlewareHandler = async (c, next) => {
  const { pathname, search } = new URL(c.req.url);
  if (pathname.length + search.length > MAX_TARGET_BYTES)
    throw new CcmError('API_URI_TOO_LONG', `the request target is longer than ${MAX_TARGET_BYTES} bytes`);
  for (const segment of pathname.split('/')) assertPlainText('the path', decoded(segment, 'the path'));
  for (const pair of search.slice(1).split('&')) {
    if (!pair) continue;
    const [rawKey = '', ...rawValue] = pair.replace(/\+/g, ' ').split('=');
    const key = decoded(rawKey, 'a query parameter name');
    assertPlainText('a query parameter name', key);
    const field = `?${key}=`;
    assertPlainText(field, decoded(rawValue.join('='), field), { breaks: true });
  }
  await next();
};
