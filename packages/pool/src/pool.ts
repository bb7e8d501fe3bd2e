import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { type AgreementDocument, ParseError, type ParseErrorCode, type ParseOptions, parseFile } from '@ccm/parser';
import Tinypool from 'tinypool';

export interface PoolOptions {
  /** Workers; 0 runs on the calling thread. Default: one per core. */
  workers?: number;
  /**
   * `process` (default) runs each worker as a child process whose V8 is single-threaded:
   * the pool already keeps the cores busy, and V8's garbage-collector and compiler helper
   * threads would only take turns away from the other workers (V8 flags are per process, so
   * worker threads cannot opt out). Memory is fully separate and each process is bounded by
   * its own heap limit. `thread` runs worker threads in this process: quicker to start, worse
   * under load. bench/parse prints both.
   */
  isolation?: 'process' | 'thread';
  /** Heap limit of each worker, in MB: bounds memory whatever the documents. Default 1024. */
  workerHeapMb?: number;
}

export interface ParseManyOptions extends ParseOptions, PoolOptions {}

export type ParseOutcome =
  | { path: string; ok: true; document: AgreementDocument }
  | { path: string; ok: false; error: ParseError };

/** What a pool worker module's default export returns: errors travel back as data. */
export type TaskResult<R> = ({ ok: true } & R) | { ok: false; code: string; message: string };

/** The failed {@link TaskResult} for an error thrown in a worker (its own `code`, or `fallback`). */
export function taskFailure(error: unknown, fallback: string): { ok: false; code: string; message: string } {
  const e = error as { code?: string; message?: string };
  return { ok: false, code: e?.code ?? fallback, message: e?.message ?? String(error) };
}

/** Preloaded into each worker process: it ends when its parent does. */
const END_WITH_PARENT = new URL('./_internal/end-with-parent.ts', import.meta.url).href;

/**
 * V8 flags of each worker process. Single-threaded: see {@link PoolOptions.isolation}. A smaller
 * young generation and a fixed heap growth factor of 1.3 (V8's own lets the heap grow to
 * several times what is live) keep a worker near what it holds: a document's live heap is
 * tens of MB. Parsing RCEP alone, a worker peaked at 240–300 MB with them against 330–340 MB
 * without; the difference in wall time was within this machine's run-to-run noise.
 */
const WORKER_V8_FLAGS = ['--single-threaded', '--max-semi-space-size=8', '--heap-growing-percent=30'];

/**
 * Runs one task per file on a pool of workers, largest file first (a big document started
 * last would leave the other workers idle), at most two tasks per worker in flight so that
 * results never pile up in memory. `worker` is a module whose default export takes
 * `{ path, options }` and returns a {@link TaskResult}. Yields results as they finish, not in
 * input order; a failing file yields its error and the rest go on.
 */
export async function* runPool<R extends object, O>(
  paths: string[],
  worker: URL,
  options: O,
  pool: PoolOptions = {},
): AsyncGenerator<{ path: string; result: TaskResult<R> }> {
  const { workers = availableParallelism(), workerHeapMb = 1024, isolation = 'process' } = pool;
  const size = Math.min(Math.max(workers, 1), paths.length);
  const tinypool = new Tinypool({
    filename: worker.href,
    runtime: isolation === 'process' ? 'child_process' : 'worker_threads',
    minThreads: size,
    maxThreads: size,
    ...(isolation === 'process'
      ? {
          execArgv: [`--max-old-space-size=${workerHeapMb}`, ...WORKER_V8_FLAGS, '--import', END_WITH_PARENT],
          // tinypool would otherwise start its processes with an empty environment
          env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
          serialization: 'advanced' as const,
        }
      : { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } }),
  });
  try {
    const sizes = await Promise.all(
      paths.map((p) =>
        stat(p).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    const order = paths.map((_, i) => i).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0));
    const inFlight = new Map<number, Promise<[number, TaskResult<R>]>>();
    let next = 0;
    const submit = (index: number) => {
      const promise = (tinypool.run({ path: paths[index] ?? '', options }) as Promise<TaskResult<R>>).then(
        (r): [number, TaskResult<R>] => [index, r],
        (error: unknown): [number, TaskResult<R>] => {
          const e = asParseError(error, workerHeapMb);
          return [index, { ok: false, code: e.code, message: e.message }];
        },
      );
      inFlight.set(index, promise);
    };
    while (next < paths.length && inFlight.size < size * 2) submit(order[next++] ?? 0);
    while (inFlight.size > 0) {
      const [index, result] = await Promise.race(inFlight.values());
      inFlight.delete(index);
      if (next < paths.length) submit(order[next++] ?? 0);
      yield { path: paths[index] ?? '', result };
    }
  } finally {
    await tinypool.destroy();
  }
}

const PARSE_WORKER = new URL('./_internal/parse-worker.ts', import.meta.url);

/**
 * Parses many files, one document per worker (a document is never split across
 * workers: separate documents scale with cores, one split document barely does). Yields
 * outcomes as they finish, not in input order; a bad file yields its error and the rest go on.
 */
export async function* parseMany(paths: string[], options: ParseManyOptions = {}): AsyncGenerator<ParseOutcome> {
  const { workers, workerHeapMb, isolation, ...parseOptions } = options;
  if ((workers !== undefined && workers <= 0) || paths.length <= 1) {
    for (const path of paths) {
      try {
        yield { path, ok: true, document: await parseFile(path, parseOptions) };
      } catch (error) {
        yield { path, ok: false, error: asParseError(error) };
      }
    }
    return;
  }
  const pool: PoolOptions = {
    ...(workers !== undefined ? { workers } : {}),
    ...(workerHeapMb !== undefined ? { workerHeapMb } : {}),
    ...(isolation ? { isolation } : {}),
  };
  // A callback cannot cross to a worker process: progress is reported only in-process.
  const { onProgress: _inProcessOnly, ...workerOptions } = parseOptions;
  for await (const { path, result } of runPool<{ document: AgreementDocument }, ParseOptions>(
    paths,
    PARSE_WORKER,
    workerOptions,
    pool,
  )) {
    yield result.ok
      ? { path, ok: true, document: result.document }
      : { path, ok: false, error: new ParseError(result.code as ParseErrorCode, result.message) };
  }
}

function asParseError(error: unknown, heapMb?: number): ParseError {
  if (error instanceof ParseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A worker that hit its heap limit or crashed: reported per file, the run goes on. A worker
  // process that runs out of heap just exits (V8 aborts it), so say what most often causes that.
  const hint = heapMb && /exited unexpectedly/i.test(message) ? `; most often its heap limit of ${heapMb} MB` : '';
  return new ParseError('PARSER_WORKER_FAILED', `The parser worker failed (${message}${hint}).`, { cause: error });
}
