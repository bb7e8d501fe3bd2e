import type { CheckId } from '@ccm/classifier';
import { CcmError, CheckIdSchema, type ModelClauses, pageSize, parseInput, TagIdSchema } from '@ccm/contracts';
import type { TagRow } from '@ccm/store';
import { z } from 'zod';
import { citeRow, strongestClause } from './remedy.ts';
import type { Service } from './service.ts';

export const ClausesQuerySchema = z
  .object({
    tag: TagIdSchema.optional(),
    check: CheckIdSchema.optional(),
    limit: pageSize(50, 10),
  })
  .refine((q) => Boolean(q.tag) !== Boolean(q.check), { message: 'give exactly one of tag= or check=', path: ['tag'] });

const STRENGTH: Record<string, number> = { binding: 0, soft: 1, preambular: 2 };
const stronger = (a: TagRow, b: TagRow) =>
  (STRENGTH[a.strength] ?? 3) - (STRENGTH[b.strength] ?? 3) ||
  b.confidence - a.confidence ||
  b.evidence.length - a.evidence.length ||
  a.agreementId.localeCompare(b.agreementId);

/**
 * Model clauses: the strongest examples of a tag, or of what passes a check, across the real
 * corpus, binding first, one per agreement (diverse sources), each with its citation.
 */
export async function modelClauses(service: Service, input: z.input<typeof ClausesQuerySchema>): Promise<ModelClauses> {
  const q = parseInput(ClausesQuerySchema, input, (f) => `?${f}=`);
  // The snapshot's tag rows leave the samples out: fiction is never a model clause.
  const { tagRows, formats } = await service.corpus();
  let candidates = tagRows.filter((r) => r.evidence);
  const picked: TagRow[] = [];
  if (q.tag) {
    const seen = new Set<string>();
    for (const r of candidates.filter((r) => r.tag === q.tag).sort(stronger)) {
      if (seen.has(r.agreementId)) continue;
      seen.add(r.agreementId);
      picked.push(r);
      if (picked.length === q.limit) break;
    }
  } else {
    // The check's own notion of "strongest" (remedy.ts), taken again without the agreements already chosen.
    while (picked.length < q.limit) {
      const best = strongestClause(q.check as CheckId, candidates);
      if (!best) break;
      picked.push(best);
      candidates = candidates.filter((r) => r.agreementId !== best.agreementId);
    }
  }
  if (!q.tag && !q.check) throw new CcmError('USAGE_INVALID', 'give tag= or check=');
  return {
    ...(q.tag ? { tag: q.tag } : { check: q.check }),
    clauses: picked.map((r) => ({
      agreementId: r.agreementId,
      title: r.title,
      dateSigned: r.dateSigned,
      tag: r.tag,
      strength: r.strength,
      confidence: r.confidence,
      provisionId: r.provisionId,
      citation: citeRow(r, formats.get(r.agreementId) ?? ''),
      quote: r.evidence,
    })),
  };
}
