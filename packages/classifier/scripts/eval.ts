/**
 * pnpm eval:classify — the classifier against the dev gold, honestly.
 *
 * Every article of the dev agreements is scored (articles outside the gold are negative for every
 * tag; ambiguous tags are not scored; paragraph tags roll up to their article). Rules are frozen
 * before this runs; only the logistic weights are re-fitted per fold. Three figures:
 *
 * - cross-validation grouped by treaty family (scripts/families.ts): the model never sees the
 *   family it is scored on, as with a template nobody here has read. The headline figure.
 * - cross-validation grouped by agreement (k folds).
 * - the agreements kept aside (`isAside`): never in the error report, so never tuned on; scored
 *   by a model trained on all the others.
 *
 * Tags with ≥ 10 positive articles in the dev gold are scored per article and make the macro-F1;
 * the tiny tags are scored per agreement (does the agreement carry the tag at all) and reported
 * apart. Every remaining error of the cross-validation (outside the aside set) is written with
 * its snippet to .eval/classify-errors.md; stdout has the summary.
 *
 *   node packages/classifier/scripts/eval.ts [--folds 5] [--rules-only] [--json FILE] [--errors FILE]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provisionBody } from '@ccm/parser';
import { candidateStrength } from '../src/_internal/modality.ts';
import { confidence, MODEL_FORMAT, type Model } from '../src/_internal/model.ts';
import { KEYWORD_BASELINE } from '../src/baseline.ts';
import { IMPLIED_TAGS, type Strength, TAG_IDS, type TagId } from '../src/types.ts';
import { articleKey, type DevAgreement, goldLabel, isAside, loadDataset } from './dataset.ts';
import { foldOf, trainModel } from './lr.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    'rules-only': { type: 'boolean', default: false },
    json: { type: 'string' },
    errors: { type: 'string', default: resolve(ROOT, '.eval/classify-errors.md') },
  },
});
const FOLDS = Number(values.folds);
/** Tags with fewer positive dev articles are scored per agreement, apart from the macro-F1. */
const MIN_POSITIVES = 10;
const THRESHOLD = 0.5;
const RANK: Record<Strength, number> = { preambular: 0, soft: 1, binding: 2 };

/** The best candidate of an article for a tag: what it scored and where its evidence is. */
interface Scored {
  confidence: number;
  strength: Strength;
  provisionText: string;
  evidence: [number, number];
}
type Predictions = Map<string, Map<TagId, Scored>>;

const dataset = await loadDataset();
const tuning = dataset.agreements.filter((a) => !isAside(a.id));
const aside = dataset.agreements.filter((a) => isAside(a.id));
const byId = new Map(dataset.agreements.map((a) => [a.id, a]));

const positives = new Map<TagId, number>(TAG_IDS.map((t) => [t, 0]));
for (const g of dataset.gold.values())
  for (const t of g.tags) if (!g.ambiguous.includes(t.tag)) positives.set(t.tag, (positives.get(t.tag) ?? 0) + 1);
const BIG = TAG_IDS.filter((t) => (positives.get(t) ?? 0) >= MIN_POSITIVES);
const TINY = TAG_IDS.filter((t) => !BIG.includes(t));

const untrained = { file: '', sha256: '', articles: 0, agreements: 0 };
const calibration: { confidence: number; right: boolean }[] = [];

function train(version: string, include: (id: string) => boolean): Model {
  return values['rules-only']
    ? { format: MODEL_FORMAT, version: 'rules-only', trainedOn: untrained, tags: {}, neutral: {} }
    : trainModel(dataset, version, untrained, include);
}

