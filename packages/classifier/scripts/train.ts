/**
 * Trains the classifier's model on the whole dev gold and writes the versioned artefact the
 * package ships (model/model.json). Offline only; nothing trains at run time.
 *
 *   pnpm --filter @ccm/classifier train      (then commit model/model.json)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contentVersion, VERSIONED_SOURCES } from '../src/_internal/version.ts';
import { TAG_IDS } from '../src/types.ts';
import { loadDataset } from './dataset.ts';
import { trainModel } from './lr.ts';

const OUT = resolve(import.meta.dirname, '../model/model.json');
const dataset = await loadDataset();
const model = trainModel(dataset, '', {
  file: 'gold/dev-articles.jsonl',
  sha256: dataset.sha256,
  articles: dataset.gold.size,
  agreements: dataset.agreements.length,
});
for (const tag of TAG_IDS) {
  const m = model.tags[tag];
  console.log(
    `${tag.padEnd(32)} ${String(m?.examples ?? 0).padStart(5)} candidates, ${String(m?.positives ?? 0).padStart(4)} right, ${Object.keys(m?.weights ?? {}).length} weights`,
  );
}
// The version is a hash of the weights and the rule sources: exports record it, reclassify compares it.
model.version = contentVersion(
  model,
  VERSIONED_SOURCES.map((f) => readFileSync(resolve(import.meta.dirname, '../src/_internal', f), 'utf8')),
);
writeFileSync(OUT, `${JSON.stringify(model, null, 1)}\n`);
console.log(`wrote ${OUT}`);
