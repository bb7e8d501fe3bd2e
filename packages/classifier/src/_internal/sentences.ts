import nlp from 'compromise';

/** A sentence of a provision's text; offsets index the provision text. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

// A full stop ends a sentence only before a capital, a digit or an opening bracket, so that
// "Art. 3", "i.e. the" and "No. 1 of" stay whole in French and Spanish too.
const BOUNDARY = /(?<=[.!?])\s+(?=[\p{Lu}\d(«"“¿¡])/gu;

/**
 * Sentences of a provision. English goes through compromise's sentence splitter (it knows
 * abbreviations); French and Spanish use the boundary rule above.
 */
export function sentences(text: string, language: string): Sentence[] {
  return split(text, language).flatMap(recitals);
}

// A preamble's recitals are joined by semicolons into one sentence; each opens with a capitalised
// verb (RECOGNISING, DESIROUS, CONSIDÉRANT, RECONOCIENDO): a recital is a sentence of its own.
const RECITAL = /;\s+(?=\p{Lu}{4,}(?![\p{Ll}]))/gu;

function recitals(s: Sentence): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (const m of s.text.matchAll(RECITAL)) {
    const end = m.index + 1;
    out.push({ start: s.start + from, end: s.start + end, text: s.text.slice(from, end) });
    from = m.index + m[0].length;
  }
  if (from === 0) return [s];
  out.push({ start: s.start + from, end: s.end, text: s.text.slice(from) });
  return out;
}

// compromise's sentence splitter alone, without tokenizing the words (sixty times faster than
// `nlp.tokenize`, same sentences). Exposed to plugins through `nlp.methods()`; not in its types.
const splitSentences = (
  nlp as unknown as { methods(): { one: { tokenize: { splitSentences(text: string, world: unknown): string[] } } } }
).methods().one.tokenize.splitSentences;
const world = (nlp as unknown as { world(): unknown }).world();

function split(text: string, language: string): Sentence[] {
  if (language === 'en') {
    // The chunks cover the text end to end; a sentence is a chunk without its surrounding spaces.
    const out: Sentence[] = [];
    let at = 0;
    for (const chunk of splitSentences(text, world)) {
      const start = at + chunk.length - chunk.trimStart().length;
      const end = at + chunk.trimEnd().length;
      if (end > start) out.push({ start, end, text: text.slice(start, end) });
      at += chunk.length;
    }
    if (out.length > 0) return out;
  }
  const out: Sentence[] = [];
  let from = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    out.push({ start: from, end: m.index, text: text.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ start: from, end: text.length, text: text.slice(from) });
  return out;
}

/** Matches of a global regex in `sentence`, as spans of the provision text. */
export function spans(re: RegExp, sentence: Sentence): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (const m of sentence.text.matchAll(re))
    out.push([sentence.start + m.index, sentence.start + m.index + m[0].length]);
  return out;
}
