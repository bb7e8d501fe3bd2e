import { CcmError } from '@ccm/contracts';
import type { OcrMode, ParseLimits } from '@ccm/parser';
import { runPool, runTask } from '@ccm/pool';
import type { Analysed, AnalyseTask } from './worker.ts';

const WORKER = new URL('./worker.ts', import.meta.url);

export interface AnalyseOptions {
  ocr?: OcrMode;
  limits?: Partial<ParseLimits>;
  /** Add the model features behind each tag to `why`. */
  explain?: boolean;
  /**
   * Files in flight at once, at most the process's engine size (`--jobs`, `CCM_JOBS`, the
   * cores); 0 parses in this process (no isolation: for tests and tiny inputs).
   */
  workers?: number;
}

export type AnalyseOutcome =
  | ({ ok: true; path: string; index: number } & Analysed)
  | { ok: false; path: string; index: number; error: CcmError };

const taskOptions = (options: AnalyseOptions): AnalyseTask['options'] => ({
  ...(options.ocr ? { ocr: options.ocr } : {}),
  ...(options.limits ? { limits: options.limits } : {}),
  ...(options.explain ? { explain: true } : {}),
});

/**
 * Parses and classifies files on the process's analysis engine (a hostile file costs a worker,
 * never this process) and yields the outcomes in input order, each as soon as those before it
 * are done.
 */
export async function* analyseMany(paths: string[], options: AnalyseOptions = {}): AsyncGenerator<AnalyseOutcome> {
  const task = taskOptions(options);
  const order = new Map<string, number[]>();
  for (const [i, p] of paths.entries()) order.set(p, [...(order.get(p) ?? []), i]);
  const ready = new Map<number, AnalyseOutcome>();
  let next = 0;
  const results =
    options.workers === 0
      ? inProcess(paths, task)
      : runPool<Analysed, AnalyseTask['options']>(paths, WORKER, task, {
          ...(options.workers ? { workers: options.workers } : {}),
        });
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

/**
 * One input, a file or bytes (an upload), analysed on the engine; throws its typed error. The
 * bytes of an upload travel to the worker in the task message: no plaintext copy of a
 * confidential draft is ever written to disk.
 */
export async function analyse(
  input: { path: string } | { bytes: Uint8Array; fileName: string },
  options: AnalyseOptions = {},
): Promise<Analysed> {
  const task: AnalyseTask = { ...input, options: taskOptions(options) };
  if (options.workers === 0) {
    const { default: inline } = await import('./worker.ts');
    return unwrap(await inline(task));
  }
  return unwrap(
    await runTask<Analysed>(WORKER, task, options.limits?.timeoutMs ? { timeoutMs: options.limits.timeoutMs } : {}),
  );
}

function unwrap(result: Awaited<ReturnType<typeof runTask<Analysed>>>): Analysed {
  if (!result.ok) throw new CcmError(result.code, result.message);
  const { document, classification, scorecard } = result;
  return { document, classification, scorecard };
}
