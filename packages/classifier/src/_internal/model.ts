import type { TagId } from '../types.ts';

/** Format of the model artefact shipped in `model/` (written by scripts/train.ts, read here). */
export const MODEL_FORMAT = 'ccm.classifier-model/1';

export interface TagModel {
  bias: number;
  weights: Record<string, number>;
  /** Platt scaling fitted on out-of-fold scores: confidence = σ(a·z + b). */
  platt: [number, number];
  /** Candidates in training, and how many were right: shown by `ccm classify --explain`. */
  examples: number;
  positives: number;
}

export interface Model {
  format: typeof MODEL_FORMAT;
  version: string;
  trainedOn: { file: string; sha256: string; articles: number; agreements: number };
  /** Over every feature; for English, the language of almost all the gold. */
  tags: Partial<Record<TagId, TagModel>>;
  /** Over language-neutral features only (rules, concepts, context): for French, Spanish and others. */
  neutral: Partial<Record<TagId, TagModel>>;
}

/** Word and heading stems are English-specific; rule, concept and context features are not. */
export const isNeutral = (feature: string) => !feature.startsWith('w:') && !feature.startsWith('h:');

/** A tag the training data never proposed: the rule alone decides, at this confidence. */
const UNTRAINED_CONFIDENCE = 0.75;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Raw score z of a candidate (before calibration). */
export function logit(model: TagModel, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return z;
}

function pick(model: Model, tag: TagId, language: string): TagModel | undefined {
  return language === 'en' ? model.tags[tag] : model.neutral[tag];
}

/** Calibrated probability that a candidate tag is right. */
export function confidence(model: Model, tag: TagId, features: string[], language: string): number {
  const m = pick(model, tag, language);
  if (!m) return UNTRAINED_CONFIDENCE;
  const [a, b] = m.platt;
  return sigmoid(a * logit(m, features) + b);
}

/** The strongest features of a decision, for `why`: "+ r:ecom:chapter, − w:procur". */
export function topFeatures(model: Model, tag: TagId, features: string[], language: string, n = 3): string[] {
  const m = pick(model, tag, language);
  if (!m) return [];
  return features
    .map((f) => [f, m.weights[f] ?? 0] as const)
    .filter(([, w]) => Math.abs(w) > 0.05)
    .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))
    .slice(0, n)
    .map(([f, w]) => `${w > 0 ? '+' : '−'} ${f}`);
}
