import { type AgreementDocument, isParseError, parse, provisionBody } from '@ccm/parser';
import { distance } from 'fastest-levenshtein';
import { type Layout, renderAgreement } from './render.ts';
import { drawable, readTotaAgreement } from './tota-source.ts';

/** Lines of the parsed document's text around an article that was missed or should not be there. */
export interface Evidence {
  kind: 'missed' | 'extra';
  number: string;
  lines: string[];
}

export interface FidelityResult {
  id: string;
  layout: Layout;
  language: string;
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
  /** Expected article numbers no parsed article matched, and parsed ones that matched none. */
  missed: string[];
  extra: string[];
  evidence: Evidence[];
  /** The parser's error code and message when it refused the rendering. */
  error?: string;
}

const normalise = (s: string) => drawable(s).replace(/\s+/g, ' ').trim();
/** Numbers as printed differ only in case ("PREMIER", "premier"; "1ER", "1er"). */
const sameNumber = (a: string, b: string | null) => b !== null && a.toLowerCase() === b.toLowerCase();

export function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - distance(x, y) / longest;
}

/** Renders one ToTA agreement in a layout, parses it back and compares article by article with the XML. */
export async function evaluateAgreement(path: string, layout: Layout): Promise<FidelityResult> {
  const agreement = await readTotaAgreement(path);
  const rendering = await renderAgreement(agreement, layout);

  const expected = agreement.chapters
    .filter((c) => c.number || !/^(?:pre[aá]mbul|conclusion$)/i.test(c.name))
    .flatMap((c) => c.articles)
    .filter((a) => a.number);
  const base = {
    id: agreement.id,
    layout,
    language: agreement.language,
    pages: rendering.pages,
    expected: expected.length,
    footnotes: rendering.footnotes.length,
  };
  let document: AgreementDocument;
  try {
    document = await parse(rendering.bytes, { fileName: rendering.fileName });
  } catch (error) {
    if (!isParseError(error)) throw error;
    return {
      ...base,
      parsed: 0,
      matched: 0,
      similarity: 0,
      footnotesAttached: 0,
      worst: [],
      missed: expected.map((a) => a.number),
      extra: [],
      evidence: [],
      error: `${error.code}: ${error.message}`,
    };
  }
  const parsed = document.provisions.filter((p) => p.kind === 'article');

  // Align in document order: the longest common subsequence of article numbers, so that a
  // ghost heading ("Article 11" in a cross-reference) is one extra, not the cause of misses.
  const pairs = alignByNumber(
    parsed.map((p) => p.number),
    expected.map((a) => a.number),
  );
  const scores: { number: string; similarity: number }[] = [];
  const matchedSource = new Map<string, string>();
  const matchedExpected = new Set<number>();
  const matchedParsed = new Set<number>();
  for (const [i, j] of pairs) {
    const article = parsed[i];
    const target = expected[j];
    if (!article || !target) continue;
    matchedParsed.add(i);
    matchedExpected.add(j);
    matchedSource.set(article.id, target.sourceId);
    const text = rendering.expectedText.get(target.sourceId) ?? target.text;
    scores.push({ number: target.number, similarity: similarity(provisionBody(document, article), text) });
  }
  const extra = parsed.filter((_, i) => !matchedParsed.has(i));
  const attached = rendering.footnotes.filter((f) => {
    const note = document.footnotes.find((n) => n.marker === f.marker && n.provisionId !== null);
    return note?.provisionId ? matchedSource.get(note.provisionId) === f.sourceId : false;
  }).length;
  const missed = expected.filter((_, j) => !matchedExpected.has(j)).map((a) => a.number);
  const evidence: Evidence[] = [
    ...missed
      .slice(0, 4)
      .map((number) => ({ kind: 'missed' as const, number, lines: whereCited(document.text, number) })),
    ...extra
      .slice(0, 4)
      .map((p) => ({ kind: 'extra' as const, number: p.number ?? '?', lines: around(document.text, p.start) })),
  ];
  return {
    ...base,
    parsed: parsed.length,
    matched: scores.length,
    similarity: scores.length ? scores.reduce((s, x) => s + x.similarity, 0) / scores.length : 0,
    footnotesAttached: attached,
    worst: [...scores].sort((a, b) => a.similarity - b.similarity).slice(0, 3),
    missed,
    extra: extra.map((p) => p.number ?? '?'),
    evidence,
  };
}

/** Index pairs [parsed, expected] of a longest common subsequence of numbers, in order. */
function alignByNumber(parsed: (string | null)[], expected: string[]): [number, number][] {
  const n = parsed.length;
  const m = expected.length;
  const width = m + 1;
  const table = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = sameNumber(expected[j] ?? '', parsed[i] ?? null)
        ? (table[(i + 1) * width + j + 1] ?? 0) + 1
        : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (sameNumber(expected[j] ?? '', parsed[i] ?? null)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/** Two lines either side of an offset in the parsed text; its own line marked and cut around it. */
function around(text: string, offset: number): string[] {
  const lines = text.split('\n');
  let at = lines.length - 1;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const end = start + (lines[i]?.length ?? 0);
    if (offset <= end) {
      at = i;
      break;
    }
    start = end + 1;
  }
  const cut = (line: string, from: number) => {
    const window = line.slice(Math.max(0, from - 40), from + 80);
    return `${from > 40 ? '...' : ''}${window}${from + 80 < line.length ? '...' : ''}`;
  };
  const first = Math.max(0, at - 2);
  return lines
    .slice(first, at + 3)
    .map((line, k) => (first + k === at ? `> ${cut(line, offset - start)}` : `  ${cut(line, 0)}`));
}

/** Where the parsed text prints a missed article's heading, if anywhere. */
function whereCited(text: string, number: string): string[] {
  const escaped = number
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\p{L}/gu, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
  // Capitalised, as a heading prints it, not "l'article 2" or "under article 2" in a sentence.
  const at = text.search(
    new RegExp(`(?:A\\s?rt[ií]culo|A\\s?rticle|ART[IÍ]CULO|ARTICLE)\\s+${escaped}(?![\\p{L}\\d])`, 'u'),
  );
  return at < 0 ? ['(no "Article <number>" in the parsed text)'] : around(text, at);
}

export interface FidelitySummary {
  layout: Layout;
  language: string;
  agreements: number;
  recall: number;
  precision: number;
  similarity: number;
  /** Share of rendered footnotes attached to their article; null when the layout rendered none. */
  footnoteAttachment: number | null;
}

/**
 * Micro-averaged recall and precision over all articles; similarity is the mean over matched
 * articles. `lang` restricts the summary to agreements in one language.
 */
export function summarise(results: FidelityResult[], layout: Layout, lang?: string): FidelitySummary {
  const rs = results.filter((r) => r.layout === layout && (!lang || r.language === lang));
  const sum = (f: (r: FidelityResult) => number) => rs.reduce((s, r) => s + f(r), 0);
  const matched = sum((r) => r.matched);
  const footnotes = sum((r) => r.footnotes);
  return {
    layout,
    language: lang ?? 'all',
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
    footnoteAttachment: footnotes > 0 ? sum((r) => r.footnotesAttached) / footnotes : null,
  };
}