/** Scores every candidate of `agreements` with `model`, keeping each article's best per tag. */
function predict(model: Model, agreements: DevAgreement[], into: Predictions, calibrate = false) {
  for (const a of agreements) {
    for (const c of a.candidates) {
      const p = confidence(model, c.candidate.tag, c.features, c.context.language);
      const key = articleKey(a.id, c.article);
      if (calibrate && p >= THRESHOLD) {
        const label = goldLabel(dataset, a.id, c.article, c.candidate.tag);
        if (label !== null) calibration.push({ confidence: p, right: label });
      }
      const tags = into.get(key) ?? new Map<TagId, Scored>();
      into.set(key, tags);
      const seen = tags.get(c.candidate.tag);
      // Roll up to the article: the best candidate's confidence and evidence, and the strongest
      // wording of any paragraph that is kept.
      const strength = candidateStrength(c.candidate, c.context);
      const kept = seen && seen.confidence >= THRESHOLD ? seen.strength : undefined;
      const strongest = p >= THRESHOLD && (!kept || RANK[strength] > RANK[kept]) ? strength : (kept ?? strength);
      if (!seen || p > seen.confidence) {
        tags.set(c.candidate.tag, {
          confidence: p,
          strength: strongest,
          provisionText: c.context.text,
          evidence: c.candidate.evidence[0] ?? [0, 0],
        });
      } else seen.strength = strongest;
    }
  }
}

/** Cross-validation over the tuning agreements, one fold per value of `groupOf`. */
function crossValidate(name: string, groupOf: (a: DevAgreement) => string, calibrate = false): Predictions {
  const out: Predictions = new Map();
  const groups = [...new Set(tuning.map(groupOf))].sort();
  for (const group of groups) {
    const model = train(`${name}-${group}`, (id) => {
      const a = byId.get(id);
      return a !== undefined && !isAside(id) && groupOf(a) !== group;
    });
    predict(
      model,
      tuning.filter((a) => groupOf(a) === group),
      out,
      calibrate,
    );
  }
  return out;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const f1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn));
const precision = ({ tp, fp }: Counts) => (tp + fp === 0 ? 1 : tp / (tp + fp));
const recall = ({ tp, fn }: Counts) => (tp + fn === 0 ? 1 : tp / (tp + fn));
const add = (c: Counts, predicted: boolean, gold: boolean) => {
  if (predicted && gold) c.tp++;
  else if (predicted) c.fp++;
  else if (gold) c.fn++;
};

interface ErrorRow {
  kind: 'FP' | 'FN';
  tag: TagId;
  agreement: DevAgreement;
  article: string;
  scored?: Scored;
}

interface Score {
  article: Map<TagId, Counts>;
  agreement: Map<TagId, Counts>;
  errors: ErrorRow[];
}

function score(
  agreements: DevAgreement[],
  predicted: (a: DevAgreement, article: string) => Map<TagId, Scored | true>,
): Score {
  const article = new Map(TAG_IDS.map((t) => [t, zero()]));
  const agreement = new Map(TAG_IDS.map((t) => [t, zero()]));
  const errors: ErrorRow[] = [];
  for (const a of agreements) {
    const anyPredicted = new Set<TagId>();
    const anyGold = new Set<TagId>();
    for (const art of a.articles) {
      const tags = predicted(a, art);
      for (const tag of TAG_IDS) {
        const gold = goldLabel(dataset, a.id, art, tag);
        if (gold === null) continue;
        const hit = tags.get(tag);
        const p = hit !== undefined && (hit === true || hit.confidence >= THRESHOLD);
        if (p) anyPredicted.add(tag);
        if (gold) anyGold.add(tag);
        add(article.get(tag) as Counts, p, gold);
        if (p !== gold)
          errors.push({
            kind: p ? 'FP' : 'FN',
            tag,
            agreement: a,
            article: art,
            ...(hit && hit !== true ? { scored: hit } : {}),
          });
      }
    }
    for (const tag of TAG_IDS) add(agreement.get(tag) as Counts, anyPredicted.has(tag), anyGold.has(tag));
  }
  return { article, agreement, errors };
}

/** An article's predictions, with the tags the taxonomy implies (as `classify` adds them). */
const ofPredictions = (predictions: Predictions) => (a: DevAgreement, art: string) => {
  const tags = new Map(predictions.get(articleKey(a.id, art)) ?? []);
  for (const [tag, implied] of IMPLIED_TAGS) {
    const source = tags.get(tag);
    const target = tags.get(implied);
    if (source && source.confidence >= THRESHOLD && !(target && target.confidence >= THRESHOLD))
      tags.set(implied, source);
  }
  return tags;
};

