import type { Footnote, PageSpan, Provision, ProvisionKind } from '../types.ts';
import {
  DOTTED_LEADER,
  type HeadingKind,
  type HeadingMatch,
  isTitleLike,
  isTocTitle,
  matchHeading,
  numberValue,
  paragraphNumber,
  RANK,
} from './headings.ts';
import { Dehyphenator } from './hyphenation.ts';
import type { SourceFootnote, SourceLine } from './source-line.ts';

/** A heading the source states outright (ToTA XML), bypassing recognition. */
export interface DeclaredHeading {
  kind: HeadingKind;
  number: string | null;
  heading: string | null;
  sourceId?: string;
}

/** A line as the structure stage sees it: a reader's line, optionally with a declared role. */
export interface StructureLine extends SourceLine {
  declared?: DeclaredHeading;
  /** Never a heading: body text whose structure the source already gave. */
  body?: boolean;
  /** Source id inherited by provisions opened inside (ToTA article ids for paragraphs). */
  sourceId?: string;
}

export interface StructureResult {
  text: string;
  pages: PageSpan[];
  provisions: Provision[];
  footnotes: Footnote[];
}

interface Node {
  kind: ProvisionKind;
  number: string | null;
  heading: string | null;
  sourceId?: string;
  parent: Node | null;
  start: number;
  textStart: number;
  end: number;
  firstChildStart: number | null;
  refs: string[];
  id: string;
  nextParagraph: number;
}

const TERMINAL = /[.;:!?)\]"”’»]$/u;
const ENUMERATOR = /^(?:\(?[a-z]{1,3}\)|\(?\d{1,3}[.)]|\(?[ivxl]{1,6}\)|[-•–·]|\d{1,3}\.\d{1,3}\.?)\s/u;
const PREAMBLE_END =
  /(?:agreed? (?:as follows|upon the following)|decided as follows|(?:reached|adopted) the following (?:understandings?|arrangements?)|convenu(?:es)? de ce qui suit|acordado lo siguiente|convienen en lo siguiente)\s*[:.]?$/iu;
const CONTAINERS = new Set<ProvisionKind>(['annex', 'appendix']);

/** Pieces of one line in the output, kept for page mapping. */
interface Emitted {
  page: number;
  start: number;
  end: number;
}

/**
 * The format-neutral half of the parser: recognises headings among the lines, opens and closes
 * provisions by rank, gathers lines into blocks (joining broken words), and numbers paragraphs.
 */
