/// <reference path="./natural.d.ts" />
import EnglishStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import SpanishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import FrenchStemmer from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import EnglishTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import SpanishTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer_es.js';
import FrenchTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr.js';
import type { ProvisionContext } from './context.ts';
import * as X from './lexicon.ts';
import type { Candidate } from './rules.ts';

const LANGUAGES = {
  en: { tokenizer: new EnglishTokenizer(), stemmer: EnglishStemmer },
  fr: { tokenizer: new FrenchTokenizer(), stemmer: FrenchStemmer },
  es: { tokenizer: new SpanishTokenizer(), stemmer: SpanishStemmer },
};

// Function words carry no signal at this data size; dropping them keeps the model small.
const STOP = new Set(
  'the of and to in or a an by for on with as at be is are this that any its their such from which other each party parties shall may le la les de des du et en un une el los las del y por para con que se al'.split(
    ' ',
  ),
);

/** Stems of `text` in its language (natural's tokenizers and Porter stemmers), without function words. */
export function stems(text: string, language: string): string[] {
  const { tokenizer, stemmer } = LANGUAGES[language as keyof typeof LANGUAGES] ?? LANGUAGES.en;
  const out: string[] = [];
  for (const token of tokenizer.tokenize(text.toLowerCase())) {
    if (token.length < 3 || STOP.has(token) || /^\d+$/.test(token)) continue;
    out.push(stemmer.stem(token));
  }
  return out;
}

const WINDOW = 150;

/**
 * Concepts of the lexicon found near the evidence: the same feature whatever the language, so
 * that what the model learns from the (mostly English) gold carries over to French and Spanish.
 */
const CONCEPTS: [string, RegExp][] = Object.entries({
  culture: X.CULTURE,
  audiovisual: X.AUDIOVISUAL,
  'cultural-object': X.CULTURAL_OBJECT,
  'cultural-diversity': X.CULTURAL_DIVERSITY,
  'cultural-sector': X.CULTURAL_SECTOR,
  'cultural-field': X.CULTURAL_FIELD,
  'incidental-culture': X.INCIDENTAL_CULTURE,
  cooperation: X.COOPERATION_TERMS,
  exclusion: X.EXCLUSION,
  'exception-frame': X.EXCEPTION_FRAME,
  'policy-frame': X.POLICY_SPACE_FRAME,
  treasures: X.NATIONAL_TREASURES,
  ecommerce: X.ECOMMERCE,
  'digital-trade': X.DIGITAL_TRADE,
  developing: X.DEVELOPING,
  preference: X.PREFERENCE,
  unesco: X.UNESCO,
});

/**
 * Features of one candidate: the rules and context that proposed it, the stems of the words around
 * its evidence and of the article heading. Binary (present or not), as the model was trained.
 */
export function features(candidate: Candidate, context: ProvisionContext): string[] {
  const out = new Set<string>(candidate.rules.map((r) => `r:${r}`));
  // Words around the evidence, not the whole sentence: ToTA often runs a whole article into one.
  const [start = 0, end = 0] = candidate.evidence[0] ?? [];
  const window = context.text.slice(
    Math.max(candidate.sentence.start, start - WINDOW),
    Math.min(candidate.sentence.end, end + WINDOW),
  );
  for (const s of stems(window, context.language)) out.add(`w:${s}`);
  for (const [name, re] of CONCEPTS) {
    re.lastIndex = 0;
    if (re.test(window)) out.add(`c:${name}`);
  }
  for (const s of stems(context.articleHeading, context.language)) out.add(`h:${s}`);
  return [...out];
}
