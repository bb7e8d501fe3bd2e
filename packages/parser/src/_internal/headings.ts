import type { ProvisionKind } from '../types.ts';

export type HeadingKind = Exclude<ProvisionKind, 'paragraph'>;

export interface HeadingMatch {
  kind: HeadingKind;
  /** Number as printed, null when the heading has none. */
  number: string | null;
  /** What follows the number on the same line (a title, or nothing). */
  rest: string;
}

const KEYWORDS: [HeadingKind, string][] = [
  ['part', 'PART|PARTIE|PARTE'],
  ['title', 'TITLE|TITRE|T[ÍI]TULO'],
  ['chapter', 'CHAPTER|CHAPITRE|CAP[ÍI]TULO'],
  ['subsection', 'SUB-?SECTION|SOUS-SECTION|SUBSECCI[ÓO]N'],
  ['section', 'SECTION|SECCI[ÓO]N'],
  ['article', 'ARTICLE|ART\\.|ART[ÍI]CULO|ARTIGO'],
  ['appendix', 'APPENDIX|APPENDICE|AP[ÉE]NDICE'],
  ['annex', 'ANNEX|ANNEXE|ANEXO'],
  ['protocol', 'PROTOCOL|PROTOCOLE|PROTOCOLO'],
];

const WORD_NUMBERS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
];
const ORDINALS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|premier|premi[èe]re|primero|segundo|tercero|cuarto|quinto|sexto|s[ée]ptimo|octavo|noveno|d[ée]cimo|1er|1re';
const WORDS = `(?:(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|${WORD_NUMBERS.join('|')}|${ORDINALS})`;
const WORD_RE = new RegExp(`^${WORDS}$`, 'iu');
const SUFFIX = '(?:\\s?(?:bis|ter|quater|quinquies|sexies|septies|octies))?';
// "12", "12.1", "12-01", "3bis", "3A", "8A-1", "XII", "XIII.01", "G-01", "A", "Twelve", "premier".
const NUMBER = `(?:\\d{1,4}[A-Z]?(?:\\s?[.\\-–]\\s?\\d{1,3}[A-Z]?)*${SUFFIX}|[IVXLC]{1,7}(?:[.\\-–]\\d{1,3})*${SUFFIX}|[A-Z]{1,2}[.\\-–]?\\d{1,3}(?:[.\\-–]\\d{1,3})*|[A-Z]|${WORDS})`;

const HEADING_RE = new RegExp(
  `^(${KEYWORDS.map(([, k]) => k).join('|')})(?:\\s+(?:N[oº°]\\.?|N[uú]m(?:ero|\\.)?)?\\s*(${NUMBER}))?(?=$|[\\s:.\\-–—)])\\.?\\s*[:.\\-–—]?\\s*(.*)$`,
  'iu',
);
const KIND_RE = KEYWORDS.map(([kind, k]) => [kind, new RegExp(`^(?:${k})$`, 'iu')] as const);

const PREAMBLE_RE = /^(?:PREAMBLE|PR[ÉE]AMBULE|PRE[ÁA]MBULO)\s*[:.]?$/iu;
const SIGNATURES_RE =
  /^(?:IN WITNESS WHEREOF|EN FOI DE QUOI|EN FE DE LO CUAL|EN TESTIMONIO DE LO CUAL|DONE (?:at|in) [A-Z]|SIGNED (?:at|in) [A-Z]|FAIT [ÀA] [A-Z]|HECHO EN [A-Z])/u;
