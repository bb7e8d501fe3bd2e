import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CcmError } from '@ccm/contracts/errors';
import { unzipSync } from 'fflate';

/** The public ToTA repository (mappingtreaties/tota) as a zip archive of its default branch. */
export const TOTA_ARCHIVE = 'https://codeload.github.com/mappingtreaties/tota/zip/refs/heads/master';

const AGREEMENT = /(?:^|\/)pta_\d+\.xml$/;

/** Budgets of one fetch. The real archive is ~15 MB and unpacks to ~51 MB (largest agreement 1.1 MB). */
export interface FetchLimits {
  /** Largest download (or local archive), in bytes. Default 128 MiB. */
  maxBytes: number;
  /** Largest agreement unpacked, in bytes. Default 64 MiB. */
  maxFileBytes: number;
  /** Most bytes unpacked in all. Default 1 GiB. */
  maxTotalBytes: number;
  /** Wall-clock time of the whole download, in ms. Default 10 minutes. */
  timeoutMs: number;
  /** Longest wait for the server's next byte (the first one included), in ms. Default 30 s. */
  idleTimeoutMs: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 128 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  timeoutMs: 10 * 60 * 1000,
  idleTimeoutMs: 30 * 1000,
};

export type FetchErrorCode =
  | 'FETCH_HTTP'
  | 'FETCH_NETWORK'
  | 'FETCH_TIMEOUT'
  | 'FETCH_IDLE_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_BAD_ARCHIVE'
  | 'FETCH_UNSAFE_OUTPUT'
  | 'FETCH_DUPLICATE_NAME'
  | 'FETCH_UNREADABLE';

/** Every failure of a fetch: a stable code and one line a person can act on. */
export class FetchError extends CcmError {
  override readonly name = 'FetchError';
  declare readonly code: FetchErrorCode;
  constructor(code: FetchErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** What Node's fetch (undici) puts in `error.cause.code`, in words. */
const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed (no network?)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response stalled',
  UND_ERR_SOCKET: 'connection closed by the server',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
};

function networkError(source: string, error: unknown): FetchError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const why = code ? `${NETWORK[code] ?? cause?.message ?? 'network error'} (${code})` : (error as Error).message;
  return new FetchError('FETCH_NETWORK', `${source}: ${why.split('\n')[0]}`, { cause: error });
}

/**
 * Downloads `source` with every budget in force: the overall time, the idle time between
 * bytes (a server that never answers or trickles), and the size, checked on the declared
 * length and counted as the bytes come. Any failure is one {@link FetchError}.
 */
async function download(source: string, limits: FetchLimits): Promise<Uint8Array> {
  const controller = new AbortController();
  let failure: FetchError | undefined;
  const stop = (error: FetchError) => {
    failure ??= error;
    controller.abort(error);
  };
  const overall = setTimeout(
    () => stop(new FetchError('FETCH_TIMEOUT', `${source}: not downloaded within ${limits.timeoutMs} ms`)),
    limits.timeoutMs,
  );
  let idle: NodeJS.Timeout | undefined;
  const waiting = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        stop(new FetchError('FETCH_IDLE_TIMEOUT', `${source}: the server sent nothing for ${limits.idleTimeoutMs} ms`)),
      limits.idleTimeoutMs,
    );
  };
  const tooLarge = (size: string) =>
    new FetchError('FETCH_TOO_LARGE', `${source}: the download is ${size} bytes; the limit is ${limits.maxBytes}`);
  try {
    waiting();
    let response: Response;
    try {
      response = await fetch(source, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw failure ?? networkError(source, error);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new FetchError('FETCH_HTTP', `${source}: HTTP ${response.status} ${response.statusText}`.trim());
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge(String(declared));
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = response.body?.getReader();
    try {
      for (;;) {
        waiting();
        const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
        if (done) break;
        length += value.byteLength;
        if (length > limits.maxBytes) {
          stop(tooLarge(`more than ${limits.maxBytes}`));
          break;
        }
        chunks.push(value);
      }
    } catch (error) {
      throw failure ?? networkError(source, error);
    }
    if (failure) throw failure;
    return Buffer.concat(chunks, length);
  } finally {
    clearTimeout(overall);
    clearTimeout(idle);
  }
}

/** Reads a local archive, a regular file of at most maxBytes (not a pipe or device). */
async function readArchive(path: string, limits: FetchLimits): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new FetchError('FETCH_UNREADABLE', `${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FetchError('FETCH_UNREADABLE', `${path}: not a regular file`);
    if (info.size > limits.maxBytes) {
      throw new FetchError('FETCH_TOO_LARGE', `${path} is ${info.size} bytes; the limit is ${limits.maxBytes}`);
    }
    const buffer = new Uint8Array(info.size);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` as `dir/name` without ever following a link there: into a new file that only
 * this call can have created (O_EXCL | O_NOFOLLOW), renamed over the name, which replaces a
 * symbolic link planted there instead of writing through it. A directory in the way is refused.
 */
async function writeInside(dir: string, name: string, data: Uint8Array): Promise<void> {
  const target = join(dir, name);
  const existing = await lstat(target).catch(() => null);
  if (existing?.isDirectory()) {
    throw new FetchError('FETCH_UNSAFE_OUTPUT', `${target} is a directory; not replacing it`);
  }
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.part`);
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Downloads the ToTA corpus and writes its agreements (`pta_<n>.xml`) into `out`. `source` is
 * the archive URL (default: GitHub) or a local zip file; nothing else is read from it. Two
 * entries with one file name are refused rather than one silently replacing the other.
 */
export async function fetchTota(
  out: string,
  source = TOTA_ARCHIVE,
  limits: Partial<FetchLimits> = {},
): Promise<{ files: number; out: string }> {
  const budget: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...limits };
  const bytes = /^https?:\/\//.test(source) ? await download(source, budget) : await readArchive(source, budget);
  let total = 0;
  const byName = new Map<string, string>();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      // Only the agreements, and never more than the archive can honestly hold (zip bombs).
      filter: (file) => {
        if (!AGREEMENT.test(file.name)) return false;
        const name = basename(file.name);
        const other = byName.get(name.toLowerCase());
        if (other !== undefined) {
          throw new FetchError(
            'FETCH_DUPLICATE_NAME',
            `${source}: ${other} and ${file.name} would both be written as ${name}; refusing the archive`,
          );
        }
        byName.set(name.toLowerCase(), file.name);
        total += file.originalSize;
        if (file.originalSize > budget.maxFileBytes || total > budget.maxTotalBytes) {
          throw new FetchError(
            'FETCH_TOO_LARGE',
            `${source}: ${file.name} unpacks to more than the limit; refusing the archive`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError('FETCH_BAD_ARCHIVE', `${source}: not a readable zip archive (${(error as Error).message})`, {
      cause: error,
    });
  }
  const dir = resolve(out);
  const names = Object.keys(entries).sort();
  if (names.length === 0) {
    throw new FetchError('FETCH_BAD_ARCHIVE', `${source}: the archive holds no pta_<n>.xml agreements`);
  }
  try {
    await mkdir(dir, { recursive: true });
    for (const name of names) await writeInside(dir, basename(name), entries[name] ?? new Uint8Array());
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError('FETCH_UNSAFE_OUTPUT', `${dir}: cannot write there (${(error as Error).message})`, {
      cause: error,
    });
  }
  return { files: names.length, out: dir };
}
