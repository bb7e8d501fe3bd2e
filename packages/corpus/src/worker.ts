import { type Classification, classify, type Scorecard, scorecard } from '@ccm/classifier';
import { type AgreementDocument, type ParseOptions, parseFile, retainOcrEngines } from '@ccm/parser';
import { type TaskResult, taskFailure } from '@ccm/pool';

// The OCR engines outlive each document: loaded once per pool worker.
retainOcrEngines();

export interface Analysed {
  document: AgreementDocument;
  classification: Classification;
  scorecard: Scorecard;
}

/** Runs in a pool worker: parse and classify one file, so both use every core. */
export default async function analyse(task: { path: string; options: ParseOptions }): Promise<TaskResult<Analysed>> {
  try {
    const document = await parseFile(task.path, task.options);
    const classification = classify(document);
    return { ok: true, document, classification, scorecard: scorecard(classification) };
  } catch (error) {
    return taskFailure(error, 'INGEST_FAILED');
  }
}
