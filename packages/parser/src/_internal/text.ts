import chardet from 'chardet';
import type { SourceLayout, SourceLine } from './source-line.ts';

/** UTF-16 by its byte-order mark, or without one by its zero high bytes (ASCII-heavy text: every other byte 0). */
export function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 4096) & ~1;
  // Too short to tell from binary by byte statistics.
  if (n < 64) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Decodes text input: a UTF-8 or UTF-16 byte-order mark decides; then UTF-16 without one;
 * then UTF-8 if the bytes are valid UTF-8; otherwise the legacy encoding chardet finds most
 * likely (Shift-JIS, Windows-1252, GB18030, EUC-KR…), decoded by the platform's TextDecoder,
 * Windows-1252 when it finds none the platform knows.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes);
  }
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: a legacy encoding.
  }
  for (const { name } of chardet.analyse(bytes.subarray(0, 1 << 16))) {
    if (/^UTF-/i.test(name)) continue;
    try {
      return new TextDecoder(name).decode(bytes);
    } catch {
      // An encoding the platform's decoder does not know: try the next candidate.
    }
  }
  return new TextDecoder('windows-1252').decode(bytes);
}

/** A line this long holds many paragraphs: text pasted without line breaks. */
const RUN_ON = 2000;

/**
 * Plain text: form feeds separate pages (as pdftotext writes them). A hard-wrapped file
 * (paragraphs split over several lines that stop mid-sentence) is read as blocks; otherwise
 * every line is a paragraph. Page-footer debris (bare page labels, "3-314-1" glued to a line) is
 * dropped, and text pasted without line breaks is cut before its inline headings.
 */
export function readText(input: string): SourceLayout {
  const text = unescapeDump(input);
  const pages = text.replace(/\r\n?/g, '\n').split('\f');
  let raw: { text: string; page: number; blankBefore: boolean }[] = [];
  pages.forEach((pageText, index) => {
    let blank = true;
    for (const line of pageText.split('\n')) {
      const t = line.replace(/[\t ]+$/g, '').replace(/\u00a0/g, ' ');
      if (t.trim() === '') {
        blank = true;
        continue;
      }
      const clean = t.trim().replace(/[ ]{2,}/g, ' ');
      const pieces = clean.length > RUN_ON ? splitRunOn(clean) : [clean];
      pieces.forEach((piece, k) => {
        raw.push({ text: piece, page: index + 1, blankBefore: blank || k > 0 });
      });
      blank = false;
    }
  });
  raw = dropPageDebris(raw);
  const { hardWrapped, wrapWidth } = wrapOf(raw.map((l) => ({ text: l.text, continues: !l.blankBefore })));
  const lines: SourceLine[] = raw.map((l) =>
    hardWrapped
      ? { text: l.text, page: l.page, gapBefore: l.blankBefore ? 2 : 1, width: l.text.length / wrapWidth }
      : { text: l.text, page: l.page, blockStart: true },
  );
  return { lines, footnotes: [], pageCount: pages.length, metadata: {}, warnings: [] };
}

/**
 * How typed lines are wrapped: hard-wrapped when most lines continue the one before, none much
 * longer than a typed line, and many stop mid-sentence (a file of one paragraph per line ends
 * its lines with punctuation); `wrapWidth` is the length of a full line.
 */
