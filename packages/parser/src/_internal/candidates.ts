import {
  type HeadingKind,
  type HeadingMatch,
  isTitleLike,
  matchHeading,
  numberValue,
  RANK,
  TERMINAL,
} from './headings.ts';
import type { StructureLine } from './source-line.ts';

/**
 * A line that reads like a heading, with the evidence for and against it. Headings are decided
 * for the whole document at once (see {@link selectHeadings}), so one misread line stays local.
 */
export interface HeadingCandidate {
  /** Index of the line in the structure stage's input. */
  line: number;
  match: HeadingMatch;
  /** Sum of the local evidence: wording, where the line stands, how it is set. */
  score: number;
  /** The number as a sequence ("12.3" → [12, 3]), or null when it has no place in one ("Section A"). */
  sequence: number[] | null;
  /** An inserted number ("3bis", "3A"): it may repeat the value before it. */
  inserted: boolean;
}

/** Above this a candidate is a heading unless its numbering says it is a ghost. */
export const STRONG = 2.5;
/** Below this a candidate is never a heading; between the two, only where its numbering fits. */
export const WEAK = 1;
/** Kinds without a numbering sequence (sections, annexes, preambles) need this much local evidence. */
const LOCAL = 2;

/** A line ending on one of these words stops mid-sentence: "… is set out in" / "Appendix 2 …". */
const OPEN_END =
  /\b(?:in|of|the|to|and|or|by|with|under|pursuant|a|an|at|on|for|from|de|du|des|la|le|les|et|ou|en|y|o|del|el|los|las|al|por|para|con)$/iu;

/** Every line that reads like a heading, scored; lines the source declares or marks as body are not candidates. */
export function collectCandidates(lines: StructureLine[]): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  let prev: StructureLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line?.text.trim()) continue;
    let match = line.declared || line.body || line.table ? null : matchHeading(line.text);
    const rest = match?.rest ?? '';
    if (match && rest.split(/\s+/).length >= 6 && !isTitleLike(rest) && continuesInLowerCase(line, lines[i + 1])) {
      // "Article 1. - The Parties hereby establish … in accordance" / "with Article XXIV …": a sentence runs on.
      match = { ...match, rest: '', runIn: rest };
    }
    if (match && (line.size ?? 1) >= 0.95) {
      const { sequence, inserted } = sequenceOf(match.number);
      out.push({ line: i, match, score: localScore(match, line, prev), sequence, inserted });
    }
    prev = line;
  }
  return out;
}

/** Does the line's text run on into the next line of the same block, as a sentence does and a title does not? */
function continuesInLowerCase(line: StructureLine, next: StructureLine | undefined): boolean {
  if (!next || next.blockStart || next.declared || next.gapBefore === undefined || next.gapBefore >= 1.45) return false;
  if (next.page !== line.page || /[.;:!?]$/.test(line.text.trim())) return false;
  return /^\p{Ll}/u.test(next.text.trim());
}

/** How strongly the line's wording, position and setting say "heading". */
function localScore(m: HeadingMatch, line: StructureLine, prev: StructureLine | undefined): number {
  const keyword = line.text.trim().split(/\s+/)[0] ?? '';
  let score = keyword === keyword.toUpperCase() ? 1 : 0.5;
  if (m.runIn !== undefined) score -= 0.5;
  else if (!m.rest || m.kind === 'signatures' || m.kind === 'side-letter') score += 1;
  else if (isTitleLike(m.rest)) score += 0.5;
  // "Appendix 2 Section A of this Protocol.": what follows the number reads as running text.
  else if (/[.;,]$/.test(m.rest)) score -= 1;
  score += boundary(line, prev);
  if (line.styled) score += 0.5;
  if (line.centered) score += 0.75;
  if ((line.size ?? 1) > 1.05) score += 0.5;
  return score;
}

/**
 * Does a block start here? A heading stands after a blank, a short or finished line, or a
 * change of size; a line that continues a running sentence (a cross-reference wrapped to the
 * top of a page or column) does not.
 */
