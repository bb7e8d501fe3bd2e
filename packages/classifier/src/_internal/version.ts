import { createHash } from 'node:crypto';
import type { Model } from './model.ts';

/** Source files whose content decides the tags: a change to any of them changes the version. */
export const VERSIONED_SOURCES = ['rules.ts', 'lexicon.ts', 'context.ts', 'features.ts', 'modality.ts', 'sentences.ts'];

/**
 * The classifier version: a hash of the model's weights and of the rule and lexicon sources, so
 * that `ccm ingest --reclassify` sees every change (scripts/train.ts writes it into the model).
 */
export function contentVersion(model: Omit<Model, 'version'>, sources: string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ ...model, version: undefined }));
  for (const s of sources) hash.update('\0').update(s);
  return `ccm-classifier-${hash.digest('hex').slice(0, 12)}`;
}