export function buildStructure(lines: StructureLine[], sourceFootnotes: SourceFootnote[]): StructureResult {
  const dehyphenator = new Dehyphenator(lines.map((l) => l.text));
  const parts: string[] = [];
  let length = 0;
  const emitted: Emitted[] = [];
  const nodes: Node[] = [];
  const stack: Node[] = [];
  const ids = new Set<string>();
  const kindCount = new Map<ProvisionKind, number>();

  const write = (text: string, page: number) => {
    if (length > 0) {
      parts.push('\n');
      length += 1;
    }
    emitted.push({ page, start: length, end: length + text.length });
    parts.push(text);
    length += text.length;
  };

  const close = (node: Node) => {
    node.end = length;
  };

  const open = (kind: ProvisionKind, number: string | null, heading: string | null, sourceId?: string): Node => {
    const rank = RANK[kind];
    // A preamble or a signature block ends at the next heading of any kind; an agreement-level
    // division (chapter, part, title) also ends an annex it follows (RCEP's Annex 3B, then Chapter 4).
    const closes = (top: Node) =>
      RANK[top.kind] >= rank ||
      top.kind === 'preamble' ||
      top.kind === 'signatures' ||
      (CONTAINERS.has(top.kind) && (kind === 'chapter' || kind === 'part' || kind === 'title'));
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top || !closes(top)) break;
      stack.pop();
      close(top);
    }
    const parent = stack[stack.length - 1] ?? null;
    const ordinal = (kindCount.get(kind) ?? 0) + 1;
    kindCount.set(kind, ordinal);
    const base = `${kind}-${(number ?? String(ordinal)).replace(/\s+/g, '')}`;
    let id = parent ? `${parent.id}/${base}` : base;
    if (ids.has(id)) {
      let k = 2;
      while (ids.has(`${id}~${k}`)) k++;
      id = `${id}~${k}`;
    }
    ids.add(id);
    const start = length + (length > 0 ? 1 : 0);
    if (parent && parent.firstChildStart === null) parent.firstChildStart = start;
    const node: Node = {
      kind,
      number,
      heading,
      sourceId: sourceId ?? (kind === 'paragraph' ? parent?.sourceId : undefined),
      parent,
      start,
      textStart: start,
      end: start,
      firstChildStart: null,
      refs: [],
      id,
      nextParagraph: 1,
    };
    nodes.push(node);
    stack.push(node);
    return node;
  };

  const innermost = (kind: ProvisionKind) => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.kind === kind) return stack[i];
    return undefined;
  };
  const insideContainer = () => stack.some((n) => CONTAINERS.has(n.kind));
  const lastNumber = new Map<HeadingKind, number>();
  const seenArticles = new Set<string>();

  const topLevel: { nextParagraph: number; kind: 'document' } = { nextParagraph: 1, kind: 'document' };

  // Block assembly.
  interface Block {
    text: string;
    page: number;
    refs: string[];
  }
  let block: Block | null = null;
  const flushBlock = () => {
    if (!block) return;
    const b = block;
    block = null;
    const current = stack[stack.length - 1];
    const article =
      current && (current.kind === 'article' || current.kind === 'paragraph') ? innermost('article') : undefined;
    // Paragraphs number within their article, or within the document when it has no articles (an arrangement).
    const owner = article ?? (current?.kind === 'paragraph' ? undefined : current) ?? topLevel;
    const n = paragraphNumber(b.text);
    if (n !== null && n === owner.nextParagraph && owner.kind !== 'preamble' && owner.kind !== 'signatures') {
      owner.nextParagraph = n + 1;
      const p = open('paragraph', String(n), null);
      p.textStart = p.start;
    }
    const target = stack[stack.length - 1];
    if (target) target.refs.push(...b.refs);
    write(b.text, b.page);
    // "HAVE AGREED AS FOLLOWS:" closes the preamble; what follows is operative text.
    if (current?.kind === 'preamble' && stack[stack.length - 1] === current && PREAMBLE_END.test(b.text)) {
      stack.pop();
      close(current);
    }
  };

  const startsBlock = (line: StructureLine, prev: StructureLine | undefined): boolean => {
    if (!prev || line.blockStart || line.declared || prev.declared) return true;
    if (line.table || prev.table) return true;
    if (line.gapBefore === undefined) return true;
    if (line.gapBefore >= 1.45) return true;
    const prevText = prev.text.trimEnd();
    if (line.page !== prev.page || line.gapBefore === Number.POSITIVE_INFINITY) return TERMINAL.test(prevText);
    if (ENUMERATOR.test(line.text) && /[.;:]$|\b(?:and|or|et|ou|y|o)$/u.test(prevText)) return true;
    if ((prev.width ?? 1) < 0.75 && TERMINAL.test(prevText)) return true;
    if ((line.size ?? 1) - (prev.size ?? 1) > 0.1 || (prev.size ?? 1) - (line.size ?? 1) > 0.1) return true;
    return false;
  };

  /** Can a recognised heading stand here, or is it a reference that happens to open a line? */
  const headingAllowed = (m: HeadingMatch, line: StructureLine, prev: StructureLine | undefined): boolean => {
    if (line.body || line.table) return false;
    if ((line.size ?? 1) < 0.95) return false;
    if (!startsBlock(line, prev) && prev && !prev.declared) return false;
    if (
      m.kind === 'article' &&
      m.number &&
      insideContainer() &&
      /[.\-–]/.test(m.number) &&
      seenArticles.has(m.number)
    ) {
      // "Article 4.11" in an annex's table cites the agreement's own article; it opens nothing.
      return false;
    }
    if (m.kind === 'chapter' || m.kind === 'part' || m.kind === 'title') {
      if (insideContainer()) {
        // Inside an annex, "Chapter 26" is a Harmonized System chapter unless it continues the agreement's own sequence.
        const value = m.number ? numberValue(m.number) : null;
        const expected = (lastNumber.get(m.kind) ?? 0) + 1;
        if (value !== expected) return false;
        if (!(line.centered || (line.gapBefore ?? 2) >= 1.45 || m.number === m.number?.toUpperCase())) return false;
      }
    }
    return true;
  };

  let prev: StructureLine | undefined;
  let tocMode = false;
  let tocKey: string | null = null;
  let tocProse = 0;
  const keyOf = (m: HeadingMatch) => `${m.kind}:${(m.number ?? m.rest).toLowerCase()}`;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const text = line.text.trim();
    if (!text) continue;

    if (line.declared) {
      flushBlock();
      const d = line.declared;
      const node = open(d.kind, d.number, d.heading, d.sourceId);
      write(text, line.page);
      node.textStart = length + 1;
      prev = line;
      continue;
    }

    if (!line.body && isTocTitle(text)) {
      tocMode = true;
      tocKey = null;
      tocProse = 0;
    }
    if (DOTTED_LEADER.test(text) && !line.body) {
      // A contents entry: keep it as text, never as a heading; it also tells which heading ends the contents.
      const entry = matchHeading(text.replace(DOTTED_LEADER, '').trim());
      if (entry) {
        tocMode = true;
        tocKey ??= keyOf(entry);
      }
      flushBlock();
      block = { text, page: line.page, refs: line.refs ?? [] };
      flushBlock();
      prev = line;
      continue;
    }

    const m = line.body ? null : matchHeading(text);
    if (tocMode && !m) {
      // Running prose ends the contents even when the first heading never comes back.
      tocProse = (line.width ?? 1) > 0.7 || /[.;,]$/.test(text) ? tocProse + 1 : 0;
      if (tocProse >= 3) tocMode = false;
    }
    if (m && tocMode) {
      const key = keyOf(m);
      if (tocKey === null) tocKey = key;
      else if (key === tocKey) tocMode = false;
    }
    if (m && !tocMode && headingAllowed(m, line, prev)) {
      flushBlock();
      const headingLines = [text];
      const titleRefs: string[] = [];
      let title = m.rest || null;
      // The title may sit on the next line(s): "CHAPTER 12" / "ELECTRONIC COMMERCE".
      let j = i + 1;
      const titled = m.kind !== 'preamble' && m.kind !== 'signatures' && m.kind !== 'side-letter';
      const wraps = title !== null && (line.width ?? 0) > 0.6;
      while (titled && j < lines.length && headingLines.length < 4) {
        const next = lines[j];
        if (!next || next.declared || next.body || next.table) break;
        const nextText = next.text.trim();
        if (matchHeading(nextText) || ENUMERATOR.test(nextText) || !titleCandidate(next, nextText, line)) break;
        // Where faces are known, a title is set like its heading, not like the body.
        if (line.styled && next.font !== line.font && !next.styled) break;
        if (!line.styled && line.font !== undefined && !next.styled && (next.width ?? 0) > 0.85 && !next.centered)
          break;
        if (
          /\b(?:and|or|the|of|to|in|for|with|by|de|la|le|et|y|del|des)$/.test(nextText) &&
          !(next.width && next.width > 0.6)
        )
          break;
        if (title === null) {
          if (next.gapBefore !== undefined && next.gapBefore > 4) break;
          if (next.gapBefore === undefined && nextText.split(/\s+/).length > 14) break;
        } else {
          // A title wraps within its block: a heading line running full width, or a title line of its own.
          const continues = next.gapBefore !== undefined && next.gapBefore < 1.45;
          if (!continues || (headingLines.length === 1 && !wraps)) break;
        }
        // A following line must itself end the block or continue a wrapped title.
        title = title ? `${title} ${nextText}` : nextText;
        headingLines.push(nextText);
        titleRefs.push(...(next.refs ?? []));
        j++;
        if (next.gapBefore === undefined) break;
      }
      const kind = m.kind;
      if (kind === 'article' && m.number) seenArticles.add(m.number);
      if (m.number) {
        const v = numberValue(m.number);
        if (v !== null) lastNumber.set(kind, v);
      }
      const node = open(kind, m.number, kind === 'signatures' ? null : title, line.sourceId);
      if (kind === 'signatures') {
        // The witness clause is the signature block's own text.
        node.textStart = node.start;
        block = { text, page: line.page, refs: line.refs ?? [] };
        i = j - 1;
        prev = line;
        continue;
      }
      for (const h of headingLines) write(h, line.page);
      node.refs.push(...(line.refs ?? []), ...titleRefs);
      node.textStart = length + 1;
      i = j - 1;
      prev = lines[j - 1] ?? line;
      continue;
    }

    if (block && !startsBlock(line, prev)) {
      const b = block as Block;
      b.text = /[\p{L}]-$/u.test(b.text) ? dehyphenator.join(b.text, text) : `${b.text} ${text}`;
      b.refs.push(...(line.refs ?? []));
    } else {
      flushBlock();
      // Text before any heading that reads like a preamble opens one implicitly.
      if (stack.length === 0 && nodes.length === 0 && !tocMode && looksLikePreambleStart(text)) {
        const node = open('preamble', null, null);
        node.textStart = node.start;
      }
      block = { text, page: line.page, refs: [...(line.refs ?? [])] };
    }
    prev = line;
  }
  flushBlock();
  while (stack.length > 0) {
    const top = stack.pop();
    if (top) close(top);
  }

  const text = parts.join('');
  const pages = pageSpans(emitted);
  const pageAt = pageLookup(emitted);
  const provisions: Provision[] = nodes.map((n) => {
    // A heading followed at once by another heading, or by the end, has empty text at its end.
    const textStart = Math.min(n.textStart, n.end);
    const ownEnd = Math.max(textStart, n.firstChildStart !== null ? n.firstChildStart - 1 : n.end);
    const own = text.slice(textStart, ownEnd);
    const provision: Provision = {
      id: n.id,
      kind: n.kind,
      number: n.number,
      heading: n.heading,
      text: own,
      parentId: n.parent?.id ?? null,
      pageStart: pageAt(n.start),
      pageEnd: pageAt(Math.max(n.start, n.end - 1)),
      start: n.start,
      end: n.end,
      textStart,
      footnoteIds: [],
    };
    if (n.sourceId !== undefined) provision.sourceId = n.sourceId;
    return provision;
  });
  const footnotes = attachFootnotes(sourceFootnotes, nodes, provisions);
  return { text, pages, provisions, footnotes };
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