const SIDE_LETTER_RE =
  /^(?:EXCHANGE OF LETTERS|SIDE LETTERS?|[ÉE]CHANGE DE LETTRES|CANJE DE (?:NOTAS|CARTAS)|LETTRES? D'ACCOMPAGNEMENT)\b/iu;

const LOWER_START = /^[\p{Ll}]/u;
const CONNECTIVES =
  /^(?:of|to|and|or|in|shall|may|de|del|des|du|et|y|o|en|la|le|el|les|los|las|and|under|pursuant|referred)\b/iu;

function isCapitalised(word: string): boolean {
  return word === word.toUpperCase() || /^[\p{Lu}]/u.test(word);
}

/**
 * Recognises a heading line by its wording alone ("CHAPTER 12", "Article 12.1: Definitions",
 * "Artículo 3 bis", "Article premier"). Lower-case keywords and what reads as a sentence
 * ("Article 5 of the GATT 1994", "Chapter 26 of the Harmonized System") are references, not
 * headings. Whether the line also stands where a heading can stand is the caller's business.
 */
export function matchHeading(line: string): HeadingMatch | null {
  const text = line.trim();
  if (text.length === 0 || text.length > 200) return null;
  if (PREAMBLE_RE.test(text)) return { kind: 'preamble', number: null, rest: '' };
  if (SIDE_LETTER_RE.test(text) && text.length < 120) return { kind: 'side-letter', number: null, rest: text };
  if (SIGNATURES_RE.test(text)) return { kind: 'signatures', number: null, rest: text };
  const m = HEADING_RE.exec(text);
  if (!m) return null;
  const keyword = m[1] ?? '';
  // Keywords are printed "ARTICLE" or "Article", never "article".
  if (!/^[\p{Lu}]/u.test(keyword)) return null;
  const capitalised = keyword.split('-').every((part) => part.slice(1) === part.slice(1).toLowerCase());
  if (keyword !== keyword.toUpperCase() && !capitalised) return null;
  const kind = KIND_RE.find(([, re]) => re.test(keyword))?.[0];
  if (!kind) return null;
  const number = m[2]?.trim() ?? null;
  // The keyword match ignores case; numbers do not: "Annex a" or "Part c." are list items, not headings.
  if (number && /^[a-z]/.test(number) && !WORD_RE.test(number)) return null;
  const rest = (m[3] ?? '').trim();
  if (number && /^[A-Z]$/.test(number) && rest && /^[\p{Ll}]/u.test(rest)) {
    // "Article A greement" cannot happen, but "Protocol A on" can: a lone capital is a number only before a title.
    return null;
  }
  if (!number) {
    // Only containers may go unnumbered, and then they need a title: "PROTOCOL ON RULES OF ORIGIN".
    if (kind !== 'protocol' && kind !== 'annex' && kind !== 'appendix') return null;
    if (!rest || !isTitleLike(rest)) return null;
    return { kind, number: null, rest };
  }
  if (rest) {
    if (LOWER_START.test(rest) || CONNECTIVES.test(rest)) return null;
    if (rest.length > 160) return null;
    const words = rest.split(/\s+/);
    if (/[.;,]$/.test(rest) && words.length > 10) return null;
    if (!/^[\p{Lu}\p{N}(“"«'¿¡[]/u.test(rest)) return null;
    // "Article 5 The Parties shall…": a sentence, not a title.
    if (words.length > 4 && /\b(?:shall|may|will|must|is|are|doit|peut|deberá|podrá)\b/.test(rest)) return null;
  }
  return { kind, number, rest };
}

/** A short line in Title Case or CAPITALS, not a sentence: "ELECTRONIC COMMERCE", "Rules of Origin". */
export function isTitleLike(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 160) return false;
  if (!/^[\p{Lu}\p{N}(“"«'[]/u.test(t)) return false;
  if (/[.;,]$/.test(t) && !/\b[A-Z][a-z]?\.$/.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > 18) return false;
  const long = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length >= 4);
  if (long.length === 0) return true;
  const capital = long.filter(isCapitalised).length;
  return capital / long.length >= 0.6;
}

/** Ordering rank: a heading closes every open unit of equal or higher rank number. */
export const RANK: Record<ProvisionKind, number> = {
  protocol: 0,
  'side-letter': 0,
  annex: 0.5,
  appendix: 0.7,
  signatures: 0.9,
  preamble: 1,
  part: 1,
  title: 1.5,
  chapter: 2,
  section: 3,
  subsection: 4,
  article: 5,
  paragraph: 6,
};

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
const WORD_VALUES = new Map<string, number>([
  ...WORD_NUMBERS.slice(0, 20).map((w, i) => [w, i + 1] as [string, number]),
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['first', 1],
  ['premier', 1],
  ['première', 1],
  ['premiere', 1],
  ['1er', 1],
  ['1re', 1],
  ['primero', 1],
  ['second', 2],
  ['segundo', 2],
  ['third', 3],
  ['tercero', 3],
]);

/** The leading integer a number stands for ("12.1" → 12, "XII" → 12, "Twenty-One" → 21), for sequence checks. */
export function numberValue(number: string): number | null {
  const n = number.trim();
  const digits = /^(\d+)/.exec(n);
  if (digits) return Number(digits[1]);
  const roman = /^([IVXLC]+)\b/.exec(n);
  if (roman?.[1]) {
    let total = 0;
    const s = roman[1];
    for (let i = 0; i < s.length; i++) {
      const v = ROMAN[s[i] ?? ''] ?? 0;
      const next = ROMAN[s[i + 1] ?? ''] ?? 0;
      total += v < next ? -v : v;
    }
    return total;
  }
  const lower = n.toLowerCase();
  const parts = lower.split(/[- ]/);
  if (parts.length === 2) {
    const tens = WORD_VALUES.get(parts[0] ?? '');
    const units = WORD_VALUES.get(parts[1] ?? '');
    if (tens && units) return tens + units;
  }
  return WORD_VALUES.get(lower) ?? null;
}

const PARAGRAPH_RE = /^(?:(\d{1,3})\.(?!\d)|\((\d{1,3})\))\s+(?=\S)/u;

/** The paragraph number a block opens with ("1. Each Party…", "(2) The Parties…"), or null. */
export function paragraphNumber(block: string): number | null {
  const m = PARAGRAPH_RE.exec(block);
  if (!m) return null;
  return Number(m[1] ?? m[2]);
}

const TOC_RE = /^(?:TABLE OF CONTENTS|CONTENTS|TABLE DES MATI[ÈE]RES|SOMMAIRE|[ÍI]NDICE|CONTENIDO|INDEX)$/iu;
export function isTocTitle(line: string): boolean {
  return TOC_RE.test(line.trim());
}
/** "Article 5 ........ 12": a table-of-contents entry with a dotted leader. */
export const DOTTED_LEADER = /(?:\.\s?){4,}\s*\d*\s*$|…{2,}\s*\d*\s*$/u;
