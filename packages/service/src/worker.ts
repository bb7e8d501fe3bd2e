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

export interface AnalyseTask {
  path: string;
  options: Omit<ParseOptions, 'onProgress'> & { explain?: boolean };
}

/** Runs in a pool worker: parse and classify one file, so both use every core. */
export default async function analyse(task: AnalyseTask): Promise<TaskResult<Analysed>> {
  try {
    const { explain, ...parseOptions } = task.options;
    const document = await parseFile(task.path, parseOptions);
    const classification = classify(document, { explain: Boolean(explain) });
    return { ok: true, document, classification, scorecard: scorecard(classification) };
  } catch (error) {
    return taskFailure(error, 'INGEST_FAILED');
  }
}