function boundary(line: StructureLine, prev: StructureLine | undefined): number {
  if (!prev || prev.declared || line.blockStart || line.gapBefore === undefined) return 1.5;
  const prevText = prev.text.trimEnd();
  if (OPEN_END.test(prevText)) return -3;
  const terminal = TERMINAL.test(prevText);
  const short = (prev.width ?? 1) < 0.75;
  if (line.page !== prev.page || line.gapBefore === Number.POSITIVE_INFINITY) return terminal || short ? 1 : -2;
  // A line longer than the wrap width was never wrapped: when it ends a sentence, it ends its paragraph.
  if ((prev.width ?? 1) > 1.15 && terminal) return 1.5;
  let b: number;
  // "… is set out in Appendix 2" / "Section B.": a line that ends the sentence the previous line left open.
  if (!terminal && !line.centered && line.gapBefore < 1.45 && /[.;,]$/.test(line.text.trim())) return -2;
  if (line.gapBefore >= 1.45) b = 1.5;
  else if (terminal && short) b = 1.5;
  // A short line, or a title line however wide ("CHAPITRE PREMIER. - DU STATUT DE L'UNION"), ends its block.
  else if (short || isTitleLike(prevText)) b = 1;
  else if (terminal) b = 0.5;
  else b = -3;
  // Tight gazette columns: a centred heading after justified text, or a change of size, starts a block.
  if ((line.centered && !prev.centered) || Math.abs((line.size ?? 1) - (prev.size ?? 1)) > 0.1) b = Math.max(b, 1);
  return b;
}

function sequenceOf(number: string | null): { sequence: number[] | null; inserted: boolean } {
  if (!number) return { sequence: null, inserted: false };
  const parts = number.split(/\s?[.\-–]\s?/).filter(Boolean);
  const values: number[] = [];
  let inserted = false;
  for (const part of parts) {
    // "3bis", "3 bis", "3A": an inserted unit numbered after the one before it.
    const m = /^(\d+)\s?(?:[A-Z]|bis|ter|quater|quinquies|sexies|septies|octies)$/i.exec(part);
    if (m) {
      values.push(Number(m[1]));
      inserted = true;
      continue;
    }
    if (/^[A-Z]{1,2}$/.test(part) && !/^[IVXLC]+$/.test(part)) return { sequence: null, inserted: false };
    const v = numberValue(part);
    if (v === null) return { sequence: null, inserted: false };
    values.push(v);
  }
  return { sequence: values.length ? values : null, inserted };
}

/** Does `b` come right after `a`: 3 → 4, 12.3 → 12.4, 12.17 → 13.1, 3 → 3bis? */
export function follows(a: HeadingCandidate, b: HeadingCandidate): boolean {
  const x = a.sequence;
  const y = b.sequence;
  if (!x || !y || x.length !== y.length) return false;
  const n = x.length;
  for (let k = 0; k < n - 1; k++) if (x[k] !== y[k]) return n >= 2 && nextPrefix(x, y);
  const last = (y[n - 1] ?? 0) - (x[n - 1] ?? 0);
  return last === 1 || (last === 0 && b.inserted) || (last === 1 && a.inserted);
}

/** 12.17 → 13.1: the prefix moves on by one and the last part starts again. */
function nextPrefix(x: number[], y: number[]): boolean {
  const n = x.length;
  if (y[n - 1] !== 1) return false;
  for (let k = 0; k < n - 2; k++) if (x[k] !== y[k]) return false;
  return (y[n - 2] ?? 0) === (x[n - 2] ?? 0) + 1;
}

/** A number that can open a sequence: 1, 12.1, "premier". */
function opensSequence(c: HeadingCandidate): boolean {
  const s = c.sequence;
  return s !== null && s[s.length - 1] === 1;
}

/** Kinds whose numbering is checked as a sequence; the others are decided on local evidence. */
const SEQUENCED: HeadingKind[] = ['part', 'title', 'chapter', 'article'];
/** Headings after which a kind may number from 1 again. */
const RESTARTS: Record<string, HeadingKind[]> = {
  part: ['protocol', 'side-letter', 'preamble'],
  title: ['protocol', 'side-letter', 'preamble', 'part'],
  chapter: ['protocol', 'side-letter', 'preamble', 'part', 'title'],
  article: ['protocol', 'side-letter', 'preamble', 'annex', 'appendix', 'part', 'title', 'chapter', 'section'],
};
/** How many strong candidates ahead are searched for the sequence's continuation. */
const WINDOW = 3;

