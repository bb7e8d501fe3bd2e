/**
 * Text as the reuse measures see it: lower case, without diacritics, punctuation or layout, so that
 * two printings of the same wording (a PDF and the ToTA XML, curly and straight quotes, a word
 * broken at a line end) compare equal.
 */
export function normaliseText(text: string): string {
  return (
    text
      // NFKD splits ligatures (ﬁ → fi) and separates accents, which OCR and encodings disagree on
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/\u00ad/g, '')
      // a word broken at a line end ("cul-\ntural"); a compound ("non-\nParty") keeps its capital and stays two words
      .replace(/(\p{L})-[ \t]*\r?\n\s*(\p{Ll})/gu, '$1$2')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** The words of a normalised text. */
export function wordsOf(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ');
}
