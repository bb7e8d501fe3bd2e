/**
 * pnpm eval:classify — the classifier against the dev gold, cross-validated by agreement.
 *
 * Every article of the 225 dev agreements is scored (articles outside the gold are negative for
 * every tag; ambiguous tags are not scored). Paragraph tags roll up to their article. The model is
 * trained on k−1 folds of agreements and scored on the held-out fold, so no agreement is ever
 * both trained and tested on. A plain keyword baseline is scored on the same articles.
 *
 *   node packages/classifier/scripts/eval.ts [--folds 5] [--rules-only] [--errors TAG] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { provisionBody } from '@ccm/parser';
import { candidateStrength } from '../src/_internal/modality.ts';
import { confidence, MODEL_FORMAT, type Model } from '../src/_internal/model.ts';
import { KEYWORD_BASELINE } from '../src/baseline.ts';
import { type Strength, TAG_IDS, type TagId } from '../src/types.ts';
import { articleKey, type Dataset, goldLabel, loadDataset } from './dataset.ts';
import { foldOf, trainModel } from './lr.ts';

const { values } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    'rules-only': { type: 'boolean', default: false },
    errors: { type: 'string' },
    json: { type: 'string' },
  },
});
const FOLDS = Number(values.folds);

const RANK: Record<Strength, number> = { preambular: 0, soft: 1, binding: 2 };

interface Predicted {
  confidence: number;
  strength: Strength;
}

const dataset = await loadDataset();
const predictions = new Map<string, Map<TagId, Predicted>>();
const calibration: { confidence: number; right: boolean }[] = [];

for (let fold = 0; fold < FOLDS; fold++) {
  const untrained = { file: '', sha256: '', articles: 0, agreements: 0 };
  const model: Model = values['rules-only']
    ? { format: MODEL_FORMAT, version: 'rules-only', trainedOn: untrained, tags: {}, neutral: {} }
    : trainModel(dataset, `cv-fold-${fold}`, untrained, (id) => foldOf(id, FOLDS) !== fold);
  for (const a of dataset.agreements) {
    if (foldOf(a.id, FOLDS) !== fold) continue;
    for (const c of a.candidates) {
      const p = confidence(model, c.candidate.tag, c.features, c.context.language);
      const key = articleKey(a.id, c.article);
      const label = goldLabel(dataset, a.id, c.article, c.candidate.tag);
      if (p >= 0.5 && label !== null) calibration.push({ confidence: p, right: label });
      if (p < 0.5) continue;
      const tags = predictions.get(key) ?? new Map<TagId, Predicted>();
      predictions.set(key, tags);
      // Roll up to the article: the highest confidence, and the strongest wording of any paragraph.
      const seen = tags.get(c.candidate.tag);
      const strength = candidateStrength(c.candidate, c.context);
      tags.set(c.candidate.tag, {
        confidence: Math.max(p, seen?.confidence ?? 0),
        strength: seen && RANK[seen.strength] >= RANK[strength] ? seen.strength : strength,
      });
    }
  }
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const f1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn));
const precision = ({ tp, fp }: Counts) => (tp + fp === 0 ? 1 : tp / (tp + fp));
const recall = ({ tp, fn }: Counts) => (tp + fn === 0 ? 1 : tp / (tp + fn));

function score(predict: (agreement: string, article: string) => Set<TagId>, data: Dataset) {
  const article = new Map<TagId, Counts>(TAG_IDS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const agreement = new Map<TagId, Counts>(TAG_IDS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  for (const a of data.agreements) {
    const agreementPredicted = new Set<TagId>();
    const agreementGold = new Set<TagId>();
    for (const art of a.articles) {
      const predicted = predict(a.id, art);
      for (const tag of TAG_IDS) {
        const gold = goldLabel(data, a.id, art, tag);
        if (gold === null) continue;
        const p = predicted.has(tag);
        if (p) agreementPredicted.add(tag);
        if (gold) agreementGold.add(tag);
        const c = article.get(tag) as Counts;
        if (p && gold) c.tp++;
        else if (p) c.fp++;
        else if (gold) c.fn++;
        if (p !== gold && values.errors === tag) errors.push(`${p ? 'FP' : 'FN'} ${a.id}:${art}`);
      }
    }
    for (const tag of TAG_IDS) {
      const c = agreement.get(tag) as Counts;
      const p = agreementPredicted.has(tag);
      const g = agreementGold.has(tag);
      if (p && g) c.tp++;
      else if (p) c.fp++;
      else if (g) c.fn++;
    }
  }
  return { article, agreement, errors };
}

const ours = score((id, art) => new Set(predictions.get(articleKey(id, art))?.keys() ?? []), dataset);
const bodies = new Map<string, string>();
for (const a of dataset.agreements) {
  for (const p of a.document.provisions) {
    const key = articleKey(a.id, p.sourceId ?? '');
    if (p.sourceId && !bodies.has(key)) bodies.set(key, `${p.heading ?? ''}\n${provisionBody(a.document, p)}`);
  }
}
const baseline = score((id, art) => {
  const text = bodies.get(articleKey(id, art)) ?? '';
  return new Set(TAG_IDS.filter((t) => KEYWORD_BASELINE[t].test(text)));
}, dataset);

// Strength: over true positives, does the rolled-up strength match the gold's?
let strengthRight = 0;
let strengthTotal = 0;
for (const [key, tags] of predictions) {
  const g = dataset.gold.get(key);
  if (!g) continue;
  for (const [tag, p] of tags) {
    const want = g.tags.find((t) => t.tag === tag);
    if (!want) continue;
    strengthTotal++;
    if (want.strength === p.strength) strengthRight++;
    else if (values.errors === 'strength')
      console.log(`strength ${key} ${tag}: gold ${want.strength}, ours ${p.strength}`);
  }
}

const fmt = (n: number) => n.toFixed(2);
const mode = values['rules-only'] ? 'rules only (no model)' : `rules + model, ${FOLDS}-fold CV by agreement`;
console.log(`Dev gold: ${dataset.gold.size} labelled articles in ${dataset.agreements.length} agreements; ${mode}\n`);
console.log(
  'tag'.padEnd(32),
  'gold'.padStart(5),
  'P'.padStart(6),
  'R'.padStart(6),
  'F1'.padStart(6),
  '│ agr P'.padStart(8),
  'agr R'.padStart(6),
  '│ base P'.padStart(9),
  'base R'.padStart(7),
  'base F1'.padStart(8),
);
const ourF1: number[] = [];
const baseF1: number[] = [];
for (const tag of TAG_IDS) {
  const c = ours.article.get(tag) as Counts;
  const ag = ours.agreement.get(tag) as Counts;
  const b = baseline.article.get(tag) as Counts;
  ourF1.push(f1(c));
  baseF1.push(f1(b));
  console.log(
    tag.padEnd(32),
    String(c.tp + c.fn).padStart(5),
    fmt(precision(c)).padStart(6),
    fmt(recall(c)).padStart(6),
    fmt(f1(c)).padStart(6),
    `│ ${fmt(precision(ag))}`.padStart(8),
    fmt(recall(ag)).padStart(6),
    `│ ${fmt(precision(b))}`.padStart(9),
    fmt(recall(b)).padStart(7),
    fmt(f1(b)).padStart(8),
  );
}
const macro = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `\nmacro-F1           ${fmt(macro(ourF1))}   (baseline ${fmt(macro(baseF1))}; target ≥ 0.85, no tag < 0.70)`,
);
console.log(
  `strength accuracy  ${fmt(strengthRight / Math.max(1, strengthTotal))}   over ${strengthTotal} true positives (target ≥ 0.85)`,
);
console.log('\ncalibration of kept tags (confidence bin → share right)');
for (const [lo, hi] of [
  [0.5, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 0.95],
  [0.95, 1.01],
]) {
  const bin = calibration.filter((c) => c.confidence >= (lo ?? 0) && c.confidence < (hi ?? 1));
  if (!bin.length) continue;
  const mean = bin.reduce((s, c) => s + c.confidence, 0) / bin.length;
  const right = bin.filter((c) => c.right).length / bin.length;
  console.log(
    `  [${fmt(lo ?? 0)}, ${fmt(Math.min(1, hi ?? 1))})  n=${String(bin.length).padStart(4)}  mean confidence ${fmt(mean)}  right ${fmt(right)}`,
  );
}
for (const e of ours.errors) console.log(e);
if (values.json) {
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        mode,
        macroF1: macro(ourF1),
        baselineMacroF1: macro(baseF1),
        strengthAccuracy: strengthRight / Math.max(1, strengthTotal),
      },
      null,
      2,
    ),
  );
}
