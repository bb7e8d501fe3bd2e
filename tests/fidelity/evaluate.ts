import { type AgreementDocument, parse, provisionBody } from '@ccm/parser';
import { distance } from 'fastest-levenshtein';
import { type Layout, renderAgreement } from './render.ts';
import { drawable, readTotaAgreement } from './tota-source.ts';

export interface FidelityResult {
  id: string;
  layout: Layout;
  pages: number;
  expected: number;
  parsed: number;
  matched: number;
  /** Mean similarity of matched article bodies (1 − normalised edit distance). */
  similarity: number;
  footnotes: number;
  footnotesAttached: number;
  /** The worst articles, for diagnosis. */
  worst: { number: string; similarity: number }[];
}

const normalise = (s: string) => drawable(s).replace(/\s+/g, ' ').trim();

export function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - distance(x, y) / longest;
}

/** Renders one ToTA agreement to PDF, parses it back and compares article by article with the XML. */
export async function evaluateAgreement(path: string, layout: Layout): Promise<FidelityResult> {
  const agreement = await readTotaAgreement(path);
  const rendering = await renderAgreement(agreement, layout);
  const document: AgreementDocument = await parse(rendering.pdf, { fileName: `${agreement.id}.pdf` });

  const expected = agreement.chapters
    .filter((c) => c.number || !/^(?:pre[aá]mbul|conclusion$)/i.test(c.name))
    .flatMap((c) => c.articles)
    .filter((a) => a.number);
  const parsed = document.provisions.filter((p) => p.kind === 'article');

  // Align in document order: each parsed article takes the next expected article with its number.
  let cursor = 0;
  let matched = 0;
  const scores: { number: string; similarity: number }[] = [];
  const matchedSource = new Map<string, string>();
  for (const article of parsed) {
    let j = cursor;
    while (j < expected.length && j < cursor + 25 && expected[j]?.number !== article.number) j++;
    const target = expected[j];
    if (!target || target.number !== article.number) continue;
    cursor = j + 1;
    matched++;
    matchedSource.set(article.id, target.sourceId);
    scores.push({ number: target.number, similarity: similarity(provisionBody(document, article), target.text) });
  }
  const attached = rendering.footnotes.filter((f) => {
    const note = document.footnotes.find((n) => n.marker === f.marker && n.provisionId !== null);
    return note?.provisionId ? matchedSource.get(note.provisionId) === f.sourceId : false;
  }).length;
  return {
    id: agreement.id,
    layout,
    pages: rendering.pages,
    expected: expected.length,
    parsed: parsed.length,
    matched,
    similarity: scores.length ? scores.reduce((s, x) => s + x.similarity, 0) / scores.length : 0,
    footnotes: rendering.footnotes.length,
    footnotesAttached: attached,
    worst: [...scores].sort((a, b) => a.similarity - b.similarity).slice(0, 3),
  };
}

export interface FidelitySummary {
  layout: Layout;
  agreements: number;
  recall: number;
  precision: number;
  similarity: number;
  footnoteAttachment: number;
}

/** Micro-averaged recall and precision over all articles; similarity is the mean over matched articles. */
export function summarise(results: FidelityResult[], layout: Layout): FidelitySummary {
  const rs = results.filter((r) => r.layout === layout);
  const sum = (f: (r: FidelityResult) => number) => rs.reduce((s, r) => s + f(r), 0);
  const matched = sum((r) => r.matched);
  return {
    layout,
    agreements: rs.length,
    recall:
      matched /
      Math.max(
        1,
        sum((r) => r.expected),
      ),
    precision:
      matched /
      Math.max(
        1,
        sum((r) => r.parsed),
      ),
    similarity: sum((r) => r.similarity * r.matched) / Math.max(1, matched),
    footnoteAttachment:
      sum((r) => r.footnotesAttached) /
      Math.max(
        1,
        sum((r) => r.footnotes),
      ),
  };
}
