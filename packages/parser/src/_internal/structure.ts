import type { Footnote, PageSpan, Provision, ProvisionKind } from '../types.ts';
import { collectCandidates, type HeadingCandidate, selectHeadings } from './candidates.ts';
import { detectContents } from './contents.ts';
import { collectTitle } from './heading-title.ts';
import { ENUMERATOR, paragraphNumber, RANK, TERMINAL } from './headings.ts';
import { Dehyphenator } from './hyphenation.ts';
import type { SourceFootnote, StructureLine } from './source-line.ts';

export type { DeclaredHeading, StructureLine } from './source-line.ts';

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

const PREAMBLE_END =
  /(?:agreed? (?:as follows|upon the following)|decided as follows|(?:reached|adopted) the following (?:understandings?|arrangements?)|convenu(?:e|s|es)? (?:de )?ce qui suit|acordado lo siguiente|convienen en lo siguiente|acuerdan lo siguiente)\s*[:.]?$/iu;
const CONTAINERS = new Set<ProvisionKind>(['annex', 'appendix']);
const DIVISIONS = new Set<ProvisionKind>(['part', 'title', 'chapter']);

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
    // A preamble or a signature block ends at the next heading of any kind. A division (part,
    // title, chapter) ends an annex when it goes on with divisions from before the annex (RCEP's
    // Annex 3B, then Chapter 4); an appendix that reproduces "Chapter 2" of an agreement holds it.
    // A preamble opens a new instrument, so it ends an annex too (a stray "Annex 4" on a cover page).
    const continuesOutside = (container: Node) =>
      nodes.some((n) => n.kind === kind && n.start < container.start && n.parent === container.parent);
    const closes = (top: Node) =>
      RANK[top.kind] >= rank ||
      top.kind === 'preamble' ||
      top.kind === 'signatures' ||
      (CONTAINERS.has(top.kind) && (kind === 'preamble' || (DIVISIONS.has(kind) && continuesOutside(top))));
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
    // A line longer than the wrap width was never wrapped (a one-paragraph line in a partly wrapped file).
    if ((prev.width ?? 1) > 1.15 && TERMINAL.test(prevText)) return true;
    // Gazette columns: a centred line after justified text, or justified text after a centred line.
    if (line.centered !== prev.centered && TERMINAL.test(prevText)) return true;
    if ((line.size ?? 1) - (prev.size ?? 1) > 0.1 || (prev.size ?? 1) - (line.size ?? 1) > 0.1) return true;
    return false;
  };

  // The global decision: every heading candidate scored, contents pages set aside, numbering
  // sequences checked over the whole document; the tree is then built from what was chosen.
  const candidates = collectCandidates(lines);
  const contents = detectContents(lines, candidates);
  const headings = new Map<number, HeadingCandidate>(selectHeadings(candidates, contents).map((c) => [c.line, c]));

  let prev: StructureLine | undefined;
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

    if (contents.has(i)) {
      // A contents entry stays in the text as a line of its own and opens nothing.
      flushBlock();
      block = { text, page: line.page, refs: line.refs ?? [] };
      flushBlock();
      prev = line;
      continue;
    }

    const heading = headings.get(i);
    if (heading) {
      flushBlock();
      const m = heading.match;
      const collected = collectTitle(lines, i, m, dehyphenator);
      const kind = m.kind;
      const node = open(kind, m.number, kind === 'signatures' ? null : collected.title, line.sourceId);
      if (kind === 'signatures') {
        // The witness clause is the signature block's own text.
        node.textStart = node.start;
        block = { text, page: line.page, refs: line.refs ?? [] };
        prev = line;
        continue;
      }
      for (const h of collected.lines) write(h, line.page);
      node.refs.push(...(line.refs ?? []), ...collected.refs);
      node.textStart = length + 1;
      if (m.runIn !== undefined) {
        // The run-in sentence opens the provision's body.
        block = { text: m.runIn, page: line.page, refs: [] };
      }
      i = collected.next - 1;
      prev = lines[collected.next - 1] ?? line;
      continue;
    }

    if (block && !startsBlock(line, prev)) {
      const b = block as Block;
      b.text = /[\p{L}]-$/u.test(b.text) ? dehyphenator.join(b.text, text) : `${b.text} ${text}`;
      b.refs.push(...(line.refs ?? []));
    } else {
      flushBlock();
      // Text before any heading that reads like a preamble opens one implicitly.
      if (stack.length === 0 && nodes.length === 0 && looksLikePreambleStart(text)) {
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
