import nlp from 'compromise';
import type { Strength, TagId } from '../types.ts';
import type { ProvisionContext } from './context.ts';
import type { Candidate } from './rules.ts';
import type { Sentence } from './sentences.ts';

/** Verbs that make an obligation soft even after "shall": "shall endeavour", "shall encourage". */
const SOFT_ROOTS =
  /^(?:endeavou?r|strive|seek|try|recogni[sz]e|acknowledge|encourage|consider|aim|explore|wish|hope|intend|desire|note|affirm|reaffirm|welcome|invite|aspire|agree to consider)$/i;
const SOFT_AUX = /\b(?:should|may|might|can|could|will|would)\b/i;
/** "Neither Party may", "No Party shall", "may not": prohibitions bind. */
const PROHIBITION =
  /\b(?:neither|no)\s+(?:Party|Parties|Member|State|Contracting Party)\s+(?:may|shall|will)\b|\b(?:may|shall|will)\s+not\b/i;
const BINDING_AUX = /\b(?:shall|must)\b/i;
/**
 * Every word the verb analysis below can act on: a modal (contracted or not) or an inflection of
 * a soft root. A sentence without one binds whatever compromise finds, so the parse is skipped.
 */
const MODAL_OR_SOFT =
  /\b(?:shall|must|should|may|might|can|could|will|would|won[’']t|shan[’']t|endeavo|striv|strove|seek|sought|tr(?:y|ies|ied|ying)\b|recogni|acknowledg|encourag|consider|aim|explor|wish|hop(?:e|es|ed|ing)\b|intend|desir|not(?:e|es|ed|ing)\b|affirm|reaffirm|welcom|invit|aspir)/gi;

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
  // Only a verb with a modal or a soft root decides, and each holds one of these words: the
  // verbs are read in a clause-sized window around each, in order (tagging a whole ToTA article
  // costs milliseconds), and a sentence without any binds.
  let covered = 0;
  for (const m of sentence.matchAll(MODAL_OR_SOFT)) {
    if (m.index < covered) continue;
    const [from, to] = window(sentence, m.index);
    covered = to;
    const doc = nlp(sentence.slice(from, to));
    doc.compute('root');
    // `parse()` gives what `json()` does without conjugating every verb (three times faster); with
    // no verb it returns an empty view rather than an array.
    const parsed: unknown = doc.verbs().parse();
    for (const verb of Array.isArray(parsed) ? (parsed as ParsedVerb[]) : []) {
      const aux = verb.auxiliary.text('normal');
      const root = verb.root.text('root').split(' ')[0] ?? '';
      const negative = verb.negative.found;
      if (BINDING_AUX.test(aux)) return SOFT_ROOTS.test(root) ? 'soft' : 'binding';
      if (SOFT_AUX.test(aux)) return negative && /\b(?:may|can)\b/i.test(aux) ? 'binding' : 'soft';
      if (SOFT_ROOTS.test(root)) return 'soft';
    }
  }
  return 'binding';
}

/** What compromise's `verbs().parse()` returns per verb (views; not in its types). */
interface ParsedVerb {
  auxiliary: { text(form: string): string };
  root: { text(form: string): string };
  negative: { found: boolean };
}

const REACH_BEFORE = 60;
const REACH_AFTER = 100;

/** The clause around `at`, at most REACH_BEFORE/REACH_AFTER characters either side, cut at spaces. */
function window(sentence: string, at: number): [number, number] {
  let from = Math.max(0, at - REACH_BEFORE);
  const stop = Math.max(sentence.lastIndexOf(';', at), sentence.lastIndexOf(':', at));
  if (stop + 1 > from) from = stop + 1;
  else if (from > 0) from = sentence.indexOf(' ', from) + 1 || at;
  let to = Math.min(sentence.length, at + REACH_AFTER);
  const next = sentence.slice(at, to).search(/[;:]/);
  if (next >= 0) to = at + next;
  else if (to < sentence.length) to = sentence.lastIndexOf(' ', to) > at ? sentence.lastIndexOf(' ', to) : to;
  return [from, to];
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
    if (sentenceStrength(s, context.language) === 'binding') return 'binding';
  }
  return 'soft';
}

// Several tags of a provision often fire on one sentence: its verbs are parsed once.
const seen = new WeakMap<Sentence, Strength>();

function sentenceStrength(s: Sentence, language: string): Strength {
  let strength = seen.get(s);
  if (strength === undefined) {
    strength = strengthOf(s.text, language, false);
    seen.set(s, strength);
  }
  return strength;
}
