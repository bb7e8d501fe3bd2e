/**
 * The one error base of ccm. Every package's error for a failure a user can act on (a bad
 * file, a bad manifest, an unreachable archive or database, a bad option) is a `CcmError` with
 * a stable `code`; the CLI maps it to an exit code and the API to an HTTP status, both here,
 * once. No zod and no other import: the parser's workers load this file too.
 */
export class CcmError extends Error {
  override name = 'CcmError';
  readonly code: string;
  /** For a refusal that passes (a full queue, a rate limit): when to try again, in seconds. */
  readonly retryAfterS?: number;
  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterS?: number }) {
    super(message, options);
    this.code = code;
    if (options?.retryAfterS !== undefined) this.retryAfterS = options.retryAfterS;
  }
}

/** A bad option, argument or query: the caller can fix it by asking differently. */
export class UsageError extends CcmError {
  override name = 'UsageError';
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'USAGE_INVALID', message, options);
  }
}

/** What kind of failure a code is: decides the exit code and the HTTP status. */
export type ErrorKind = 'usage' | 'input' | 'too_large' | 'not_found' | 'locked' | 'unavailable' | 'internal';

/** Exit codes of `ccm` (sysexits-like; 1 stays commander's own usage errors). */
export const EXIT_CODES: Record<ErrorKind, number> = {
  usage: 1,
  input: 2,
  too_large: 2,
  not_found: 2,
  locked: 3,
  unavailable: 3,
  internal: 70,
};

/** HTTP statuses for the API (RFC 9457 problem details carry them). */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  usage: 400,
  input: 422,
  too_large: 413,
  not_found: 404,
  locked: 423,
  unavailable: 503,
  internal: 500,
};

/**
 * The code registry: every code whose kind is not what its prefix says, or whose HTTP status is
 * its own (an HTTP-only refusal a CLI may still meet through a running server). The one table the
 * CLI's exit codes and the API's statuses come from: no package keeps a second one.
 */
const CODES: Record<string, { kind: ErrorKind; status?: number }> = {
  PARSER_TOO_LARGE: { kind: 'too_large' },
  PARSER_TOO_MANY_PAGES: { kind: 'too_large' },
  PARSER_ZIP_BOMB: { kind: 'too_large' },
  PARSER_LIMIT_EXCEEDED: { kind: 'too_large' },
  PARSER_WORKER_FAILED: { kind: 'internal' },
  STORE_LOCKED: { kind: 'locked' },
  STORE_UNAVAILABLE: { kind: 'unavailable' },
  STORE_DISK_FULL: { kind: 'unavailable' },
  STORE_TIMEOUT: { kind: 'unavailable' },
  STORE_NOT_FOUND: { kind: 'not_found' },
  STORE_NOT_MIGRATED: { kind: 'unavailable' },
  STORE_BAD_QUERY: { kind: 'usage' },
  STORE_CONFLICT: { kind: 'input' },
  STORE_READ_ONLY: { kind: 'internal' },
  STORE_FAILED: { kind: 'internal' },
  NOT_FOUND: { kind: 'not_found' },
  NETWORK_UNREACHABLE: { kind: 'unavailable' },
  FETCH_UNREACHABLE: { kind: 'unavailable' },
  INTERNAL: { kind: 'internal' },
  COMPARE_UNKNOWN_AGREEMENT: { kind: 'not_found' },
  COMPARE_BAD_FINGERPRINT: { kind: 'internal' },
  POOL_TIMEOUT: { kind: 'too_large' },
  POOL_WORKER_DIED: { kind: 'internal' },
  DRAFT_INTERRUPTED: { kind: 'unavailable' },
  API_BUSY: { kind: 'unavailable' },
  API_BODY_TOO_LARGE: { kind: 'too_large' },
  API_UNAUTHORIZED: { kind: 'usage', status: 401 },
  API_RATE_LIMITED: { kind: 'unavailable', status: 429 },
  API_UNSUPPORTED_MEDIA_TYPE: { kind: 'input', status: 415 },
  API_URI_TOO_LONG: { kind: 'usage', status: 414 },
  API_HEADERS_TOO_LARGE: { kind: 'usage', status: 431 },
  API_REQUEST_TIMEOUT: { kind: 'usage', status: 408 },
};

const KIND_OF_PREFIX: [string, ErrorKind][] = [
  ['USAGE_', 'usage'],
  ['PARSER_', 'input'],
  ['MANIFEST_', 'input'],
  ['INGEST_', 'input'],
  ['EXPORT_', 'input'],
  ['FETCH_', 'unavailable'],
  ['STORE_', 'unavailable'],
  ['SERVICE_', 'input'],
  ['COMPARE_', 'usage'],
];

export function errorKind(code: string): ErrorKind {
  const exact = CODES[code]?.kind;
  if (exact) return exact;
  return KIND_OF_PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'internal';
}

/**
 * A known error, whichever package threw it: a `CcmError`, or (across module copies, worker
 * boundaries and packages not yet on the base) any Error with an upper-case `code` such as
 * `PARSER_CORRUPT_PDF` or `STORE_LOCKED`.
 */
export function isCcmError(error: unknown): error is CcmError {
  if (error instanceof CcmError) return true;
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    error instanceof Error &&
    typeof e?.code === 'string' &&
    /^[A-Z]+(?:_[A-Z0-9]+)+$/.test(e.code) &&
    typeof e.message === 'string'
  );
}

/** System errors that mean "the database or the network is not there", wherever they hide (fetch puts them in `cause`). */
export const UNREACHABLE: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function systemCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Any thrown value as a known error: a `CcmError` as is; a file-system or network failure with
 * a code that says so; anything else `INTERNAL` (the caller shows one line, never a stack).
 */
export function toCcmError(error: unknown): CcmError {
  if (isCcmError(error)) return error;
  const sys = systemCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (sys && UNREACHABLE.has(sys))
    return new CcmError('NETWORK_UNREACHABLE', `cannot connect (${sys}): ${message}`, { cause: error });
  if (sys === 'ENOENT') return new CcmError('USAGE_NO_SUCH_FILE', message, { cause: error });
  if (sys === 'EISDIR') return new CcmError('USAGE_IS_A_DIRECTORY', message, { cause: error });
  if (sys === 'EACCES' || sys === 'EPERM') return new CcmError('USAGE_NOT_PERMITTED', message, { cause: error });
  return new CcmError('INTERNAL', message, { cause: error });
}

/** The HTTP status of a code: its own (401, 429…) or its kind's. */
export function httpStatus(code: string): number {
  return CODES[code]?.status ?? HTTP_STATUS[errorKind(code)];
}

/** RFC 9457 problem details for an error (the API's error body). */
export function problemOf(error: unknown, instance?: string) {
  const e = toCcmError(error);
  const kind = errorKind(e.code);
  return {
    type: `https://ccm.invalid/problems/${e.code.toLowerCase().replace(/_/g, '-')}`,
    title: e.code,
    status: httpStatus(e.code),
    detail: kind === 'internal' ? 'internal error' : e.message,
    code: e.code,
    ...(instance ? { instance } : {}),
  };
}
