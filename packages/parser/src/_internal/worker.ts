import { parseFile } from '../parse.ts';
import type { AgreementDocument, ParseOptions } from '../types.ts';

export interface WorkerTask {
  path: string;
  options: ParseOptions;
}

export type WorkerResult = { ok: true; document: AgreementDocument } | { ok: false; code: string; message: string };

/** Runs in a worker thread: one document per task; errors travel back as data, not exceptions. */
export default async function parseTask(task: WorkerTask): Promise<WorkerResult> {
  try {
    return { ok: true, document: await parseFile(task.path, task.options) };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ok: false, code: e.code ?? 'PARSER_WORKER_FAILED', message: e.message ?? String(error) };
  }
}
