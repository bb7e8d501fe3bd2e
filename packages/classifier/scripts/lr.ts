/**
 * L2-regularised binary logistic regression over sparse binary features, trained by full-batch
 * gradient descent (deterministic: same data, same weights). Offline only: scripts/train.ts and
 * scripts/eval.ts use it; the package ships the weights and only ever computes a dot product.
 *
 * Why not natural's LogisticRegressionClassifier: it has no regularisation (the few positives of
 * most tags are separable, so weights diverge and confidences are all 0 or 1), drops the
 * intercept when classifying, and works on dense vectors of the whole vocabulary.
 */
import { isNeutral, MODEL_FORMAT, type Model, type TagModel } from '../src/_internal/model.ts';
import { RULE_PRIORS } from '../src/_internal/rules.ts';
import { TAG_IDS } from '../src/types.ts';
import { type Dataset, examplesFor } from './dataset.ts';

export interface Example {
  features: string[];
  label: boolean;
  /** The agreement it comes from: internal folds never split one. */
  group: string;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fit(
  examples: Example[],
  l2 = 1,
  iterations = 400,
  priors: Record<string, number> = {},
): { bias: number; weights: Record<string, number> } {
  // Rules with a prior are in the model even when no example fired them (a class the gold lacks).
  const index = new Map<string, number>(Object.keys(priors).map((r, i) => [`r:${r}`, i]));
  const rows = examples.map((e) =>
    e.features.map((f) => {
      const known = index.get(f);
      if (known !== undefined) return known;
      index.set(f, index.size);
      return index.size - 1;
    }),
  );
  // The L2 penalty pulls each weight towards its prior: 0 for words, RULE_PRIORS for those rules.
  const prior = Float64Array.from(index.keys(), (f) => (f.startsWith('r:') ? (priors[f.slice(2)] ?? 0) : 0));
  const w = Float64Array.from(prior);
  let bias = 0;
  // Adam: robust step sizes without tuning a learning rate per tag.
  const m = new Float64Array(index.size + 1);
  const v = new Float64Array(index.size + 1);
  const rate = 0.1;
  for (let t = 1; t <= iterations; t++) {
    const grad = new Float64Array(index.size + 1);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k] ?? [];
      let z = bias;
      for (const i of row) z += w[i] ?? 0;
      const err = sigmoid(z) - (examples[k]?.label ? 1 : 0);
      for (const i of row) grad[i] = (grad[i] ?? 0) + err;
      grad[index.size] = (grad[index.size] ?? 0) + err;
    }
    for (let i = 0; i <= index.size; i++) {
      const g = (grad[i] ?? 0) + (i < index.size ? l2 * ((w[i] ?? 0) - (prior[i] ?? 0)) : 0);
      m[i] = 0.9 * (m[i] ?? 0) + 0.1 * g;
      v[i] = 0.999 * (v[i] ?? 0) + 0.001 * g * g;
      const step = (rate * ((m[i] ?? 0) / (1 - 0.9 ** t))) / (Math.sqrt((v[i] ?? 0) / (1 - 0.999 ** t)) + 1e-8);
      if (i < index.size) w[i] = (w[i] ?? 0) - step;
      else bias -= step;
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, i] of [...index.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const x = w[i] ?? 0;
    if (Math.abs(x) >= 1e-3) weights[f] = Math.round(x * 1e4) / 1e4;
  }
  return { bias: Math.round(bias * 1e4) / 1e4, weights };
}

function logitOf(model: { bias: number; weights: Record<string, number> }, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return z;
}

/** Platt scaling: a, b minimising log-loss of σ(a·z + b) on out-of-fold scores. */
function platt(scores: number[], labels: boolean[]): [number, number] {
  let a = 1;
  let b = 0;
  for (let t = 0; t < 2000; t++) {
    let ga = 0;
    let gb = 0;
    for (let k = 0; k < scores.length; k++) {
      const z = scores[k] ?? 0;
      const err = sigmoid(a * z + b) - (labels[k] ? 1 : 0);
      ga += err * z;
      gb += err;
    }
    a -= (0.05 * ga) / scores.length;
    b -= (0.05 * gb) / scores.length;
  }
  return [Math.round(a * 1e4) / 1e4, Math.round(b * 1e4) / 1e4];
}

/** Deterministic fold of a group (an agreement id). */
export function foldOf(group: string, folds: number): number {
  let h = 2166136261;
  for (const ch of group) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % folds;
}

/**
 * A tag's model: weights fitted on all examples, calibrated with Platt scaling on scores from an
 * inner 3-fold split by agreement (the calibration never sees scores of its own training data).
 */
export function trainTag(examples: Example[], l2 = 1, priors: Record<string, number> = {}): TagModel {
  return trainOn(examples, l2, priors);
}

/** The same, over language-neutral features only (the model French and Spanish use). */
export function trainNeutral(examples: Example[], l2 = 1, priors: Record<string, number> = {}): TagModel {
  return trainOn(
    examples.map((e) => ({ ...e, features: e.features.filter(isNeutral) })),
    l2,
    priors,
  );
}

/**
 * Word and heading features seen in one agreement only are that agreement's wording (or its
 * run-together text), not the class: they get no weight.
 */
function withoutSingleAgreementWords(examples: Example[]): Example[] {
  const groups = new Map<string, Set<string>>();
  for (const e of examples)
    for (const f of e.features) {
      if (isNeutral(f)) continue;
      const seen = groups.get(f) ?? new Set<string>();
      seen.add(e.group);
      groups.set(f, seen);
    }
  return examples.map((e) => ({
    ...e,
    features: e.features.filter((f) => isNeutral(f) || (groups.get(f)?.size ?? 0) > 1),
  }));
}

function trainOn(all: Example[], l2: number, priors: Record<string, number>): TagModel {
  const examples = withoutSingleAgreementWords(all);
  const full = fit(examples, l2, 400, priors);
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let k = 0; k < 3; k++) {
    const train = examples.filter((e) => foldOf(e.group, 3) !== k);
    const test = examples.filter((e) => foldOf(e.group, 3) === k);
    if (!test.length || !train.some((e) => e.label)) continue;
    const inner = fit(train, l2, 400, priors);
    for (const e of test) {
      scores.push(logitOf(inner, e.features));
      labels.push(e.label);
    }
  }
  const positives = examples.filter((e) => e.label).length;
  // Too few scores of either class to calibrate (the fit can even invert): keep raw probabilities.
  const positive = labels.filter(Boolean).length;
  const fitted = positive >= 5 && labels.length - positive >= 5 ? platt(scores, labels) : null;
  const calibration: [number, number] = fitted && fitted[0] > 0 ? fitted : [1, 0];
  return { ...full, platt: calibration, examples: examples.length, positives };
}

/**
 * A whole model: for each tag, the full and the language-neutral logistic regression over the
 * candidates of the agreements `include` accepts (all of them for the shipped model, k−1 folds
 * in cross-validation).
 */
export function trainModel(
  dataset: Dataset,
  version: string,
  trainedOn: Model['trainedOn'],
  include?: (agreementId: string) => boolean,
): Model {
  const model: Model = { format: MODEL_FORMAT, version, trainedOn, tags: {}, neutral: {} };
  for (const tag of TAG_IDS) {
    const examples = examplesFor(dataset, tag, include);
    if (examples.length === 0) continue;
    model.tags[tag] = trainTag(examples, 1, RULE_PRIORS[tag]);
    model.neutral[tag] = trainNeutral(examples, 1, RULE_PRIORS[tag]);
  }
  return model;
}
