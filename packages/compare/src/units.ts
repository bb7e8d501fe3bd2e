import { type AgreementDocument, citation, type Provision, provisionBody } from '@ccm/parser';

/**
 * A unit of text the reuse measures compare: an article with all its paragraphs (what a reader
 * cites and what negotiators copy), or a provision outside any article that has text of its own
 * (a preamble, an annex's text, a chapter's opening words). Units never overlap.
 */
export interface ReuseUnit {
  /** null for a document the parser found no provisions in: its whole text is then one unit. */
  provisionId: string | null;
  /** "Article 12.4: Cultural Cooperation"; "Text" for the whole text. */
  citation: string;
  text: string;
}

export function reuseUnits(document: AgreementDocument): ReuseUnit[] {
  const byId = new Map(document.provisions.map((p) => [p.id, p]));
  const insideArticle = (p: Provision): boolean => {
    for (let q = p.parentId ? byId.get(p.parentId) : undefined; q; q = q.parentId ? byId.get(q.parentId) : undefined)
      if (q.kind === 'article') return true;
    return false;
  };
  const units: ReuseUnit[] = [];
  for (const p of document.provisions) {
    if (insideArticle(p)) continue;
    const text = p.kind === 'article' ? provisionBody(document, p) : p.text;
    if (text.trim() !== '') units.push({ provisionId: p.id, citation: citation(p), text });
  }
  if (document.provisions.length === 0 && document.text.trim() !== '')
    units.push({ provisionId: null, citation: 'Text', text: document.text });
  return units;
}