function looksLikePreambleStart(text: string): boolean {
  return /^(?:The (?:Parties|Governments?|Republic|Kingdom|State|Member)|Les? (?:Parties|Gouvernements?)|Las? (?:Partes|Gobiernos?)|Los (?:Gobiernos|Estados)|RECOGNI[SZ]ING|RECALLING|DESIRING|CONSIDERING|CONSCIOUS|REAFFIRMING|Recognizing|Recognising)/u.test(
    text,
  );
}

function pageSpans(emitted: Emitted[]): PageSpan[] {
  const spans: PageSpan[] = [];
  for (const e of emitted) {
    const last = spans[spans.length - 1];
    if (last && last.page === e.page) last.end = e.end;
    else spans.push({ page: e.page, start: e.start, end: e.end });
  }
  return spans;
}

function pageLookup(emitted: Emitted[]): (offset: number) => number {
  const starts = emitted.map((e) => e.start);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return emitted[lo]?.page ?? 1;
  };
}

/** Attaches each footnote to the deepest provision that calls its marker on or before its page. */
function attachFootnotes(sourceFootnotes: SourceFootnote[], nodes: Node[], provisions: Provision[]): Footnote[] {
  const footnotes: Footnote[] = [];
  const byMarker = new Map<string, { node: number }[]>();
  nodes.forEach((n, index) => {
    for (const ref of n.refs) {
      if (!byMarker.has(ref)) byMarker.set(ref, []);
      byMarker.get(ref)?.push({ node: index });
    }
  });
  const used = new Map<string, number>();
  sourceFootnotes.forEach((f, k) => {
    const id = `fn-${k + 1}`;
    const calls = byMarker.get(f.marker) ?? [];
    // Markers restart on some documents; take the first unused call on or before the footnote's page.
    const u = used.get(f.marker) ?? 0;
    let provisionId: string | null = null;
    for (let c = u; c < calls.length; c++) {
      const call = calls[c];
      const p = call ? provisions[call.node] : undefined;
      if (p && p.pageStart <= f.page) {
        provisionId = p.id;
        used.set(f.marker, c + 1);
        p.footnoteIds.push(id);
        break;
      }
    }
    footnotes.push({ id, marker: f.marker, text: f.text, page: f.page, provisionId });
  });
  return footnotes;
}
