import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type AgreementDocument, parse } from '@ccm/parser';
import { readTotaAgreement } from './tota-source.ts';

/** A shared plain-text agreement that ToTA also holds, so the parse can be scored against the XML. */
export interface TextPair {
  text: string;
  tota: string;
}

export const TEXT_PAIRS: TextPair[] = [
  { text: 'eu-korea-fta-2010.txt', tota: 'pta_145.xml' },
  { text: 'costa-rica-peru-fta-2011-es.txt', tota: 'pta_406.xml' },
];

export interface PairScore {
  name: string;
  expected: number;
  parsed: number;
  matched: number;
  recall: number;
  precision: number;
  missed: string[];
  extra: string[];
}

/** Article numbers of the parse against the XML's, aligned in document order as the fidelity evaluation does. */
export async function scorePair(corpusDir: string, pair: TextPair): Promise<PairScore> {
  const agreement = await readTotaAgreement(resolve(corpusDir, 'tota', pair.tota));
  const bytes = new Uint8Array(await readFile(resolve(corpusDir, 'text', pair.text)));
  const document: AgreementDocument = await parse(bytes, { fileName: pair.text });
  const expected = agreement.chapters.flatMap((c) => c.articles).filter((a) => a.number);
  const parsed = document.provisions.filter((p) => p.kind === 'article');
  let cursor = 0;
  let matched = 0;
  const extra: string[] = [];
  const hit = new Set<number>();
  for (const article of parsed) {
    let j = cursor;
    while (j < expected.length && j < cursor + 25 && expected[j]?.number !== article.number) j++;
    if (j >= expected.length || expected[j]?.number !== article.number) {
      extra.push(article.number ?? '?');
      continue;
    }
    hit.add(j);
    cursor = j + 1;
    matched++;
  }
  const missed = expected.filter((_, i) => !hit.has(i)).map((a) => a.number);
  return {
    name: pair.text,
    expected: expected.length,
    parsed: parsed.length,
    matched,
    recall: matched / Math.max(1, expected.length),
    precision: matched / Math.max(1, parsed.length),
    missed,
    extra,
  };
}
