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
