import type { HeadingCandidate } from './candidates.ts';
import { DOTTED_LEADER, isTocTitle, matchHeading } from './headings.ts';
import type { StructureLine } from './source-line.ts';

/** Fewest heading-like entries in a run of short lines for it to be a contents page without a title. */
const MIN_ENTRIES = 4;
/** Share of a cluster's entries that must come back later as headings. */
const MIN_RETURNING = 0.6;
/** Share of the returning entries that must come back in the order the contents lists them. */
const MIN_ORDERED = 0.8;

/**
 * Finds the lines of tables of contents, which must produce no provision. A contents page is
 * recognised by dotted leaders or a "Contents" title when it has them, and otherwise by what it
 * is: a run of short lines, most of them heading-like, whose entries reappear later in the
 * document as headings (with or without page numbers). Unnumbered entries inside the run
 * ("Annex on …", wrapped over two lines) go with it.
 */
export function detectContents(lines: StructureLine[], candidates: HeadingCandidate[]): Set<number> {
  const contents = new Set<number>();
  const keys = candidates.map(keyOf);
  // Where each key occurs, to ask "where does this entry come back after the contents?".
  const occurrences = new Map<string, number[]>();
  candidates.forEach((c, k) => {
    const key = keys[k] ?? '';
    const list = occurrences.get(key) ?? [];
    list.push(c.line);
    occurrences.set(key, list);
  });
  const returnAfter = (k: number, after: number) => occurrences.get(keys[k] ?? '')?.find((line) => line > after);

  for (let i = 0; i < lines.length; i++) if (DOTTED_LEADER.test(lines[i]?.text.trim() ?? '')) contents.add(i);

  // Clusters of candidates with only a few short lines between them (entry titles, wrapped entries).
  let cluster: number[] = [];
  const closeCluster = () => {
    if (cluster.length > 0) markCluster(cluster, candidates, lines, returnAfter, contents);
    cluster = [];
  };
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k] as HeadingCandidate;
    const before = cluster[cluster.length - 1];
    const prevLine = before === undefined ? -1 : (candidates[before]?.line ?? -1);
    if (before !== undefined && !onlyEntriesBetween(lines, prevLine, c.line)) closeCluster();
    cluster.push(k);
  }
  closeCluster();
  for (let i = 0; i < lines.length; i++) if (isTocTitle(lines[i]?.text ?? '')) markTitled(lines, i, contents);
  return contents;
}

export function keyOf(c: HeadingCandidate): string {
  return `${c.match.kind}:${c.sequence ? c.sequence.join('.') : c.match.rest.toLowerCase()}`;
}

function markCluster(
  cluster: number[],
  candidates: HeadingCandidate[],
  lines: StructureLine[],
  returnAfter: (k: number, after: number) => number | undefined,
  contents: Set<number>,
): void {
  const first = candidates[cluster[0] ?? 0] as HeadingCandidate;
  const end = candidates[cluster[cluster.length - 1] ?? 0]?.line ?? first.line;
  const titled = first.line > 0 && precededByTocTitle(lines, first.line);
  // Entries that come back after the cluster, and where: a contents page lists them in their order.
  const returning = cluster
    .map((k) => ({ k, at: returnAfter(k, end) }))
    .filter((r): r is { k: number; at: number } => r.at !== undefined);
  if (returning.length === 0) return;
  if (!titled) {
    if (returning.length < MIN_ENTRIES || returning.length < cluster.length * MIN_RETURNING) return;
    let ordered = 0;
    for (let r = 1; r < returning.length; r++) if ((returning[r]?.at ?? 0) > (returning[r - 1]?.at ?? 0)) ordered++;
    if (ordered < (returning.length - 1) * MIN_ORDERED) return;
  }
  // From the first entry to the last one that comes back, with the entry lines between them.
  const last = candidates[returning[returning.length - 1]?.k ?? 0] as HeadingCandidate;
  let stop = last.line + 1;
  // Then the entries that never come back (an annex the edition leaves out, a stray "Annex 4"),
  // up to running text or to the heading that opens the body: a preamble, or a first chapter or article.
  for (let k = (returning[returning.length - 1]?.k ?? 0) + 1; k <= candidates.length; k++) {
    const c = candidates[k];
    const limit = c?.line ?? lines.length;
    let gap = 0;
    while (stop < limit && gap <= 3 && !isProse(lines[stop])) {
      stop++;
      gap++;
    }
    if (stop < limit || !c || opensBody(c) || returnAfter(k, c.line) !== undefined) break;
    stop = c.line + 1;
  }
  for (let i = first.line; i < stop; i++) contents.add(i);
}

/** The body of an agreement opens with its preamble or the first of a numbered kind. */
function opensBody(c: HeadingCandidate): boolean {
  return c.match.kind === 'preamble' || (c.sequence !== null && c.sequence[c.sequence.length - 1] === 1);
}

/** Only contents-like lines (entry titles, wrapped entries, page numbers) between two lines. */
function onlyEntriesBetween(lines: StructureLine[], from: number, to: number): boolean {
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    const line = lines[i];
    if (!line?.text.trim()) continue;
    if (line.declared || line.body || isProse(line)) return false;
    if (++count > 3) return false;
  }
  return true;
}

/**
 * After a "Contents" title, entries (table rows included) run until the first entry comes back
 * as a heading, or running text begins.
 */
function markTitled(lines: StructureLine[], title: number, contents: Set<number>): void {
  let firstKey: string | null = null;
  let prose = 0;
  for (let i = title; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.declared || line.body) return;
    const text = line.text.replace(/\t/g, ' ').replace(DOTTED_LEADER, '').trim();
    if (!text) continue;
    const m = i === title ? null : matchHeading(text);
    if (m) {
      const key = `${m.kind}:${(m.number ?? m.rest).toLowerCase()}`;
      if (firstKey === null) firstKey = key;
      else if (key === firstKey) return;
    }
    prose = isProse(line) ? prose + 1 : 0;
    if (prose >= 3) return;
    contents.add(i);
  }
}

function precededByTocTitle(lines: StructureLine[], at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - 4; i--) if (isTocTitle(lines[i]?.text ?? '')) return true;
  return false;
}

/** A line of running text: a sentence's end, a full justified line, or too many words for a contents entry. */
function isProse(line: StructureLine | undefined): boolean {
  if (!line) return true;
  const text = line.text.trim();
  const words = text.split(/\s+/).length;
  if (words >= 20) return true;
  if ((line.width ?? 0) >= 0.85 && words >= 8 && !DOTTED_LEADER.test(text)) return true;
  return words >= 4 && /[.;:,]$/.test(text) && !/\b(?:Art|No|p|pp)\.$/.test(text);
}
