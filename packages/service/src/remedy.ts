import type { CheckId, Scorecard, TagId } from '@ccm/classifier';
import { type ModelClause, PAGED_FORMATS, type ReportedCheck, type SourceFormat } from '@ccm/contracts';
import type { TagRow } from '@ccm/store';

/** What makes each check pass (taxonomy.md, "Agreement-level scorecard"), and what to write to get there. */
const PASSING: Record<CheckId, { tags: TagId[]; bodyOnly?: boolean; remedy: string }> = {
  '18-preferential-treatment': {
    tags: ['culture.preferential_treatment'],
    remedy:
      'Add preferential treatment for cultural goods, services or artists of developing countries (Convention Article 16): market access for their works or co-productions, entry and stay of their artists.',
  },
  '19.1-cultural-instruments': {
    tags: ['cdce.reference', 'culture.instrument'],
    bodyOnly: true,
    remedy:
      'Cite the 2005 Convention or another international cultural instrument in the operative text, not only in the preamble.',
  },
  '19.4-cultural-clause': {
    tags: ['culture.exemption', 'culture.audiovisual_exclusion', 'culture.policy_space'],
    remedy:
      'Add a cultural clause: an exemption for cultural industries or measures, an audiovisual exclusion, or cultural policy space.',
  },
  '19.4-ecommerce-cultural-specificity': {
    tags: ['ecommerce.cultural_specificity'],
    remedy:
      'Carve cultural and audiovisual content out of the e-commerce provisions, or add a cultural exemption covering the whole agreement.',
  },
  '19.5-convention-reference': {
    tags: ['cdce.reference'],
    remedy: 'Name the 2005 Convention on the Protection and Promotion of the Diversity of Cultural Expressions.',
  },
  'art21-convention-principles': {
    tags: ['cdce.principles', 'cdce.reference'],
    remedy:
      'Invoke the Convention or its principles: cultural diversity, the right to cultural policies, the dual nature of cultural goods and services.',
  },
  '19.5-policy-space': {
    tags: ['culture.policy_space', 'culture.exemption'],
    remedy:
      'Preserve the right to regulate for culture (cultural diversity among the legitimate policy objectives) or exempt culture.',
  },
};

const STRENGTH_ORDER: Record<string, number> = { binding: 0, soft: 1, preambular: 2 };

/**
 * The strongest stored clause that passes `check`: the check's first-named kind of clause first
 * (an exemption before policy space for 19.4), binding before soft before preambular, then the
 * most confident, then the longest evidence (a fuller quote). Null when none is stored.
 */
export function strongestClause(check: CheckId, rows: TagRow[]): TagRow | null {
  const want = PASSING[check];
  let best: TagRow | null = null;
  const key = (r: TagRow) => [
    want.tags.indexOf(r.tag),
    STRENGTH_ORDER[r.strength] ?? 3,
    -r.confidence,
    -r.evidence.length,
  ];
  for (const row of rows) {
    if (!want.tags.includes(row.tag as TagId)) continue;
    if (want.bodyOnly && row.kind === 'preamble') continue;
    if (!row.evidence) continue;
    if (!best) best = row;
    else {
      const [a, b] = [key(row), key(best)];
      for (let i = 0; i < a.length; i++) {
        if ((a[i] ?? 0) !== (b[i] ?? 0)) {
          if ((a[i] ?? 0) < (b[i] ?? 0)) best = row;
          break;
        }
      }
    }
  }
  return best;
}

/** "Article 12.4" or "Article 12.4, p. 312": a page only where the source has pages. */
export function citeRow(
  row: { article: string | null; kind: string; number: string | null; pageStart: number | null },
  format: SourceFormat | string,
): string {
  const unit = row.article
    ? `Article ${row.article}${row.kind === 'paragraph' && row.number ? `, paragraph ${row.number}` : ''}`
    : [row.kind.charAt(0).toUpperCase() + row.kind.slice(1), row.number].filter(Boolean).join(' ');
  return hasPages(format) && row.pageStart !== null ? `${unit}, p. ${row.pageStart}` : unit;
}

/** A search hit's citation: search already leaves `pageStart` null where the source has no pages (only PDFs have). */
export const citeHit = (hit: Parameters<typeof citeRow>[0]): string =>
  citeRow(hit, hit.pageStart === null ? '' : 'pdf');

export const hasPages = (format: SourceFormat | string): boolean =>
  (PAGED_FORMATS as readonly string[]).includes(format);

/**
 * The scorecard's checks as reported: a failure says what would make it pass and, given the
 * stored corpus's strongest clause for it (`models`), quotes it. Passing and not-applicable
 * checks carry neither.
 */
export function reportChecks(card: Scorecard, models: Map<CheckId, ModelClause | null> = new Map()): ReportedCheck[] {
  return card.checks.map((check) =>
    check.status === 'fail'
      ? { ...check, remedy: PASSING[check.id].remedy, modelClause: models.get(check.id) ?? null }
      : { ...check, remedy: null, modelClause: null },
  );
}