/**
 * Chooses the headings among the candidates, for the whole document at once. Kinds are decided
 * from the highest rank down. A numbered candidate is kept when it continues its kind's
 * sequence, opens it again after a higher division, or when nothing ahead continues the
 * sequence instead (a gap in the numbering); it is a ghost when a strong candidate a little
 * further on continues the sequence it breaks (a contents entry, a cross-reference at the top
 * of a page). A ghost is dropped and leaves the sequence as it was.
 */
export function selectHeadings(candidates: HeadingCandidate[], excluded: Set<number>): HeadingCandidate[] {
  const eligible = candidates.filter((c) => !excluded.has(c.line) && c.score >= WEAK);
  const accepted = new Set<HeadingCandidate>();
  for (const c of eligible) if (!SEQUENCED.includes(c.match.kind) && c.score >= LOCAL) accepted.add(c);

  const kinds = [...SEQUENCED].sort((a, b) => RANK[a] - RANK[b]);
  for (const kind of kinds) {
    const own = eligible.filter((c) => c.match.kind === kind);
    const restartAfter = new Set(RESTARTS[kind] ?? []);
    const boundaries = [...accepted].filter((c) => restartAfter.has(c.match.kind)).map((c) => c.line);
    const boundaryBetween = (from: number, to: number) => boundaries.some((b) => b > from && b < to);
    let last: HeadingCandidate | null = null;
    for (let i = 0; i < own.length; i++) {
      const c = own[i] as HeadingCandidate;
      // What comes next: strong candidates to tell a ghost, any candidate to confirm a continuation.
      const ahead: HeadingCandidate[] = [];
      for (let j = i + 1; j < own.length && ahead.length < WINDOW; j++) {
        const d = own[j] as HeadingCandidate;
        if (d.score >= STRONG) ahead.push(d);
      }
      const next = own.slice(i + 1, i + 1 + WINDOW);
      if (keep(c, last, ahead, next, boundaryBetween)) {
        accepted.add(c);
        last = c;
      }
    }
  }
  return candidates.filter((c) => accepted.has(c));
}

/** Where `b` stands after `a` in numbering order: negative before, 0 level, positive after (by how much). */
function distance(a: HeadingCandidate, b: HeadingCandidate): number | null {
  const x = a.sequence;
  const y = b.sequence;
  if (!x || !y || x.length !== y.length) return null;
  for (let k = 0; k < x.length; k++) {
    const d = (y[k] ?? 0) - (x[k] ?? 0);
    if (d !== 0) return k === x.length - 1 ? d : Math.sign(d) * 1000;
  }
  return 0;
}

/** The largest jump in numbering taken on local evidence alone (a deleted article, a missed heading). */
const MAX_GAP = 3;

function keep(
  c: HeadingCandidate,
  last: HeadingCandidate | null,
  ahead: HeadingCandidate[],
  next: HeadingCandidate[],
  boundaryBetween: (from: number, to: number) => boolean,
): boolean {
  const strong = c.score >= STRONG;
  if (!c.sequence) return strong;
  const continuesAhead = next.some((d) => follows(c, d));
  if (!last) {
    // Opening at 1 and rising by small steps just after (1, then 3: Article 2 was missed) is a sequence too.
    const risesAhead = next.some((d) => {
      const step = distance(c, d);
      return step !== null && step > 0 && step <= MAX_GAP + 1;
    });
    if (opensSequence(c)) return strong || continuesAhead || risesAhead;
    // The first of its kind opens its sequence, at 1 or further on in an extract ("CHAPTER 7" alone),
    // unless a sequence opens just after it below it (a ghost "Chapter 18" before the real CHAPTER 1;
    // not Article 2.1 after a first Article 1.2).
    const opensBelow = ahead.some((d) => opensSequence(d) && (distance(d, c) ?? 0) > 0);
    return (strong || continuesAhead) && !opensBelow;
  }
  if (follows(last, c)) return true;
  if (opensSequence(c) && (boundaryBetween(last.line, c.line) || !ahead.some((d) => follows(last, d)))) {
    return strong || continuesAhead;
  }
  // A ghost when the sequence it breaks goes on a little further, or when it goes back.
  if (ahead.some((d) => follows(last, d))) return false;
  const gap = distance(last, c);
  if (gap === null || gap <= 0) return false;
  // A gap in the numbering: taken on strong evidence, or when what follows goes on from here.
  return continuesAhead || (strong && gap <= MAX_GAP + 1);
}
