import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../errors.ts';
import type { ParseLimits } from '../types.ts';
import type { HeadingKind } from './headings.ts';
import type { StructureLine } from './structure.ts';
import { checkXml } from './xml-scan.ts';

export interface TotaSource {
  lines: StructureLine[];
  title: string;
  language: string | null;
  metadata: Record<string, unknown>;
}

type XmlNode = Record<string, unknown>;

const ARRAYS = new Set(['treaty.body.chapter', 'treaty.body.chapter.article', 'treaty.meta.source']);
const PARTY_LISTS = new Set(['treaty.meta.parties.partyisocode', 'treaty.meta.parties_original.partyisocode']);

const DIVISIONS: [RegExp, HeadingKind][] = [
  [/^(?:CHAPTER|CHAPITRE|CAP[ÍI]TULO)\b/i, 'chapter'],
  [/^(?:PART|PARTIE|PARTE)\b/i, 'part'],
  [/^(?:TITLE|TITRE|T[ÍI]TULO)\b/i, 'title'],
  [/^(?:SUB-?SECTION|SOUS-SECTION)\b/i, 'subsection'],
  [/^(?:SECTION|SECCI[ÓO]N)\b/i, 'section'],
  [/^(?:ANNEX|ANNEXE|ANEXO)\b/i, 'annex'],
  [/^(?:PROTOCOL|PROTOCOLE|PROTOCOLO)\b/i, 'protocol'],
];

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return String((value as XmlNode)['#text'] ?? '');
  return String(value);
}

function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** "ARTICLE 12.1" → "12.1"; "CHAPTER 3" → "3"; a bare number stays as it is. */
function stripKeyword(printed: string): string | null {
  const n = clean(printed).replace(/^[\p{L}.:]+(?=[\s\-–]|$)\s*[-–:]?\s*/u, '');
  return n || null;
}

/**
 * Splits an article's text into its numbered paragraphs ("1. … 2. …"), which ToTA flattens
 * into one string. Numbers must run 1, 2, 3… so that "see paragraph 3. The" cannot split.
 */
export function splitParagraphs(body: string): string[] {
  if (!/^(?:1\.|\(1\))\s/.test(body)) return [body];
  const out: string[] = [];
  let from = 0;
  for (let n = 2; ; n++) {
    const re = new RegExp(`\\s(?:${n}\\.|\\(${n}\\))\\s+(?=[\\p{Lu}(“"«])`, 'gu');
    re.lastIndex = from + 2;
    const m = re.exec(body);
    if (!m) break;
    out.push(body.slice(from, m.index).trim());
    from = m.index + 1;
  }
  out.push(body.slice(from).trim());
  return out.filter(Boolean);
}

/** ToTA XML (`pta_*.xml`): the structure is declared, so no heading is guessed. */
export function readTota(xml: string, limits: Pick<ParseLimits, 'maxXmlDepth' | 'maxXmlEntities'>): TotaSource {
  checkXml(xml, limits);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new ParseError('PARSER_MALFORMED_XML', `Malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: false,
    isArray: (_name, path) => ARRAYS.has(String(path)) || PARTY_LISTS.has(String(path)),
  });
  const root = parser.parse(xml) as XmlNode;
  const treaty = root.treaty as XmlNode | undefined;
  const body = treaty?.body as XmlNode | undefined;
  const meta = (treaty?.meta ?? {}) as XmlNode;
  if (!treaty || !body) {
    throw new ParseError('PARSER_NOT_TOTA', 'The XML is not a ToTA treaty (expected <treaty> with <meta> and <body>).');
  }
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (PARTY_LISTS.has(`treaty.meta.${key}.partyisocode`)) {
      const list = (typeof value === 'object' && value ? ((value as XmlNode).partyisocode ?? []) : []) as unknown[];
      metadata[key] = list.map(text).map(clean).filter(Boolean);
    } else if (key === 'source') {
      metadata.sources = (value as XmlNode[]).map((s) => ({
        url: clean(text(s)),
        language: s['@_lang'],
        type: s['@_type'],
      }));
    } else {
      const v = clean(text(value));
      metadata[key] = v === '' ? null : v;
    }
  }

  const lines: StructureLine[] = [];
  const chapters = (body.chapter ?? []) as XmlNode[];
  for (const chapter of chapters) {
    const name = clean(text(chapter['@_name']));
    const printed = clean(text(chapter['@_number']));
    const articles = (chapter.article ?? []) as XmlNode[];
    let articleKind: HeadingKind = 'article';
    if (!printed && /^(?:preamble|pr[ée]ambule|pre[áa]mbulo)$/i.test(name)) {
      articleKind = 'preamble';
    } else if (!printed && /^(?:conclusion|final clause|signatures?)$/i.test(name)) {
      articleKind = 'signatures';
    } else if (printed || name) {
      const kind = DIVISIONS.find(([re]) => re.test(printed))?.[1] ?? 'chapter';
      lines.push({
        text: [printed, name].filter(Boolean).join(' '),
        page: 1,
        declared: { kind, number: printed ? stripKeyword(printed) : null, heading: name || null },
      });
    }
    for (const article of articles) {
      const sourceId = clean(text(article['@_article_identifier']));
      const aPrinted = clean(text(article['@_number']));
      const aName = clean(text(article['@_name']));
      const content = clean(text(article));
      // ToTA files some numbered articles ("ARTICLE 1", the aims) under a "Preamble" chapter:
      // a printed article number makes it an article whatever its chapter says.
      const kind: HeadingKind = articleKind === 'article' || /\d/.test(aPrinted) ? 'article' : articleKind;
      const number = kind === 'article' && aPrinted ? stripKeyword(aPrinted) : null;
      lines.push({
        text: [aPrinted, aName].filter(Boolean).join(' ') || (kind === 'article' ? 'Article' : name || kind),
        page: 1,
        declared: { kind, number, heading: aName || null, sourceId: sourceId || undefined },
      });
      for (const paragraph of kind === 'article' ? splitParagraphs(content) : [content]) {
        if (paragraph) lines.push({ text: paragraph, page: 1, blockStart: true, body: true });
      }
    }
  }
  const language = typeof metadata.language === 'string' ? metadata.language : null;
  return { lines, title: clean(text(meta.name)) || 'Untitled agreement', language, metadata };
}
