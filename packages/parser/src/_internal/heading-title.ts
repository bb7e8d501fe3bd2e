import { ENUMERATOR, type HeadingMatch, isTitleLike, matchHeading } from './headings.ts';
import type { Dehyphenator } from './hyphenation.ts';
import type { StructureLine } from './source-line.ts';

/** A title line that stops on one of these has more to come: "Agreement on the Application of" / "Sanitary Measures". */
const OPEN_END = /\b(?:of|on|and|or|the|to|in|for|with|by|de|du|des|la|le|et|sur|y|del|en|el|los|las)$/iu;
const CLOSED_NEXT = /\b(?:and|or|the|of|to|in|for|with|by|de|la|le|et|y|del|des)$/;

export interface HeadingTitle {
  title: string | null;
  /** The heading's own lines as printed, first the heading line. */
  lines: string[];
  /** Footnote calls on the title lines. */
  refs: string[];
  /** Index of the first line after the heading. */
  next: number;
}

/**
 * The title of the heading on line `i`: what follows the number on its line, and the lines
 * after it that are set like a title ("CHAPTER 12" / "ELECTRONIC COMMERCE"). A title broken
 * after "of"/"de", or at a hyphen, goes on to the next line.
 */
export function collectTitle(
  lines: StructureLine[],
  i: number,
  m: HeadingMatch,
  dehyphenator: Dehyphenator,
): HeadingTitle {
  const line = lines[i] as StructureLine;
  const text = line.text.trim();
  const headingLines = [m.runIn !== undefined ? text.slice(0, text.length - m.runIn.length).trim() : text];
  const refs: string[] = [];
  let title = m.rest || null;
  let j = i + 1;
  const titled = m.kind !== 'preamble' && m.kind !== 'signatures' && m.kind !== 'side-letter' && m.runIn === undefined;
  const wraps = title !== null && (line.width ?? 0) > 0.6;
  while (titled && j < lines.length && headingLines.length < 4) {
    const next = lines[j];
    if (!next || next.declared || next.body || next.table) break;
    const nextText = next.text.trim();
    if (!nextText) {
      j++;
      continue;
    }
    const unfinished = title !== null && (OPEN_END.test(title) || /\p{L}-$/u.test(title));
    if (matchHeading(nextText) || ENUMERATOR.test(nextText)) break;
    if (!unfinished) {
      if (!titleCandidate(next, nextText, line)) break;
      // Where faces are known, a title is set like its heading, not like the body.
      if (line.styled && next.font !== line.font && !next.styled) break;
      if (!line.styled && line.font !== undefined && !next.styled && (next.width ?? 0) > 0.85 && !next.centered) break;
      if (CLOSED_NEXT.test(nextText) && !(next.width && next.width > 0.6)) break;
      if (title === null) {
        if (next.gapBefore !== undefined && next.gapBefore > 4) break;
        if (next.gapBefore === undefined && nextText.split(/\s+/).length > 14) break;
      } else {
        // A title wraps within its block: a heading line running full width, or a title line of its own.
        const continues = next.gapBefore !== undefined && next.gapBefore < 1.45;
        if (!continues || (headingLines.length === 1 && !wraps)) break;
      }
    } else if (nextText.length > 160 || /[.;:]$/.test(nextText)) break;
    if (title === null) title = nextText;
    else if (/\p{L}-$/u.test(title)) title = dehyphenator.join(title, nextText);
    else title = `${title} ${nextText}`;
    headingLines.push(nextText);
    refs.push(...(next.refs ?? []));
    j++;
    if (next.gapBefore === undefined && !unfinished) break;
  }
  return { title, lines: headingLines, refs, next: j };
}

/**
 * Can this line be a heading's title? Title Case or CAPITALS anywhere; in sources without
 * geometry (text, DOCX) also a short sentence-case line with no closing punctuation
 * ("Droit de réglementer"), since there every body paragraph ends with one.
 */
function titleCandidate(next: StructureLine, text: string, heading: StructureLine): boolean {
  if (isTitleLike(text)) return true;
  if (heading.styled && next.font === heading.font && text.length < 160) return true;
  if (next.gapBefore === undefined || next.blockStart) {
    return /^[\p{Lu}“"«(]/u.test(text) && text.split(/\s+/).length <= 12 && !/[.;:,]$/.test(text);
  }
  return false;
}
