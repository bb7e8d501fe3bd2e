import {
  CcmError,
  CheckIdSchema,
  CheckStatusSchema,
  ConventionAtSignatureSchema,
  Iso3Schema,
  LanguageSchema,
  ProvisionKindSchema,
  ProvisionSchema,
  pageSize,
  parseInput,
  RegionSchema,
  TagIdSchema,
  YearSchema,
  yearsInOrder,
} from '@ccm/contracts';
import { z } from 'zod';
import type { CorpusSnapshot } from './corpus.ts';
import { pageOf } from './paging.ts';
import { inScope } from './scope.ts';
import type { Service } from './service.ts';

/*
 * Agreement listing and provisions: the API's corpus browsing. Listing filters the corpus
 * snapshot in memory (corpus.ts): the corpus is hundreds of agreements, not millions, and every
 * filter (tag present or absent, a check's state, M49 region of any party) is one pass over them.
 */

/** `?flag=true` in a query string is a string: only "true"/"1" mean yes. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1')
  .default(false);

export const AGREEMENT_SORTS = ['dateSigned', '-dateSigned', 'title', 'id', '-passed', 'passed'] as const;

export const AgreementListQuerySchema = z
  .object({
    party: z.string().toUpperCase().pipe(Iso3Schema).optional(),
    region: RegionSchema.optional(),
    yearFrom: YearSchema.optional(),
    yearTo: YearSchema.optional(),
    tag: TagIdSchema.optional(),
    tagAbsent: TagIdSchema.optional(),
    check: CheckIdSchema.optional(),
    checkStatus: CheckStatusSchema.optional(),
    /** Whether at least one party was a Party to the 2005 Convention at signature. */
    convention: ConventionAtSignatureSchema.optional(),
    language: LanguageSchema.optional(),
    type: z.string().max(200).optional(),
    sort: z.enum(AGREEMENT_SORTS).default('dateSigned'),
    limit: pageSize(200, 50),
    cursor: z.string().optional(),
    includeSamples: flag,
  })
  .refine(...yearsInOrder)
  .refine((q) => q.checkStatus === undefined || q.check !== undefined, {
    message: 'needs check= as well',
    path: ['checkStatus'],
  });

export const AgreementSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string().nullable(),
  dateSigned: z.string().nullable(),
  language: z.string(),
  parties: z.array(z.string()),
  regions: z.array(z.string()),
  conventionAtSignature: ConventionAtSignatureSchema,
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  tags: z.array(TagIdSchema),
});

export const AgreementListSchema = z.object({
  total: z.number().int(),
  agreements: z.array(AgreementSummarySchema),
  nextCursor: z.string().nullable(),
});

export const ProvisionQuerySchema = z.object({
  kind: ProvisionKindSchema.optional(),
  number: z.string().max(50).optional(),
  limit: pageSize(1000, 200),
  cursor: z.string().optional(),
});

export const ProvisionPageSchema = z.object({
  agreementId: z.string(),
  total: z.number().int(),
  provisions: z.array(ProvisionSchema.omit({ footnoteIds: true })),
  nextCursor: z.string().nullable(),
});

export type AgreementListQuery = z.input<typeof AgreementListQuerySchema>;
export type AgreementList = z.infer<typeof AgreementListSchema>;
export type AgreementSummary = z.infer<typeof AgreementSummarySchema>;
export type ProvisionPage = z.infer<typeof ProvisionPageSchema>;

/** The stored agreements, filtered, sorted and paged by an opaque cursor. */
export async function listAgreements(service: Service, input: AgreementListQuery): Promise<AgreementList> {
  const q = parseInput(AgreementListQuerySchema, input);
  const snapshot = await service.corpus();
  const { cursor: _c, limit: _l, ...filters } = q;
  // Filtered and sorted once per corpus version and filter set; pages are slices of it.
  const rows = await snapshot.memo('agreements', JSON.stringify(filters), async () => summaries(snapshot, q), 256);
  const { total, items, nextCursor } = pageOf(rows, q.cursor, q.limit);
  return { total, agreements: items, nextCursor };
}

function summaries(
  { cards, tagsOf }: CorpusSnapshot,
  q: z.output<typeof AgreementListQuerySchema>,
): AgreementSummary[] {
  const rows: AgreementSummary[] = [];
  for (const { meta, scorecard, conventionAtSignature } of cards) {
    if (!inScope(meta, q)) continue;
    if (q.convention && conventionAtSignature !== q.convention) continue;
    const regions = meta.m49Regions;
    if (q.language && meta.language !== q.language) continue;
    if (q.type && (meta.type ?? '').toLowerCase() !== q.type.toLowerCase()) continue;
    const tags: ReadonlySet<string> = tagsOf.get(meta.id) ?? new Set<string>();
    if (q.tag && !tags.has(q.tag)) continue;
    if (q.tagAbsent && tags.has(q.tagAbsent)) continue;
    if (q.check) {
      const status = scorecard.checks.find((c) => c.id === q.check)?.status;
      if (q.checkStatus ? status !== q.checkStatus : status === undefined) continue;
    }
    rows.push({
      id: meta.id,
      title: meta.title,
      type: meta.type ?? null,
      dateSigned: meta.dateSigned ?? null,
      language: meta.language,
      parties: meta.parties,
      regions,
      conventionAtSignature,
      passed: scorecard.passed,
      failed: scorecard.failed,
      notApplicable: scorecard.notApplicable,
      tags: [...tags].sort() as AgreementSummary['tags'],
    });
  }
  return rows.sort(comparator(q.sort));
}

function comparator(sort: (typeof AGREEMENT_SORTS)[number]) {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as 'dateSigned' | 'title' | 'id' | 'passed';
  return (a: AgreementSummary, b: AgreementSummary) => {
    const x = a[key];
    const y = b[key];
    // Undated agreements last whichever the direction; ties broken by id so pages are stable.
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
    return (desc ? -c : c) || a.id.localeCompare(b.id);
  };
}

/** An agreement's provisions (its tree as a flat list with parent ids), by kind or number. */
export async function agreementProvisions(
  service: Service,
  id: string,
  input: z.input<typeof ProvisionQuerySchema>,
): Promise<ProvisionPage> {
  const q = parseInput(ProvisionQuerySchema, input);
  const document = await service.document(id);
  if (!document) throw new CcmError('NOT_FOUND', `no agreement ${JSON.stringify(id)}`);
  const all = document.provisions
    .filter((p) => (q.kind ? p.kind === q.kind : true) && (q.number ? p.number === q.number : true))
    .map(({ footnoteIds: _f, ...p }) => p);
  const { total, items, nextCursor } = pageOf(all, q.cursor, q.limit);
  return { agreementId: id, total, provisions: items, nextCursor };
}
