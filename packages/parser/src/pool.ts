import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { WorkerResult, WorkerTask } from './_internal/worker.ts';
import { ParseError, type ParseErrorCode } from './errors.ts';
import { parseFile } from './parse.ts';
import type { AgreementDocument, ParseOptions } from './types.ts';

export interface ParseManyOptions extends ParseOptions {
  /** Workers; 0 parses on the calling thread. Default: one per core. */
  workers?: number;
  /**
   * `thread` (default) runs each worker as a worker thread, `process` as a child process
   * (memory fully separate; each process bounded by its own heap limit). bench/parse prints both.
   */
  isolation?: 'process' | 'thread';
  /** Heap limit of each worker, in MB: bounds memory whatever the documents. Default 1024. */
  workerHeapMb?: number;
}

export type ParseOutcome =
  | { path: string; ok: true; document: AgreementDocument }
  | { path: string; ok: false; error: ParseError };

/**
 * Parses many files, one document per worker thread (a document is never split across
 * workers: separate documents scale with cores, one split document barely does). Yields
 * outcomes as they finish, not in input order; a bad file yields its error and the rest go on.
 */
export async function* parseMany(paths: string[], options: ParseManyOptions = {}): AsyncGenerator<ParseOutcome> {
  const { workers = availableParallelism(), workerHeapMb = 1024, isolation = 'thread', ...parseOptions } = options;
  if (workers <= 0 || paths.length <= 1) {
    for (const path of paths) {
      try {
        yield { path, ok: true, document: await parseFile(path, parseOptions) };
      } catch (error) {
        yield { path, ok: false, error: asParseError(error) };
      }
    }
    return;
  }
  const size = Math.min(workers, paths.length);
  const pool = new Tinypool({
    filename: new URL('./_internal/worker.ts', import.meta.url).href,
    runtime: isolation === 'process' ? 'child_process' : 'worker_threads',
    minThreads: size,
    maxThreads: size,
    ...(isolation === 'process'
      ? { execArgv: [`--max-old-space-size=${workerHeapMb}`], serialization: 'advanced' as const }
      : { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } }),
  });
  try {
    // Largest files first: a big document started last would leave the other workers idle.
    const sizes = await Promise.all(
      paths.map((p) =>
        stat(p).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    const order = paths.map((_, i) => i).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0));
    // Keep at most two tasks per worker in flight, so results never pile up in memory.
    const inFlight = new Map<number, Promise<[number, ParseOutcome]>>();
    let next = 0;
    const submit = (index: number) => {
      const path = paths[index] ?? '';
      const task: WorkerTask = { path, options: parseOptions };
      const promise = (pool.run(task) as Promise<WorkerResult>).then(
        (r): [number, ParseOutcome] => [
          index,
          r.ok
            ? { path, ok: true, document: r.document }
            : { path, ok: false, error: new ParseError(r.code as ParseErrorCode, r.message) },
        ],
        (error: unknown): [number, ParseOutcome] => [index, { path, ok: false, error: asParseError(error) }],
      );
      inFlight.set(index, promise);
    };
    while (next < paths.length && inFlight.size < workers * 2) submit(order[next++] ?? 0);
    while (inFlight.size > 0) {
      const [index, outcome] = await Promise.race(inFlight.values());
      inFlight.delete(index);
      if (next < paths.length) submit(order[next++] ?? 0);
      yield outcome;
    }
  } finally {
    await pool.destroy();
  }
}

function asParseError(error: unknown): ParseError {
  if (error instanceof ParseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A worker that hit its heap limit or crashed: reported per file, the run goes on.
  return new ParseError('PARSER_WORKER_FAILED', `The parser worker failed (${message}).`, { cause: error });
}
