import type { AgreementDocument } from '@ccm/parser';
import { BUNDLED_MODEL } from './_internal/bundled.ts';
import { contexts, type ProvisionContext } from './_internal/context.ts';
import { features } from './_internal/features.ts';
import { candidateStrength } from './_internal/modality.ts';
import { confidence, type Model, topFeatures } from './_internal/model.ts';
import { type Candidate, candidates } from './_internal/rules.ts';
import { type Classification, type ClassifiedProvision, IMPLIED_TAGS, type Strength, type Tag } from './types.ts';

export interface ClassifyOptions {
  /** Keep a tag when its confidence reaches this. Default 0.5. */
  threshold?: number;
  /** Add the model's strongest features to `why`. */
  explain?: boolean;
}

/** Version of the bundled rules and model: stored with every tag, so exports say what produced them. */
export const CLASSIFIER_VERSION = BUNDLED_MODEL.version;

/** Candidate tags of every provision with their features: what the model is trained and run on. */
export function candidateSet(
  document: AgreementDocument,
): { context: ProvisionContext; candidate: Candidate; features: string[] }[] {
  const out = [];
  for (const context of contexts(document)) {
    for (const candidate of candidates(context))
      out.push({ context, candidate, features: features(candidate, context) });
  }
  return out;
}

/** Tags every provision of a parsed agreement. Pure and deterministic. */
export function classify(document: AgreementDocument, options: ClassifyOptions = {}): Classification {
  return classifyWith(document, BUNDLED_MODEL, options);
}

const RANK: Record<Strength, number> = { preambular: 0, soft: 1, binding: 2 };

/** Adds the tags the taxonomy says come with another (`ecommerce.cultural_specificity` → `ecommerce.provision`). */
function withImplied(tags: Tag[]): Tag[] {
  for (const [tag, implied] of IMPLIED_TAGS) {
    const source = tags.find((t) => t.tag === tag);
    if (source && !tags.some((t) => t.tag === implied)) {
      const { scope: _exemptionOnly, ...rest } = source;
      tags.push({ ...rest, tag: implied, why: [...source.why, `implied by ${tag}`] });
    }
  }
  return tags;
}

/**
 * An article carries the union of its paragraphs' tags: each rolled-up tag keeps the paragraph's
 * evidence and names it (`fromProvisionId`); its strength is the strongest of the paragraphs'.
 */
function rollUp(provisions: ClassifiedProvision[], articleOf: Map<string, string>): void {
  const byId = new Map(provisions.map((p) => [p.provisionId, p]));
  for (const p of provisions) {
    const articleId = articleOf.get(p.provisionId);
    const article = articleId && articleId !== p.provisionId ? byId.get(articleId) : undefined;
    if (!article) continue;
    for (const t of p.tags) {
      const i = article.tags.findIndex((a) => a.tag === t.tag);
      const seen = article.tags[i];
      if (!seen) {
        article.tags.push({ ...t, fromProvisionId: t.fromProvisionId ?? p.provisionId });
        continue;
      }
      const strength = RANK[t.strength] > RANK[seen.strength] ? t.strength : seen.strength;
      // An article's own tag keeps its own evidence; among paragraphs, the surest one speaks.
      const better = seen.fromProvisionId !== undefined && t.confidence > seen.confidence;
      article.tags[i] = better
        ? { ...t, strength, fromProvisionId: t.fromProvisionId ?? p.provisionId }
        : { ...seen, strength };
    }
  }
}

function classifyWith(document: AgreementDocument, model: Model, options: ClassifyOptions = {}): Classification {
  const { threshold = 0.5, explain = false } = options;
  const provisions: ClassifiedProvision[] = [];
  const articleOf = new Map<string, string>();
  for (const context of contexts(document)) {
    const p = context.provision;
    articleOf.set(p.id, context.articleId);
    const tags: Tag[] = [];
    for (const candidate of candidates(context)) {
      const f = features(candidate, context);
      const c = confidence(model, candidate.tag, f, context.language);
      if (c < threshold) continue;
      tags.push({
        tag: candidate.tag,
        strength: candidateStrength(candidate, context),
        confidence: Math.round(c * 1000) / 1000,
        evidence: candidate.evidence.map(([from, to]) => {
          const [start, end] = [context.sourceOffset(from), context.sourceOffset(to)];
          return { start, end, text: p.text.slice(start, end) };
        }),
        why: explain ? [...candidate.why, ...topFeatures(model, candidate.tag, f, context.language)] : candidate.why,
        ...(candidate.scope ? { scope: candidate.scope } : {}),
      });
    }
    provisions.push({
      provisionId: p.id,
      parentId: p.parentId,
      kind: p.kind,
      number: p.number,
      heading: p.heading,
      pageStart: p.pageStart,
      pageEnd: p.pageEnd,
      ...(context.sourceId ? { sourceId: context.sourceId } : {}),
      placement: context.placement,
      language: context.language,
      tags: withImplied(tags),
    });
  }
  rollUp(provisions, articleOf);
  return { classifier: model.version, language: document.language, provisions };
}
