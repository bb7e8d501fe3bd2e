import { type AgreementDocument, type ParseOptions, parseFile, retainOcrEngines } from '@ccm/parser';
import { type TaskResult, taskFailure } from '../pool.ts';

// One tesseract worker per language for this pool worker's whole life, reused by every document.
retainOcrEngines();

/** Runs in a pool worker: one document per task; errors travel back as data, not exceptions. */
export default async function parseTask(task: {
  path: string;
  options: ParseOptions;
}): Promise<TaskResult<{ document: AgreementDocument }>> {
  try {
    return { ok: true, document: await parseFile(task.path, task.options) };
  } catch (error) {
    return taskFailure(error, 'PARSER_WORKER_FAILED');
  }
}
