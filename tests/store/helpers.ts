import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify, scorecard } from '@ccm/classifier';
import { type AgreementDocument, parse } from '@ccm/parser';
import { type AgreementRecord, StoreError } from '@ccm/store';
import { expect } from 'vitest';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');

/** A sample agreement of corpus/samples, parsed. */
export async function sample(file: string): Promise<AgreementDocument> {
  return parse(new Uint8Array(readFileSync(resolve(SAMPLES, file))), { fileName: file });
}

/** What ingestion would hand the store for `document`. */
export function record(
  document: AgreementDocument,
  id: string,
  extra: { parties?: string[]; dateSigned?: string; sample?: boolean } = {},
): AgreementRecord {
  const classification = classify(document);
  return {
    meta: {
      id,
      title: document.title,
      language: document.language,
      parties: extra.parties ?? [],
      dateSigned: extra.dateSigned ?? null,
      ...(extra.sample !== undefined ? { sample: extra.sample } : {}),
    },
    document,
    classification,
    scorecard: scorecard(classification),
  };
}

/** The same document as if it came from other bytes (another hash): a distinct agreement for the store. */
export const rehashed = (d: AgreementDocument, hex: string): AgreementDocument => ({
  ...d,
  source: { ...d.source, sha256: hex.repeat(64 / hex.length) },
});

/** The `StoreError` a promise rejects with (fails the test if it resolves or throws anything else). */
export async function storeError(p: Promise<unknown>): Promise<StoreError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}
