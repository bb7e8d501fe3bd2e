/**
 * Trains the classifier's model on the whole dev gold and writes the versioned artefact the
 * package ships (model/model.json). Offline only; nothing trains at run time.
 *
 *   pnpm --filter @ccm/classifier train      (then commit model/model.json)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODEL_FORMAT, type Model } from '../src/_internal/model.ts';
import { TAG_IDS } from '../src/types.ts';
import { goldLabel, loadDataset } from './dataset.ts';
import { trainNeutral, trainTag } from './lr.ts';

const OUT = resolve(import.meta.dirname, '../model/model.json');
const dataset = await loadDataset();
const model: Model = {
  format: MODEL_FORMAT,
  // Bump by hand when the rules or features change: exports record it.
  version: 'ccm-classifier-1.0.0',
  trainedOn: {
    file: 'gold/dev-articles.jsonl',
    sha256: dataset.sha256,
    articles: dataset.gold.size,
    agreements: dataset.agreements.length,
  },
  tags: {},
  neutral: {},
};
for (const tag of TAG_IDS) {
  const examples = [];
  for (const a of dataset.agreements) {
    for (const c of a.candidates) {
      if (c.candidate.tag !== tag) continue;
      const label = goldLabel(dataset, a.id, c.article, tag);
      if (label !== null) examples.push({ features: c.features, label, group: a.id });
    }
  }
  if (examples.length) {
    model.tags[tag] = trainTag(examples);
    model.neutral[tag] = trainNeutral(examples);
  }
  const m = model.tags[tag];
  console.log(
    `${tag.padEnd(32)} ${String(m?.examples ?? 0).padStart(5)} candidates, ${String(m?.positives ?? 0).padStart(4)} right, ${Object.keys(m?.weights ?? {}).length} weights`,
  );
}
writeFileSync(OUT, `${JSON.stringify(model, null, 1)}\n`);
console.log(`wrote ${OUT}`);