// Baseline: one keyword regex per tag over the article's heading and text.
const bodies = new Map<string, string>();
for (const a of dataset.agreements) {
  for (const p of a.document.provisions) {
    const key = articleKey(a.id, p.sourceId ?? '');
    if (p.sourceId && !bodies.has(key)) bodies.set(key, `${p.heading ?? ''}\n${provisionBody(a.document, p)}`);
  }
}
const baselinePredict = (a: DevAgreement, art: string) => {
  const text = bodies.get(articleKey(a.id, art)) ?? '';
  return new Map<TagId, true>(TAG_IDS.filter((t) => KEYWORD_BASELINE[t].test(text)).map((t) => [t, true]));
};

const byFamily = crossValidate('family', (a) => a.family, true);
const byAgreement = crossValidate('agreement', (a) => String(foldOf(a.id, FOLDS)));
const asidePredictions: Predictions = new Map();
predict(
  train('aside', (id) => !isAside(id)),
  aside,
  asidePredictions,
);

const family = score(tuning, ofPredictions(byFamily));
const agreementCv = score(tuning, ofPredictions(byAgreement));
const asideScore = score(aside, ofPredictions(asidePredictions));
const baseline = score(tuning, baselinePredict);

/** The F1 a tag is judged on: per article for the big tags, per agreement for the tiny ones. */
const tagF1 = (s: Score, tag: TagId) => f1((BIG.includes(tag) ? s.article : s.agreement).get(tag) as Counts);
const macro = (s: Score, tags: TagId[]) => tags.reduce((sum, t) => sum + tagF1(s, t), 0) / Math.max(1, tags.length);

// Strength: over true positives of the family CV, does the rolled-up strength match the gold's?
let strengthRight = 0;
let strengthTotal = 0;
for (const [key, tags] of byFamily) {
  const g = dataset.gold.get(key);
  if (!g) continue;
  for (const [tag, p] of tags) {
    const want = g.tags.find((t) => t.tag === tag);
    if (!want || p.confidence < THRESHOLD) continue;
    strengthTotal++;
    if (want.strength === p.strength) strengthRight++;
  }
}

const fmt = (n: number) => n.toFixed(2);
const familyCounts = new Map<string, number>();
for (const a of tuning) familyCounts.set(a.family, (familyCounts.get(a.family) ?? 0) + 1);
const mode = values['rules-only'] ? 'rules only (no model)' : 'rules + model';
console.log(
  `Dev gold: ${dataset.gold.size} labelled articles in ${dataset.agreements.length} agreements; ${mode}\n` +
    `Tuning set: ${tuning.length} agreements; kept aside (never tuned on): ${aside.length}\n` +
    `Families (tuning set): ${[...familyCounts].map(([f, n]) => `${f} ${n}`).join(', ')}\n`,
);
console.log(
  'Per tag, cross-validated by treaty family (leave one family out); F1 by agreement CV and keyword baseline alongside.',
);
console.log(
  'tag'.padEnd(32),
  'pos'.padStart(4),
  'level'.padStart(9),
  'P'.padStart(6),
  'R'.padStart(6),
  'F1'.padStart(6),
  '│ agrCV F1'.padStart(10),
  '│ aside F1'.padStart(10),
  '│ base F1'.padStart(9),
);
for (const tag of [...BIG, ...TINY]) {
  const level = BIG.includes(tag) ? 'article' : 'agreement';
  const c = (BIG.includes(tag) ? family.article : family.agreement).get(tag) as Counts;
  console.log(
    tag.padEnd(32),
    String(positives.get(tag)).padStart(4),
    level.padStart(9),
    fmt(precision(c)).padStart(6),
    fmt(recall(c)).padStart(6),
    fmt(f1(c)).padStart(6),
    `│ ${fmt(tagF1(agreementCv, tag))}`.padStart(10),
    `│ ${fmt(tagF1(asideScore, tag))}`.padStart(10),
    `│ ${fmt(tagF1(baseline, tag))}`.padStart(9),
  );
  if (tag === BIG.at(-1))
    console.log(`${'─'.repeat(32)} tiny tags (< ${MIN_POSITIVES} positive articles), per agreement`);
}
const lowest = (s: Score) => Math.min(...BIG.map((t) => tagF1(s, t)));
const summary = {
  mode,
  familyCv: { macroF1: macro(family, BIG), lowestF1: lowest(family), tinyMacroF1: macro(family, TINY) },
  agreementCv: {
    macroF1: macro(agreementCv, BIG),
    lowestF1: lowest(agreementCv),
    tinyMacroF1: macro(agreementCv, TINY),
  },
  aside: { macroF1: macro(asideScore, BIG), lowestF1: lowest(asideScore), tinyMacroF1: macro(asideScore, TINY) },
  baseline: { macroF1: macro(baseline, BIG), tinyMacroF1: macro(baseline, TINY) },
  strengthAccuracy: strengthRight / Math.max(1, strengthTotal),
};
console.log(
  `\nmacro-F1 over the ${BIG.length} tags with ≥ ${MIN_POSITIVES} positives (article level); target ≥ 0.90, no tag < 0.80`,
);
for (const [name, s] of [
  ['family CV', summary.familyCv],
  ['agreement CV', summary.agreementCv],
  ['kept aside', summary.aside],
] as const) {
  console.log(
    `  ${name.padEnd(14)} ${fmt(s.macroF1)}   lowest tag ${fmt(s.lowestF1)}   tiny tags (agreement level) ${fmt(s.tinyMacroF1)}`,
  );
}
console.log(
  `  ${'keyword base'.padEnd(14)} ${fmt(summary.baseline.macroF1)}   tiny ${fmt(summary.baseline.tinyMacroF1)}`,
);
console.log(`strength accuracy  ${fmt(summary.strengthAccuracy)}   over ${strengthTotal} true positives (family CV)`);
console.log('\ncalibration of kept tags, family CV (confidence bin → share right)');
for (const [lo, hi] of [
  [0.5, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 0.95],
  [0.95, 1.01],
] as const) {
  const bin = calibration.filter((c) => c.confidence >= lo && c.confidence < hi);
  if (!bin.length) continue;
  const mean = bin.reduce((s, c) => s + c.confidence, 0) / bin.length;
  const right = bin.filter((c) => c.right).length / bin.length;
  console.log(
    `  [${fmt(lo)}, ${fmt(Math.min(1, hi))})  n=${String(bin.length).padStart(4)}  mean confidence ${fmt(mean)}  right ${fmt(right)}`,
  );
}

