import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CcmError } from '@ccm/contracts';
import type { OcrMode, ParseLimits } from '@ccm/parser';
import { runPool } from '@ccm/pool';
import type { Analysed, AnalyseTask } from './worker.ts';

const WORKER = new URL('./worker.ts', import.meta.url);

export interface AnalyseOptions {
  ocr?: OcrMode;
  limits?: Partial<ParseLimits>;
  /** Add the model features behind each tag to `why`. */
  explain?: boolean;
  /** Pool workers; 0 parses in this process (no isolation: for tests and tiny inputs). Default one per core. */
  workers?: number;
}

export type AnalyseOutcome =
  | ({ ok: true; path: string; index: number } & Analysed)
  | { ok: false; path: string; index: number; error: CcmError };

/**
 * Parses and classifies files on the worker pool (a hostile file costs a worker, never this
 * process) and yields the outcomes in input order, each as soon as those before it are done.
 */
export async function* analyseMany(paths: string[], options: AnalyseOptions = {}): AsyncGenerator<AnalyseOutcome> {
  const task: AnalyseTask['options'] = {
    ...(options.ocr ? { ocr: options.ocr } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.explain ? { explain: true } : {}),
  };
  const order = new Map<string, number[]>();
  for (const [i, p] of paths.entries()) order.set(p, [...(order.get(p) ?? []), i]);
  const ready = new Map<number, AnalyseOutcome>();
  let next = 0;
  const results =
    options.workers === 0
      ? inProcess(paths, task)
      : runPool<Analysed, AnalyseTask['options']>(paths, WORKER, task, { workers: options.workers ?? paths.length });
  for await (const { path, result } of results) {
    const index = order.get(path)?.shift() ?? 0;
    ready.set(
      index,
      result.ok
        ? {
            ok: true,
            path,
            index,
            document: result.document,
            classification: result.classification,
            scorecard: result.scorecard,
          }
        : { ok: false, path, index, error: new CcmError(result.code, result.message) },
    );
    for (let o = ready.get(next); o; o = ready.get(next)) {
      ready.delete(next++);
      yield o;
    }
  }
}

async function* inProcess(paths: string[], options: AnalyseTask['options']) {
  const { default: analyse } = await import('./worker.ts');
  for (const path of paths) yield { path, result: await analyse({ path, options }) };
}

/** One input, a file or bytes (an upload), analysed on a worker; throws its typed error. */
export async function analyse(
  input: { path: string } | { bytes: Uint8Array; fileName: string },
  options: AnalyseOptions = {},
): Promise<Analysed> {
  let dir: string | null = null;
  let path: string;
  if ('path' in input) path = input.path;
  else {
    // The worker reads files: bytes go through a private temporary file, removed after.
    dir = await mkdtemp(join(tmpdir(), 'ccm-analyse-'));
    path = join(dir, basename(input.fileName) || 'upload');
    await writeFile(path, input.bytes, { mode: 0o600 });
  }
  try {
    for await (const outcome of analyseMany([path], { ...options, workers: options.workers ?? 1 })) {
      if (!outcome.ok) throw outcome.error;
      const { document, classification, scorecard } = outcome;
      if (dir && 'fileName' in input) document.source.fileName = input.fileName;
      return { document, classification, scorecard };
    }
    throw new CcmError('INTERNAL', 'the worker returned nothing');
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
