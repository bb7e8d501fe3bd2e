import type { AgreementDocument, Provision } from './types.ts';

const LABEL: Record<Provision['kind'], string> = {
  preamble: 'Preamble',
  part: 'Part',
  title: 'Title',
  chapter: 'Chapter',
  section: 'Section',
  subsection: 'Sub-section',
  article: 'Article',
  paragraph: 'Paragraph',
  annex: 'Annex',
  appendix: 'Appendix',
  protocol: 'Protocol',
  'side-letter': 'Side letter',
  signatures: 'Signatures',
};

/** "Article 12.1: Definitions" — how a person cites the provision. */
export function citation(provision: Provision): string {
  const head = [LABEL[provision.kind], provision.number].filter(Boolean).join(' ');
  return provision.heading ? `${head}: ${provision.heading}` : head;
}

function pages(p: Provision): string {
  return p.pageStart === p.pageEnd ? `p. ${p.pageStart}` : `pp. ${p.pageStart}–${p.pageEnd}`;
}

function depthOf(document: AgreementDocument): Map<string, number> {
  const depth = new Map<string, number>();
  for (const p of document.provisions) depth.set(p.id, p.parentId ? (depth.get(p.parentId) ?? 0) + 1 : 0);
  return depth;
}

/** The document as Markdown: one heading per provision (paragraphs as numbered text), footnotes at the end. */
export function toMarkdown(document: AgreementDocument): string {
  const depth = depthOf(document);
  const out: string[] = [`# ${document.title}`, ''];
  out.push(
    `*${document.source.format.toUpperCase()}, ${document.pageCount} page(s), language ${document.language}, ${document.provisions.length} provisions*`,
    '',
  );
  for (const p of document.provisions) {
    if (p.kind === 'paragraph') {
      out.push(p.text, '');
      continue;
    }
    const level = Math.min(6, (depth.get(p.id) ?? 0) + 2);
    out.push(`${'#'.repeat(level)} ${citation(p)} <small>(${pages(p)})</small>`, '');
    if (p.text) out.push(p.text.replace(/\n/g, '\n\n'), '');
    for (const id of p.footnoteIds) {
      const f = document.footnotes.find((n) => n.id === id);
      if (f) out.push(`> Footnote ${f.marker}: ${f.text}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** An indented outline: one line per provision with its pages, for reading in a terminal. */
export function toOutline(document: AgreementDocument): string {
  const depth = depthOf(document);
  const lines = [`${document.title} — ${document.pageCount} page(s), ${document.language}`];
  for (const p of document.provisions) {
    if (p.kind === 'paragraph') continue;
    lines.push(`${'  '.repeat((depth.get(p.id) ?? 0) + 1)}${citation(p)}  [${pages(p)}]`);
  }
  return `${lines.join('\n')}\n`;
}
