import { isTitleLike, matchHeading } from './headings.ts';
import type { SourceLine } from './source-line.ts';

const TREATY_WORD =
  /\b(?:AGREEMENT|TREATY|PROTOCOL|CONVENTION|UNDERSTANDING|ARRANGEMENT|PROGRAMME|PARTNERSHIP|MEMORANDUM|ANNEX|ACCORD|ACUERDO|TRATADO|PROTOCOLE|PROTOCOLO|CONVENIO)\b/i;
const GARBAGE_TITLE = /^(?:microsoft word|untitled|document\d*$)|\.(?:docx?|pdf|rtf)\b/i;

/**
 * The agreement's title as printed on its first page: the first line near the top that names an
 * instrument ("… AGREEMENT"), with the neighbouring title lines of the same block. PDF metadata
 * titles are often wrong ("Microsoft Word - draft3.docx"), so they come second.
 */
export function detectTitle(
  lines: SourceLine[],
  metadataTitle: string | undefined,
  fileName: string | undefined,
): string {
  const first = lines.slice(0, 25).filter((l) => l.page <= 2 && !l.table);
  // The largest line that names an instrument; the first of them when sizes are unknown.
  let hit = -1;
  first.forEach((l, i) => {
    const t = l.text.trim();
    if (!TREATY_WORD.test(t) || t.length >= 200 || /[.;:]$/.test(t) || /^(?:\(?\d+[.)]|\([a-z]\))\s/.test(t)) return;
    if (t !== t.toUpperCase() && !isTitleLike(t)) return;
    if (hit < 0 || (l.size ?? 1) > (first[hit]?.size ?? 1) + 0.05) hit = i;
  });
  if (hit >= 0) {
    const size = first[hit]?.size ?? 1;
    const isTitleLine = (l: SourceLine | undefined) =>
      l !== undefined &&
      l.text.length < 120 &&
      !/[.;,:]$/.test(l.text.trim()) &&
      !/^(?:\(?\d+[.)]|\([a-z]\))\s/.test(l.text.trim()) &&
      !matchHeading(l.text) &&
      (l.size === undefined ? l.text === l.text.toUpperCase() : Math.abs(l.size - size) < 0.05);
    let from = hit;
    let to = hit;
    while (from > 0 && isTitleLine(first[from - 1]) && (first[from]?.gapBefore ?? 1) < 2.5) from--;
    while (
      to < first.length - 1 &&
      isTitleLine(first[to + 1]) &&
      (first[to + 1]?.gapBefore ?? 1) < 2.5 &&
      to - from < 8
    )
      to++;
    // Title lines broken after a hyphen ("ASEAN-" / "AUSTRALIA") join without a space.
    const title = first
      .slice(from, to + 1)
      .map((l) => l.text.trim())
      .join('\n')
      .replace(/-\n/g, '-')
      .replace(/\s+/g, ' ');
    if (title.length >= 8) return title;
  }
  const meta = metadataTitle?.trim();
  if (meta && meta.length >= 8 && !GARBAGE_TITLE.test(meta)) return meta;
  if (fileName) return fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return 'Untitled agreement';
}
