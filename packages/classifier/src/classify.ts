import type { AgreementDocument } from '@ccm/parser';
import { BUNDLED_MODEL } from './_internal/bundled.ts';
import { contexts, type ProvisionContext } from './_internal/context.ts';
import { features } from './_internal/features.ts';
import { candidateStrength } from './_internal/modality.ts';
import { confidence, type Model, topFeatures } from './_internal/model.ts';
import { type Candidate, candidates } from './_internal/rules.ts';
import type { Classification, ClassifiedProvision, Tag } from './types.ts';

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

function classifyWith(document: AgreementDocument, model: Model, options: ClassifyOptions = {}): Classification {
  const { threshold = 0.5, explain = false } = options;
  const provisions: ClassifiedProvision[] = [];
  for (const context of contexts(document)) {
    const p = context.provision;
    const tags: Tag[] = [];
    for (const candidate of candidates(context)) {
      const f = features(candidate, context);
      const c = confidence(model, candidate.tag, f, context.language);
      if (c < threshold) continue;
      tags.push({
        tag: candidate.tag,
        strength: candidateStrength(candidate, context),
        confidence: Math.round(c * 1000) / 1000,
        evidence: candidate.evidence.map(([start, end]) => ({ start, end, text: p.text.slice(start, end) })),
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
      tags,
    });
  }
  return { classifier: model.version, language: document.language, provisions };
}
