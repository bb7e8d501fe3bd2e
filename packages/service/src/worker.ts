import { type Classification, classify, type Scorecard, scorecard } from '@ccm/classifier';
import { fingerprint, type SerialisedFingerprint, serialiseFingerprint } from '@ccm/compare';
import { type AgreementDocument, type ParseOptions, parse, parseFile, retainOcrEngines } from '@ccm/parser';
import { type TaskResult, taskFailure } from '@ccm/pool';

// The OCR engines outlive each document: loaded once per pool worker.
retainOcrEngines();

export interface Analysed {
  document: AgreementDocument;
  classification: Classification;
  scorecard: Scorecard;
  /** The provision fingerprints, serialised for the store: only when the task asks (ingest). */
  fingerprint?: SerialisedFingerprint;
}

export type AnalyseTask = (
  | { path: string }
  /** An upload: its bytes come in the task message and never touch the disk. */
  | { bytes: Uint8Array; fileName: string }
) & {
  /** `fingerprint`: compute the document's provision fingerprints too (for the store; drafts never ask). */
  options: Omit<ParseOptions, 'onProgress'> & { explain?: boolean; fingerprint?: boolean };
};

/** Runs in a pool worker: parse and classify one file (and fingerprint it for ingest), so all use every core. */
export default async function analyse(task: AnalyseTask): Promise<TaskResult<Analysed>> {
  try {
    const { explain, fingerprint: wanted, ...parseOptions } = task.options;
    const document =
      'bytes' in task
        ? await parse(task.bytes, { ...parseOptions, fileName: task.fileName })
        : await parseFile(task.path, parseOptions);
    const classification = classify(document, { explain: Boolean(explain) });
    return {
      ok: true,
      document,
      classification,
      scorecard: scorecard(classification),
      ...(wanted ? { fingerprint: serialiseFingerprint(fingerprint(document)) } : {}),
    };
  } catch (error) {
    return taskFailure(error, 'INGEST_FAILED');
  }
}
