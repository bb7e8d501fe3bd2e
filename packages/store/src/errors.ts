import { CcmError, UNREACHABLE } from '@ccm/contracts/errors';

/**
 * The store's failures, each with a stable `code` a caller can map (CLI exit code, HTTP status).
 * Messages never hold SQL parameters or document text: drivers put both in theirs, so a driver
 * error is kept only as `cause`, reduced to its SQLSTATE and first line.
 */
export type StoreErrorCode =
  /** Another process has the PGlite directory open (PGlite is single-process). */
  | 'STORE_LOCKED'
  /** The disk holding the store is (nearly) full; the store stays readable. */
  | 'STORE_DISK_FULL'
  /** A read-only open found no store, or one whose migrations are not all applied. */
  | 'STORE_NOT_FOUND'
  | 'STORE_NOT_MIGRATED'
  /** The store was opened read-only and was asked to write. */
  | 'STORE_READ_ONLY'
  /** PostgreSQL did not answer in time (connection or statement timeout). */
  | 'STORE_TIMEOUT'
  /** PostgreSQL could not be reached or refused the connection. */
  | 'STORE_UNAVAILABLE'
  /** A write broke a constraint (the same content under another agreement id, a tag on no provision). */
  | 'STORE_CONFLICT'
  /** A query the store refuses (a limit out of range, a malformed cursor). */
  | 'STORE_BAD_QUERY'
  /** Anything else the engine reported. */
  | 'STORE_FAILED';

export class StoreError extends CcmError {
  override name = 'StoreError';
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Refuses a write on a store opened read-only, naming what was being done. */
export function assertWritable(engine: { readOnly: boolean }, doing: string): void {
  if (engine.readOnly) throw new StoreError('STORE_READ_ONLY', `the store was opened read-only: cannot ${doing}`);
}

interface DriverError {
  code?: string;
  message?: string;
  cause?: unknown;
}

/** The error the driver raised, under Drizzle's wrapper (whose message lists the parameters). */
function driverError(error: unknown): DriverError {
  let e = error as DriverError | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e;
    if (!e.cause || typeof e.cause !== 'object') break;
    e = e.cause as DriverError;
  }
  return (error ?? {}) as DriverError;
}

/** Codes by SQLSTATE class or Node error code. */
function codeOf(driverCode: string | undefined, message: string): StoreErrorCode {
  if (driverCode === '53100' || driverCode === 'ENOSPC' || /no space left on device/i.test(message))
    return 'STORE_DISK_FULL';
  if (driverCode === '25006') return 'STORE_READ_ONLY';
  if (driverCode === '57014' || driverCode === 'ETIMEDOUT' || /timeout/i.test(message)) return 'STORE_TIMEOUT';
  if (driverCode?.startsWith('08') || driverCode === '57P01' || (driverCode && UNREACHABLE.has(driverCode)))
    return 'STORE_UNAVAILABLE';
  if (driverCode?.startsWith('23')) return 'STORE_CONFLICT';
  return 'STORE_FAILED';
}

/**
 * A `StoreError` for any failure of `doing` ("saving an agreement"): typed errors pass through;
 * driver errors keep their SQLSTATE and first message line, never the query or its parameters.
 */
export function storeError(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const driver = driverError(error);
  // The driver's own message is one line naming the problem ("duplicate key value violates…");
  // Drizzle's wrapper ("Failed query: … params: …") is never used.
  const first = String(driver.message ?? '').split('\n')[0] ?? '';
  // "invalid input syntax for type integer: \"abc\"" quotes a parameter: keep the part before it.
  const own = first.startsWith('Failed query') ? '' : first.replace(/^(invalid input [^:]*):.*$/, '$1').slice(0, 200);
  const code = codeOf(driver.code, own);
  const cause = Object.assign(new Error(own || 'engine error'), driver.code ? { code: driver.code } : {});
  const why = own ? `: ${own}` : '';
  return new StoreError(code, `store ${doing} failed (${driver.code ?? code})${why}`, { cause });
}

/** Runs `work`, turning any failure into a `StoreError`. */
export async function guarded<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeError(error, doing);
  }
}
