/**
 * Text as PostgreSQL will store it. PostgreSQL refuses NUL in `text` and `jsonb` (one NUL from
 * an unmapped glyph used to abort a whole ingest), and control characters and lone surrogates
 * are never meaningful in an agreement. Each is replaced by one U+FFFD, so lengths, and with them
 * every offset into the text (provisions, pages, evidence spans), stay valid.
 * Kept: tab, line feed, carriage return and form feed (layout).
 */
const UNSAFE =
  /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT = '\uFFFD';

export function sanitiseText(text: string): string;
export function sanitiseText(text: string | null): string | null;
export function sanitiseText(text: string | null): string | null {
  return text === null ? null : text.replace(UNSAFE, REPLACEMENT);
}

/** The same for every string (keys included) inside a value bound for a `jsonb` column. */
export function sanitiseJson<T>(value: T): T {
  if (typeof value === 'string') return sanitiseText(value) as T;
  if (Array.isArray(value)) return value.map(sanitiseJson) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [sanitiseText(k), sanitiseJson(v)]),
    ) as T;
  }
  return value;
}
