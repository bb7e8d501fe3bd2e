import type { ProvisionKind } from '../types.ts';

export type HeadingKind = Exclude<ProvisionKind, 'paragraph'>;

export interface HeadingMatch {
  kind: HeadingKind;
  /** Number as printed, null when the heading has none. */
  number: string | null;
  /** What follows the number on the same line (a title, or nothing). */
  rest: string;
  /**
   * A run-in heading: the first sentence of the body follows the number on the same line
   * ("Artículo 3.- Las Partes …", "Article 5. - The Parties shall …"). `rest` is then empty.
   */
  runIn?: string;
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
/** Ordinals as printed in division headings, in their value order (1st, 2nd, …). */
const ORDINAL_WORDS: string[][] = [
  ['first', 'premier', 'première', 'premiere', 'primero', 'primera', 'primer', '1er', '1re'],
  ['second', 'seconde', 'deuxième', 'deuxieme', 'segundo', 'segunda'],
  ['third', 'troisième', 'troisieme', 'tercero', 'tercera', 'tercer'],
  ['fourth', 'quatrième', 'quatrieme', 'cuarto', 'cuarta'],
  ['fifth', 'cinquième', 'cinquieme', 'quinto', 'quinta'],
  ['sixth', 'sixième', 'sixieme', 'sexto', 'sexta'],
  ['seventh', 'septième', 'septieme', 'séptimo', 'septimo', 'séptima', 'septima'],
  ['eighth', 'huitième', 'huitieme', 'octavo', 'octava'],
  ['ninth', 'neuvième', 'neuvieme', 'noveno', 'novena'],
  ['tenth', 'dixième', 'dixieme', 'décimo', 'decimo', 'décima', 'decima'],
];
const ORDINALS = ORDINAL_WORDS.flat().join('|');
/** Articles named rather than numbered: "Artículo Transitorio", "Artículo Único", "Article final". */
const NAMED = 'transitorio|transitoria|transitoire|[úu]nico|[úu]nica|unique|final|finale';
const WORDS = `(?:(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|${WORD_NUMBERS.join('|')}|${ORDINALS}|${NAMED})`;
const WORD_RE = new RegExp(`^${WORDS}$`, 'iu');
const NAMED_RE = new RegExp(`^(?:${NAMED})$`, 'iu');
const SUFFIX = '(?:\\s?(?:bis|ter|quater|quinquies|sexies|septies|octies))?';
// "12", "12.1", "12-01", "3bis", "3A", "8A-1", "XII", "XIII.01", "G-01", "A", "Twelve", "premier".
const NUMBER = `(?:\\d{1,4}[A-Z]?(?:\\s?[.\\-–]\\s?\\d{1,3}[A-Z]?)*${SUFFIX}|[IVXLC]{1,7}(?:[.\\-–]\\d{1,3})*${SUFFIX}|[A-Z]{1,2}[.\\-–]?\\d{1,3}(?:[.\\-–]\\d{1,3})*|[A-Z]|${WORDS})`;

// The number follows a space, or sticks to the keyword in texts that lost it ("ARTICLE12.2: …").
const HEADING_RE = new RegExp(
  `^(${KEYWORDS.map(([, k]) => k).join('|')})(?:(?:\\s+|(?=\\d))(?:N[oº°]\\.?|N[uú]m(?:ero|\\.)?)?\\s*(${NUMBER}))?(?=$|[\\s:.\\-–—)])\\.?\\s*[:.\\-–—]?\\s*(.*)$`,
  'iu',
);
const KIND_RE = KEYWORDS.map(([kind, k]) => [kind, new RegExp(`^(?:${k})$`, 'iu')] as const);
/** Every heading keyword and ordinal as one word, to mend a keyword a glyph gap split ("A rticle"). */
const WHOLE_WORD = new RegExp(
  `^(?:${KEYWORDS.map(([, k]) => k).join('|')}|${ORDINALS}|PREAMBLE|PR[ÉE]AMBULE|PRE[ÁA]MBULO)$`,
  'iu',
);
// "PREMIÈRE PARTIE. - Dispositions générales", "FIRST PART", "Primera Parte", "SECOND CHAPTER".
const ORDINAL_FIRST_RE = new RegExp(
  `^(${ORDINALS})\\s+(PART|PARTIE|PARTE|TITLE|TITRE|T[ÍI]TULO|CHAPTER|CHAPITRE|CAP[ÍI]TULO|SECTION|SECCI[ÓO]N)(?=$|[\\s:.\\-–—])\\.?\\s*[:.\\-–—]?\\s*(.*)$`,
  'iu',
);
// What separates a number from a run-in sentence: "3.-", "3. -", "3 —", "3:" or "3." before a capital.
const RUN_IN_SEPARATOR = /^\s*(?:\.\s*[-–—]|[-–—:]|\.(?=\s+[\p{Lu}¿¡"“«(]))/u;

const PREAMBLE_RE = /^(?:PREAMBLE|PR[ÉE]AMBULE|PRE[ÁA]MBULO)\s*[:.]?$/iu;
// Witness clauses in capitals or sentence case; "Done at"/"Fait à" only before a place name.
const SIGNATURES_RE =
  /^(?:IN WITNESS WHEREOF|EN FOI DE QUOI|EN FE DE LO CUAL|EN TESTIMONIO DE LO CUAL|(?:DONE|SIGNED) (?:AT|IN) (?=\p{Lu})|(?:FAIT|SIGN[ÉE]) [ÀA] (?=\p{Lu})|(?:HECHO|FIRMADO) EN (?=\p{Lu}))/iu;
const SIDE_LETTER_RE =
  /^(?:EXCHANGE OF LETTERS|SIDE LETTERS?|[ÉE]CHANGE DE LETTRES|CANJE DE (?:NOTAS|CARTAS)|LETTRES? D'ACCOMPAGNEMENT)\b/iu;

const LOWER_START = /^[\p{Ll}]/u;
/** Words that open a sentence of treaty text: "The Parties …", "Les actes …", "Cada Parte …". */
const DETERMINERS =
  /^(?:(?:The|This|These|Each|Any|No|Nothing|Where|Le|La|Les|Chaque|Aucune?|Tout|Toute|Lorsque|El|Los|Las|Cada|Ninguna?|Todo|Toda|Cuando)\s|[LD]['’]\p{Lu})/u;
/** Words that continue a sentence and never open a title, whatever their case. */
const CONNECTIVES = /^(?:of|to|and|or|shall|may|et|ou|y|o|under|pursuant|referred|applies|apply)\b/iu;
/** Articles and prepositions that open a sentence or, capitalised, a title ("La Conférence", "De Minimis"). */
const OPENERS = /^(?:in|de|del|des|du|en|la|le|el|les|los|las|l'|d')\b/iu;

/** Mends a heading keyword or ordinal split by a spurious glyph gap: "A rticle 3", "C HAPTER 2", "DEUX IÈME PARTIE". */
export function mendSplitKeyword(text: string): string {
  const m = /^(\p{Lu}{1,6}) (\p{L}{2,12})(?=$|[\s.:\-–—])/u.exec(text);
  if (!m || WHOLE_WORD.test(m[1] ?? '')) return text;
  const joined = `${m[1]}${m[2]}`;
  return WHOLE_WORD.test(joined) ? joined + text.slice(m[0].length) : text;
}

/** A parenthesised cross-reference title followed by running text: "Chapter 8 (Trade in Services) or Chapter 9". */
function isCrossReference(rest: string): boolean {
  if (!rest.startsWith('(')) return false;
  const close = rest.indexOf(')');
  if (close < 0) return false;
  return rest.slice(close + 1).trim().length > 0;
}

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
  const text = mendSplitKeyword(line.trim());
  if (text.length === 0 || text.length > 200) return matchRunIn(text);
  if (PREAMBLE_RE.test(text)) return { kind: 'preamble', number: null, rest: '' };
  if (SIDE_LETTER_RE.test(text) && text.length < 120) return { kind: 'side-letter', number: null, rest: text };
  if (SIGNATURES_RE.test(text) && /^\p{Lu}/u.test(text)) return { kind: 'signatures', number: null, rest: text };
  const ordinal = ORDINAL_FIRST_RE.exec(text);
  if (ordinal) return ordinalFirst(ordinal);
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
  // Only articles are named rather than numbered; "CHAPTER FINAL PROVISIONS" is a title.
  if (number && kind !== 'article' && NAMED_RE.test(number)) return null;
  // A paragraph number lost in extraction can leave its dot behind: "Article 2.11. - . With respect …".
  const rest = (m[3] ?? '').trim().replace(/^[.,]\s+(?=\p{Lu})/u, '');
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
    if (isCrossReference(rest)) return null;
    if (!titleRest(rest)) {
      // Not a title: a run-in heading when a separator stands between the number and a sentence
      // ("Article 2.2. - 1. Each Party …"), or when what follows plainly opens one ("Article 6 Les actes …").
      const afterNumber = text.slice(text.indexOf(number, keyword.length) + number.length);
      // A colon usually introduces a title ("Article 12.1: Definitions"): after one, only a whole sentence runs in.
      const colon = /^\s*:/.test(afterNumber);
      const sentence = /[.;:]$/.test(rest) || rest.split(/\s+/).length > 12;
      const separated = RUN_IN_SEPARATOR.test(afterNumber) && (!colon || sentence);
      const opensSentence =
        rest.split(/\s+/).length >= 6 && !isTitleLike(rest) && (DETERMINERS.test(rest) || /^\(?1\s?[.)]\s/.test(rest));
      if (
        (separated || opensSentence) &&
        /^(?:[\p{Lu}¿¡"“«(]|\(?\d{1,3}\s?[.)]\s)/u.test(rest) &&
        !CONNECTIVES.test(rest)
      )
        return { kind, number, rest: '', runIn: rest };
      return null;
    }
  }
  return { kind, number, rest };
}

/** Long lines are never titles, but may open with a run-in heading. */
function matchRunIn(text: string): HeadingMatch | null {
  if (text.length === 0) return null;
  const head = matchHeading(text.slice(0, 120).replace(/\s+\S*$/, ''));
  // No title runs to 200 characters: what follows the number is the body's first sentence.
  const body = head?.runIn ?? head?.rest;
  if (!head?.number || !body) return null;
  const at = text.indexOf(body.slice(0, 20));
  return at > 0 ? { ...head, rest: '', runIn: text.slice(at) } : null;
}

/** Is what follows the number a title ("Definitions", "La Conférence des Parties") rather than a sentence? */
function titleRest(rest: string): boolean {
  if (LOWER_START.test(rest) || CONNECTIVES.test(rest)) return false;
  if (OPENERS.test(rest) && !isTitleLike(rest)) return false;
  if (rest.length > 160) return false;
  const words = rest.split(/\s+/);
  if (/[.;,]$/.test(rest) && words.length > 10) return false;
  if (!/^[\p{Lu}\p{N}(“"«'¿¡[]/u.test(rest)) return false;
  // "Article 5 The Parties shall…": a sentence, not a title ("… which are Member States" may be one).
  if (
    words.length > 4 &&
    /\b(?:shall|may|will|must|doit|doivent|peut|peuvent|deberá|podrá|podrán|deberán)\b/.test(rest)
  )
    return false;
  if (words.length > 4 && /\b(?:is|are|est|sont|es|son)\b/.test(rest) && /[.;:]$/.test(rest)) return false;
  return true;
}

function ordinalFirst(m: RegExpExecArray): HeadingMatch | null {
  const [, ordinal = '', keyword = '', rawRest = ''] = m;
  if (!/^\p{Lu}/u.test(ordinal) || !/^\p{Lu}/u.test(keyword)) return null;
  // "FIRST PART" or "First Part", not "first part of the schedule".
  const upper = ordinal === ordinal.toUpperCase() && keyword === keyword.toUpperCase();
  const capitalised = keyword.slice(1) === keyword.slice(1).toLowerCase();
  if (!upper && !capitalised) return null;
  const kind = KIND_RE.find(([, re]) => re.test(keyword))?.[0];
  if (!kind) return null;
  const rest = rawRest.trim();
  if (rest && (isCrossReference(rest) || !titleRest(rest))) return null;
  return { kind, number: ordinal, rest };
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
  ...ORDINAL_WORDS.flatMap((words, i) => words.map((w) => [w, i + 1] as [string, number])),
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
/** A line that ends here has finished its sentence (or its quotation, or its bracket). */
export const TERMINAL = /[.;:!?)\]"”’»]$/u;
/** A list item's marker at the start of a line: "(a)", "1.", "(iv)", "–", "2.3". */
export const ENUMERATOR = /^(?:\(?[a-z]{1,3}\)|\(?\d{1,3}[.)]|\(?[ivxl]{1,6}\)|[-•–·]|\d{1,3}\.\d{1,3}\.?)\s/u;
/** "Article 5 ........ 12": a table-of-contents entry with a dotted leader. */
export const DOTTED_LEADER = /(?:\.\s?){4,}\s*\d*\s*$|…{2,}\s*\d*\s*$/u;