export function wrapOf(lines: { text: string; continues: boolean }[]): { hardWrapped: boolean; wrapWidth: number } {
  const continued = lines.filter((l) => l.continues).length;
  const lengths = lines.map((l) => l.text.length).sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const midSentence = lines.filter((l, i) => lines[i + 1]?.continues && !/[.;:!?)"”]$/.test(l.text)).length;
  const hardWrapped = continued > lines.length * 0.3 && p90 <= 110 && midSentence > continued * 0.4;
  return { hardWrapped, wrapWidth: Math.max(1, p90) };
}

/** Text dumped from a JSON or CSV field keeps its escapes (`\"`, `\n`): undo them when they are everywhere. */
function unescapeDump(text: string): string {
  const escaped = text.match(/\\"/g)?.length ?? 0;
  if (escaped < 5 || escaped < (text.match(/(?<!\\)"/g)?.length ?? 0)) return text;
  return text.replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

/** A page label on a line of its own: "12", "xiv", "- 12 -", "Page 3 of 40", "3-314". */
const PAGE_LABEL =
  /^(?:(?:page|pág\.?|página|p\.)\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlc]{1,6}|[IVXLC]{1,6})\s*[-–—)]?(?:\s*(?:of|de|sur|\/)\s*\d{1,4})?$/i;
/**
 * A page code glued to the end of a line: "… the Parties 3-314-1"; not a number that a heading
 * keyword or a cross-reference word names ("Artículo 1-01", "del artículo 21-03").
 */
const GLUED_CODE =
  /(?<!\b(?:article|artículo|articulo|chapter|chapitre|capítulo|capitulo|annex|annexe|anexo|section|sección|paragraph|párrafo|paragraphe|rule|regla|heading|partida|subheading|subpartida|no\.?|n°))\s(\d{1,3}(?:-\d{1,4}){1,3})$/iu;

/**
 * Drops page-footer debris that a text export leaves in the flow: page labels standing alone
 * on their line, and page codes glued to line ends, when the document has enough of them to be
 * a running footer (three or more) rather than a number in the text.
 */
function dropPageDebris<T extends { text: string; blankBefore: boolean }>(lines: T[]): T[] {
  const labels = lines.filter((l) => PAGE_LABEL.test(l.text)).length;
  const codes = new Map<string, number>();
  for (const l of lines) {
    const m = GLUED_CODE.exec(l.text);
    if (m?.[1]) codes.set(family(m[1]), (codes.get(family(m[1])) ?? 0) + 1);
  }
  const out: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as T;
    if (labels >= 3 && PAGE_LABEL.test(l.text)) {
      // The line after the label continues what came before it.
      const next = lines[i + 1];
      if (next && !l.blankBefore) next.blankBefore = false;
      continue;
    }
    const m = GLUED_CODE.exec(l.text);
    if (m?.[1] && (codes.get(family(m[1])) ?? 0) >= 3) out.push({ ...l, text: l.text.slice(0, m.index).trimEnd() });
    else out.push(l);
  }
  return out;
}

/** "3-314-1" → "3-#-#": page codes of one document share their shape and first part. */
function family(code: string): string {
  const [head, ...rest] = code.split('-');
  return `${head}-${rest.map(() => '#').join('-')}`;
}

const KEYWORD =
  'ARTICLE|Article|ARTICULO|ARTÍCULO|Artículo|CHAPTER|Chapter|CHAPITRE|Chapitre|CAP[ÍI]TULO|Cap[íi]tulo|PART|Part|PARTIE|Partie|PARTE|Parte|SECTION|Section|SECCI[ÓO]N|Secci[óo]n|ANNEX|Annex|ANNEXE|Annexe|ANEXO|Anexo|APPENDIX|Appendix|PROTOCOL|Protocol|PROTOCOLE|PROTOCOLO|TITLE|TITRE|T[ÍI]TULO';
/** Numbers spelled out, as some older agreements print them: "Article ONE", "Article Twenty-One". */
const SPELLED = (() => {
  const units = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'];
  const teens = [
    'Ten',
    'Eleven',
    'Twelve',
    'Thirteen',
    'Fourteen',
    'Fifteen',
    'Sixteen',
    'Seventeen',
    'Eighteen',
    'Nineteen',
  ];
  const tens = ['Twenty', 'Thirty', 'Forty', 'Fifty'];
  const words = [...units, ...teens, ...tens.flatMap((t) => [t, ...units.map((u) => `${t}-${u}`)])];
  return words
    .flatMap((w) => [w, w.toUpperCase()])
    .sort((a, b) => b.length - a.length)
    .join('|');
})();
const INLINE_NUMBER = `(?:\\d{1,3}(?:[.-]\\d{1,3})*(?:[A-Z]|er|ER|bis|BIS)?|[IVXLC]{1,7}|premier|PREMIER|Premier|primero|PRIMERO|Primero|TRANSITORIO|Transitorio|ÚNICO|Único|${SPELLED})`;
/** Words after which a keyword and number are a reference: "pursuant to Annex II", "del Artículo 3". */
const REFERRING =
  'to|in|of|under|with|by|and|or|the|see|per|at|on|from|into|than|that|this|its|al|del|de|en|el|la|le|les|du|des|à|y|o|et|ou|por|para|con|sobre|dans|par|selon';
/**
 * An inline heading: a keyword and number after the end of a sentence (a footnote number may
 * stand between) or after a title ("GENERAL PROVISIONS ARTICLE 1.1.", "Sección A -Trato nacional
 * Artículo 3.2"), followed by a separator or a capital ("Article 5 of the GATT" stays in its
 * sentence; the structure stage decides what else is a heading).
 */
const INLINE_HEADING = new RegExp(
  `(?:(?<=[.;:!?"”)\\]](?:\\d{1,3})?\\s(?:\\d{1,3}\\s)?)|(?<=\\p{L}{2,}\\s)(?<!\\b(?:${REFERRING})\\s))(?=(?:${KEYWORD})\\s+${INLINE_NUMBER}(?:\\.|:|\\s[-–—]|\\s(?=\\p{Lu}|\\(?\\d{1,2}\\s?[.)]\\s)))`,
  'gu',
);
const INLINE_MARKERS =
  /(?<=[.;:!?"”)\]]\s|\p{Lu}{3,}\s|^)(?=(?:PREAMBLE|PRÉAMBULE|PREÁMBULO|IN WITNESS WHEREOF|EN FOI DE QUOI|EN FE DE LO CUAL)\b)/gu;
/** A numbered paragraph inline: "… Agreement. 2. The Parties …". */
const INLINE_PARAGRAPH = /(?<=[.;:]\s)(?=\(?\d{1,2}\s?[.)]\s+\p{Lu})/gu;

/** Cuts a line of text pasted without line breaks before its headings and numbered paragraphs. */
function splitRunOn(line: string): string[] {
  const cut = (parts: string[], re: RegExp) => parts.flatMap((p) => p.split(re));
  const pieces = cut(cut(cut([line], INLINE_MARKERS), INLINE_HEADING), INLINE_PARAGRAPH);
  return pieces
    .flatMap(splitHeadingTitle)
    .map((p) => p.trim())
    .filter(Boolean);
}

const OPENING = new RegExp(`^((?:${KEYWORD})\\s+${INLINE_NUMBER}\\s*[.:]?\\s*(?:[-–—]\\s*)?)(.*)$`, 'u');
/** Lower-case words a title may hold: "Fulfilment of Obligations", "Relationship to other Agreements". */
const TITLE_WORDS =
  /^(?:of|and|the|on|in|for|to|with|by|a|an|or|other|between|under|from|at|into|de|la|le|les|des|du|et|en|y|del|el|los|las|al|con|para|por|sobre|entre|d'|l')$/;
/** Words that open the first sentence after an inline title. */
const SENTENCE_START =
  /^(?:The|This|These|Each|A|An|Any|No|Nothing|Where|When|If|For|In|Unless|Notwithstanding|Subject|Except|Without|All|Both|Such|Neither|It|Its|Le|La|Les|Chaque|Aucune?|Lorsque|Si|El|Los|Las|Cada|Ninguna?|Cuando)$/;

/**
 * "ARTICLE 1.6. Fulfilment of Obligations The Parties shall …" → the heading with its title, then
 * the sentence. The title is the run of capitalised words (and the small words titles hold) that
 * stops where the first sentence opens; when no such point is clear the heading stands alone.
 */
function splitHeadingTitle(piece: string): string[] {
  const m = OPENING.exec(piece);
  if (!m) return [piece];
  const head = m[1] ?? '';
  const words = (m[2] ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [piece];
  // A title in capitals ends with the capitals: "GENERAL PROVISIONS".
  if (/^\p{Lu}{2,}/u.test(words[0] ?? '') && words[0] === words[0]?.toUpperCase()) {
    let k = 0;
    while (k < words.length && words[k] === words[k]?.toUpperCase() && /\p{L}/u.test(words[k] ?? '')) k++;
    return [`${head}${words.slice(0, k).join(' ')}`, words.slice(k).join(' ')];
  }
  let stop = -1;
  for (let k = 0; k < words.length && k < 25; k++) {
    const w = words[k] ?? '';
    if (/^\(?\d{1,2}[.)]$/.test(w) || (/^\d{1,2}$/.test(w) && /^[.)]$/.test(words[k + 1] ?? ''))) {
      stop = k;
      break;
    }
    // Capitalised words, the small words of titles, and footnote numbers called from the title.
    if (/^\p{Lu}/u.test(w) || TITLE_WORDS.test(w) || /^\d{1,3}$/.test(w)) continue;
    // The sentence began at the last sentence opener before this lower-case word.
    for (let j = k - 1; j >= 1; j--) {
      if (SENTENCE_START.test(words[j] ?? '')) {
        stop = j;
        break;
      }
    }
    break;
  }
  // No clear end of a title: the heading stands alone and the words after it stay in the body
  // (a title kept in the text costs less than an article lost).
  if (stop < 0) return /^\p{Lu}/u.test(words[0] ?? '') && words.length >= 6 ? [head, words.join(' ')] : [piece];
  const title = words.slice(0, stop).join(' ');
  return [`${head}${title}`.trim(), words.slice(stop).join(' ')];
}
