/**
 * Whether a page's text layer is garbled: glyphs without a Unicode mapping come out as U+FFFD,
 * control or private-use characters, or as a stream of symbols no language writes. Such a page
 * is read as an image (OCR) instead. A few private-use bullets (Symbol and Wingdings fonts
 * map them there) or a table of figures do not count.
 */
export function isGarbled(text: string): boolean {
  let chars = 0;
  let unmapped = 0;
  let wordish = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    chars++;
    if (/[\uFFFD\p{Cc}\p{Co}\p{Cs}]/u.test(ch)) unmapped++;
    // Letters and digits, and the marks and punctuation that run between them in any language.
    else if (/[\p{L}\p{M}\p{N}\p{Pd}.,;:()[\]'’‘"“”«»%/§&*]/u.test(ch)) wordish++;
  }
  if (chars < 20) return false;
  return unmapped > chars * 0.25 || wordish < chars * 0.6;
}

/** Control characters no document means to print (C0 but tab, line and page breaks; DEL; C1). */
const CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

/** Text without control characters: a NUL from an unmapped glyph or raw in XML reaches no one. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * Whether a whole document's text is garbled (see {@link isGarbled}): judged on up to three
 * windows of 100,000 characters (start, middle, end), enough to tell and bounded in time.
 */
export function isGarbledDocument(text: string): boolean {
  const w = 100_000;
  if (text.length <= 3 * w) return isGarbled(text);
  const mid = Math.floor(text.length / 2 - w / 2);
  return isGarbled(text.slice(0, w) + text.slice(mid, mid + w) + text.slice(-w));
}
