import { stat } from 'node:fs/promises';
import {
  type AgreementDocument,
  DEFAULT_LIMITS,
  ParseError,
  type ParseErrorCode,
  type ParseOptions,
  parseFile,
} from '@ccm/parser';
import { type EngineOptions, engine, TaskTimeout } from './engine.ts';

export interface PoolOptions {
  /**
   * Tasks of this call in flight at once, at most the engine's workers; 0 runs on the calling
   * thread. Default: the engine's workers. The engine itself is sized once per process
   * (`configureEngine`, `CCM_JOBS`, else the cores), never by a call.
   */
  workers?: number;
  /** See {@link EngineOptions.isolation}: an engine of its own kind. */
  isolation?: EngineOptions['isolation'];
  /** See {@link EngineOptions.workerHeapMb}: an engine of its own kind. */
  workerHeapMb?: number;
  /**
   * Wall-clock time of one task, in ms: past it the worker is killed (SIGTERM, then SIGKILL)
   * and the file fails with `PARSER_LIMIT_EXCEEDED` (timeoutMs), whatever the worker is doing,
   * synchronous work included. Default: the parser's timeoutMs limit (30 minutes).
   */
  timeoutMs?: number;
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

/**
 * Runs one task on this process's engine and returns its result, never throwing for the task's
 * own sake: a timeout is `PARSER_LIMIT_EXCEEDED`, a dead worker `PARSER_WORKER_FAILED`.
 */
export async function runTask<R extends object>(
  worker: URL,
  task: unknown,
  options: Pick<PoolOptions, 'isolation' | 'workerHeapMb' | 'timeoutMs'> = {},
): Promise<TaskResult<R>> {
  const { timeoutMs = DEFAULT_LIMITS.timeoutMs } = options;
  const pool = engine(options);
  try {
    return await pool.run<TaskResult<R>>(worker, task, { timeoutMs });
  } catch (error) {
    const e =
      error instanceof TaskTimeout
        ? new ParseError(
            'PARSER_LIMIT_EXCEEDED',
            `The document exceeds the timeoutMs limit: its worker was still busy after ${timeoutMs} ms and was stopped (raise timeoutMs if the document is genuine).`,
            { limit: 'timeoutMs' },
          )
        : asParseError(error, pool.workerHeapMb);
    return { ok: false, code: e.code, message: e.message };
  }
}

/**
 * Runs one task per file on this process's engine, largest file first (a big document started
 * last would leave the other workers idle), no more in flight than the engine has workers so
 * that results never pile up in memory, each within {@link PoolOptions.timeoutMs}. `worker` is a
 * module whose default export takes `{ path, options }` and returns a {@link TaskResult}. Yields
 * results as they finish, not in input order; a failing file yields its error and the rest go on.
 */
export async function* runPool<R extends object, O>(
  paths: string[],
  worker: URL,
  options: O,
  pool: PoolOptions = {},
): AsyncGenerator<{ path: string; result: TaskResult<R> }> {
  const { workers, ...run } = pool;
  const shared = engine(run);
  const size = Math.min(Math.max(workers ?? shared.workers, 1), shared.workers, paths.length);
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
  const submit = (index: number) =>
    inFlight.set(
      index,
      runTask<R>(worker, { path: paths[index] ?? '', options }, run).then((r): [number, TaskResult<R>] => [index, r]),
    );
  while (next < paths.length && inFlight.size < size) submit(order[next++] ?? 0);
  while (inFlight.size > 0) {
    const [index, result] = await Promise.race(inFlight.values());
    inFlight.delete(index);
    if (next < paths.length) submit(order[next++] ?? 0);
    yield { path: paths[index] ?? '', result };
  }
}

const PARSE_WORKER = new URL('./_internal/parse-worker.ts', import.meta.url);

/**
 * Parses many files, one document per worker (a document is never split across
 * workers: separate documents scale with cores, one split document barely does). Yields
 * outcomes as they finish, not in input order; a bad file yields its error and the rest go on.
 */
export async function* parseMany(paths: string[], options: ParseManyOptions = {}): AsyncGenerator<ParseOutcome> {
  const { workers, workerHeapMb, isolation, timeoutMs, ...parseOptions } = options;
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
    timeoutMs: timeoutMs ?? parseOptions.limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
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
