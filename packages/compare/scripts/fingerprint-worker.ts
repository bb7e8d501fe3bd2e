import { agreementId, parseFile } from '@ccm/parser';
import { type TaskResult, taskFailure } from '@ccm/pool';
import { type AgreementFingerprint, fingerprint } from '../src/index.ts';

export interface Fingerprinted {
  id: string;
  title: string;
  /** ToTA's language field, else the detected language. */
  language: string;
  signed: string | null;
  fingerprint: AgreementFingerprint;
}

/** Runs in a pool worker: parses one agreement and returns only its fingerprint, far less to send back than the document. */
export default async function fingerprintTask(task: { path: string }): Promise<TaskResult<Fingerprinted>> {
  try {
    const document = await parseFile(task.path);
    const { language, date_signed: signed } = document.metadata;
    return {
      ok: true,
      id: agreementId(document),
      title: document.title,
      language: typeof language === 'string' ? language : document.language,
      signed: typeof signed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(signed) ? signed : null,
      fingerprint: fingerprint(document),
    };
  } catch (error) {
    return taskFailure(error, 'PARSER_WORKER_FAILED');
  }
}
