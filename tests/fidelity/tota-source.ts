import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';

/** A ToTA agreement read straight from its XML, independently of the parser under test. */
export interface TotaAgreement {
  id: string;
  title: string;
  language: string;
  chapters: TotaChapter[];
}
export interface TotaChapter {
  /** As printed in ToTA ("CHAPTER 3"), or empty. */
  number: string;
  name: string;
  articles: TotaArticle[];
}
export interface TotaArticle {
  sourceId: string;
  /** Number without its keyword ("12.1"), or empty. */
  number: string;
  name: string;
  text: string;
}

type Node = Record<string, unknown>;
const str = (v: unknown) =>
  v === undefined || v === null ? '' : typeof v === 'object' ? String((v as Node)['#text'] ?? '') : String(v);
const clean = (v: string) => v.replace(/\s+/g, ' ').trim();

/** Only characters the standard PDF fonts can draw (WinAnsi); others become "?" on both sides of the comparison. */
const WIN_ANSI = /[^\u0020-\u007e\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\n]/gu;
export function drawable(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(WIN_ANSI, '?');
}

export async function readTotaAgreement(path: string): Promise<TotaAgreement> {
  const xml = await readFile(path, 'utf8');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    isArray: (name) => name === 'chapter' || name === 'article',
  });
  const treaty = (parser.parse(xml) as Node).treaty as Node;
  const meta = treaty.meta as Node;
  const body = treaty.body as Node;
  const chapters = ((body.chapter ?? []) as Node[]).map((c) => ({
    number: clean(str(c['@_number'])),
    name: clean(str(c['@_name'])),
    articles: ((c.article ?? []) as Node[]).map((a) => ({
      sourceId: clean(str(a['@_article_identifier'])),
      number: clean(str(a['@_number']))
        .replace(/^[\p{L}.:]+(?=[\s\-–]|$)\s*[-–:]?\s*/u, '')
        .trim(),
      name: clean(str(a['@_name'])),
      text: str(a).trim(),
    })),
  }));
  return {
    id: clean(str(meta.treaty_identifier)),
    title: clean(str(meta.name)),
    language: clean(str(meta.language)) || 'en',
    chapters,
  };
}

/** ToTA keeps the source's line breaks as runs of spaces; a new paragraph is one that opens with its number. */
export function paragraphsOf(text: string): string[] {
  return drawable(text)
    .split(/\s{2,}(?=(?:\d{1,3}\.|\([a-z0-9]{1,4}\))\s)/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Preamble and conclusion chapters carry unnumbered text that ToTA does not count as articles. */
export const isPreamble = (c: TotaChapter) => !c.number && /^pre[aá]mbul/i.test(c.name);
export const isConclusion = (c: TotaChapter) => !c.number && /^conclusion$/i.test(c.name);