// Every remaining error of the family CV (the aside set is never listed), with its snippet.
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
function snippet(e: ErrorRow): string {
  if (e.scored) {
    const [start, end] = e.scored.evidence;
    const text = e.scored.provisionText;
    return `${oneLine(text.slice(Math.max(0, start - 120), start))} **${oneLine(text.slice(start, end))}** ${oneLine(text.slice(end, end + 120))}`;
  }
  return oneLine(bodies.get(articleKey(e.agreement.id, e.article)) ?? '').slice(0, 300);
}
const lines = [
  '# Classifier errors on the dev gold (family cross-validation, aside set excluded)',
  '',
  `${family.errors.length} errors. FP: tagged, gold says no. FN: gold says yes; "p" is the best candidate's confidence ("no candidate" when no rule fired).`,
  '',
];
for (const tag of TAG_IDS) {
  const rows = family.errors.filter((e) => e.tag === tag);
  if (!rows.length) continue;
  lines.push(
    `## ${tag} (${rows.filter((e) => e.kind === 'FP').length} FP, ${rows.filter((e) => e.kind === 'FN').length} FN)`,
    '',
  );
  for (const e of rows) {
    const note = dataset.gold.get(articleKey(e.agreement.id, e.article))?.note;
    const p = e.scored ? `p=${fmt(e.scored.confidence)}` : 'no candidate';
    lines.push(
      `- ${e.kind} pta_${e.agreement.id}:${e.article} (${e.agreement.name}; ${e.agreement.family}) ${p}${note ? ` — gold note: ${note}` : ''}`,
      `  > ${snippet(e)}`,
    );
  }
  lines.push('');
}
mkdirSync(dirname(values.errors), { recursive: true });
writeFileSync(values.errors, `${lines.join('\n')}\n`);
console.log('\nerrors (family CV, tuning set):');
for (const tag of TAG_IDS) {
  const rows = family.errors.filter((e) => e.tag === tag);
  if (rows.length)
    console.log(
      `  ${tag.padEnd(32)} ${String(rows.filter((e) => e.kind === 'FP').length).padStart(3)} FP ${String(rows.filter((e) => e.kind === 'FN').length).padStart(3)} FN`,
    );
}
console.log(`every error with its snippet: ${values.errors}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
