import nlp from 'compromise';
import type { Strength, TagId } from '../types.ts';
import type { ProvisionContext } from './context.ts';
import type { Candidate } from './rules.ts';

/** Verbs that make an obligation soft even after "shall": "shall endeavour", "shall encourage". */
const SOFT_ROOTS =
  /^(?:endeavou?r|strive|seek|try|recogni[sz]e|acknowledge|encourage|consider|aim|explore|wish|hope|intend|desire|note|affirm|reaffirm|welcome|invite|aspire|agree to consider)$/i;
const SOFT_AUX = /\b(?:should|may|might|can|could|will|would)\b/i;
/** "Neither Party may", "No Party shall", "may not": prohibitions bind. */
const PROHIBITION =
  /\b(?:neither|no)\s+(?:Party|Parties|Member|State|Contracting Party)\s+(?:may|shall|will)\b|\b(?:may|shall|will)\s+not\b/i;
const BINDING_AUX = /\b(?:shall|must)\b/i;

/** "shall endeavour", "will promote", "may", "recognise": soft, in French and Spanish. */
const SOFT_FR_ES =
  /(?<![\p{L}])(?:s'efforce\p{L}*|s'emploie\p{L}*|(?:peu|peuv|pourr)\p{L}*|devrai\p{L}*|encourag\p{L}*|reconna\p{L}*|favoris\p{L}*|procura\p{L}*|(?:puede|podr)\p{L}*|reconoc\p{L}*|alenta\p{L}*|fomenta\p{L}*|esforz\p{L}*|deber[ií]a\p{L}*|tratar[aá]n? de)(?![\p{L}])/iu;

/**
 * How binding a sentence is. Exceptions and exclusions in the present tense ("does not apply")
 * bind; "shall" binds unless its verb is one of endeavour/encourage/recognise…; "should",
 * "may", "will" and a bare "recognise" are soft. English goes through compromise's verb
 * analysis; French and Spanish through their modal words.
 */
export function strengthOf(sentence: string, language: string, inPreamble: boolean): Strength {
  if (inPreamble) return 'preambular';
  if (language !== 'en') return SOFT_FR_ES.test(sentence) ? 'soft' : 'binding';
  if (PROHIBITION.test(sentence)) return 'binding';
  const verbs = nlp(sentence).verbs().json() as {
    verb: { auxiliary: string; infinitive: string; negative: boolean };
  }[];
  for (const { verb } of verbs) {
    const aux = verb.auxiliary ?? '';
    const root = (verb.infinitive ?? '').split(' ')[0] ?? '';
    if (BINDING_AUX.test(aux)) return SOFT_ROOTS.test(root) ? 'soft' : 'binding';
    if (SOFT_AUX.test(aux)) return verb.negative && /\b(?:may|can)\b/i.test(aux) ? 'binding' : 'soft';
    if (SOFT_ROOTS.test(root)) return 'soft';
  }
  return 'binding';
}

/** Exceptions, exclusions and carve-outs are operative law whatever their modal verb. */
const ALWAYS_BINDING = new Set<TagId>([
  'culture.exemption',
  'culture.audiovisual_exclusion',
  'culture.heritage_exception',
  'ecommerce.cultural_specificity',
]);

/**
 * Strength of a candidate tag: preambular in a preamble; binding for exceptions and
 * definitions; otherwise the strongest of the sentences that fired ("The Parties recognise…
 * 2. No Party shall impose…" binds).
 */
export function candidateStrength(candidate: Candidate, context: ProvisionContext): Strength {
  if (context.placement === 'preamble') return 'preambular';
  if (ALWAYS_BINDING.has(candidate.tag) || context.article.has('definitions')) return 'binding';
  for (const s of candidate.sentences) {
    if (strengthOf(s.text, context.language, false) === 'binding') return 'binding';
  }
  return 'soft';
}
