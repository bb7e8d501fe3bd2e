import type { AgreementDocument, Provision } from './types.ts';

/** The whole text of a provision after its heading, descendants included (an article with all its paragraphs). */
export function provisionBody(document: AgreementDocument, provision: Provision): string {
  return document.text.slice(provision.textStart, provision.end);
}

/** The chain of provisions from the top of the tree down to `provision` (for citations: "Chapter 12, Article 12.4"). */
export function provisionPath(document: AgreementDocument, provision: Provision): Provision[] {
  const byId = new Map(document.provisions.map((p) => [p.id, p]));
  const path: Provision[] = [];
  for (let p: Provision | undefined = provision; p; p = p.parentId ? byId.get(p.parentId) : undefined) path.unshift(p);
  return path;
}
