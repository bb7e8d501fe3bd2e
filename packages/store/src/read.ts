import type { Scorecard, TagId } from '@ccm/classifier';
import { FINGERPRINT_FORMAT, type SerialisedFingerprint } from '@ccm/compare';
import { type AgreementDocument, DOCUMENT_FORMAT, type Provision, type SourceFormat } from '@ccm/parser';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from './engine.ts';
import { guarded } from './errors.ts';
import { unpackOriginal } from './originals.ts';
import {
  agreementParties,
  agreements,
  checks,
  documents,
  fingerprints,
  originals,
  parties,
  provisions,
  tags,
} from './schema.ts';
import { type SearchPage, type SearchQuery, searchProvisions } from './search.ts';
import type {
  AgreementDetail,
  AgreementScorecard,
  AgreementSummaryMeta,
  CheckCounts,
  CheckQuery,
  CheckRow,
  ConventionAtSignature,
  CorpusQuery,
  CorpusSummary,
  PartyStanding,
  StoredDocument,
  StoredOriginal,
  TagRow,
} from './types.ts';

/** The Convention was adopted on 20 October 2005: nobody could be a Party before. */
export const CONVENTION_ADOPTED = '2005-10-20';

/**
 * "Was at least one party a Party to the Convention when the agreement was signed?" A party
 * missing from the (incomplete) reference list, or whose deposit is not dated precisely
 * enough, makes a "no" into "unknown", never a "no".
 */
export function conventionAt(dateSigned: string | null, partyRows: PartyStanding[]): ConventionAtSignature {
  if (!dateSigned) return 'unknown';
  if (dateSigned < CONVENTION_ADOPTED) return 'not_yet_adopted';
  if (partyRows.length === 0) return 'unknown';
  const latest = (p: PartyStanding) => p.cdceDepositLatest ?? p.cdceDeposit;
  const earliest = (p: PartyStanding) => p.cdceDepositEarliest ?? p.cdceDeposit;
  if (partyRows.some((p) => p.cdceStatus === 'party' && (latest(p) ?? '9999') <= dateSigned)) return 'yes';
  if (partyRows.every((p) => p.cdceStatus === 'party' && (earliest(p) ?? '0000') > dateSigned)) return 'no';
  return 'unknown';
}

/** The read side of the store. Corpus-wide queries leave the sample agreements out unless asked. */
export interface StoreReader {
  /** sha256 → the agreement and classifier version it was stored with (samples included). */
  documents(): Promise<Map<string, StoredDocument>>;
  /** The parsed document as it was stored: text, pages, provisions (offsets into the text), footnotes. */
  loadDocument(agreementId: string): Promise<AgreementDocument | null>;
  search(query: SearchQuery): Promise<SearchPage>;
  agreement(id: string): Promise<AgreementDetail | null>;
  summary(query?: CorpusQuery): Promise<CorpusSummary>;
  tagRows(query?: CorpusQuery): Promise<TagRow[]>;
  /** One row per agreement × check, filtered by check and state. */
  checks(query?: CheckQuery): Promise<CheckRow[]>;
  scorecards(query?: CorpusQuery): Promise<AgreementScorecard[]>;
  /** agreement id → source format of its document: whether its pages can be cited (samples included). */
  formats(): Promise<Map<string, SourceFormat>>;
  /**
   * A token that changes whenever the stored corpus does (agreements added or replaced,
   * classifications replaced, runs finished), by this process or another: what read caches key on.
   */
  version(): Promise<string>;
  /**
   * agreement id → its stored fingerprint, for the agreements that have one in the current
   * format (`@ccm/compare`'s `FINGERPRINT_FORMAT`): the others are to be recomputed.
   */
  fingerprints(query?: CorpusQuery): Promise<Map<string, SerialisedFingerprint>>;
  /**
   * The file an agreement was ingested from, decompressed, with its media type and name; null
   * when the store has none (no such agreement, or one stored before originals were kept).
   * Samples included: it is asked by id. The only query that reads the bytes.
   */
  original(agreementId: string): Promise<StoredOriginal | null>;
}

const notSample = (q?: CorpusQuery): SQL | undefined => (q?.includeSamples ? undefined : eq(agreements.sample, false));

/** Party codes, UN M49 regions and standings of the given agreements. */
async function partiesOf(db: Db, ids?: string[]) {
  const rows = await db
    .select({ agreementId: agreementParties.agreementId, iso3: agreementParties.iso3, party: parties })
    .from(agreementParties)
    .leftJoin(parties, eq(parties.iso3, agreementParties.iso3))
    .where(ids ? inArray(agreementParties.agreementId, ids) : undefined)
    .orderBy(agreementParties.agreementId, agreementParties.iso3);
  const out = new Map<string, AgreementDetail['parties']>();
  for (const { agreementId, iso3, party } of rows) {
    const list = out.get(agreementId) ?? [];
    list.push({
      iso3,
      name: party?.name ?? null,
      region: party?.region ?? null,
      developing: party?.developing ?? null,
      ldc: party?.ldc ?? null,
      cdceStatus: party?.cdceStatus ?? 'unknown',
      cdceDeposit: party?.cdceDeposit ?? null,
      cdceDepositEarliest: party?.cdceDepositEarliest ?? null,
      cdceDepositLatest: party?.cdceDepositLatest ?? null,
    });
    out.set(agreementId, list);
  }
  return out;
}

function metaOf(a: typeof agreements.$inferSelect, partyRows: AgreementDetail['parties']): AgreementSummaryMeta {
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    status: a.status,
    dateSigned: a.dateSigned,
    dateInForce: a.dateInForce,
    wtoRtaId: a.wtoRtaId,
    composition: a.composition,
    sourceRegion: a.sourceRegion,
    language: a.language,
    source: a.source,
    parties: partyRows.map((p) => p.iso3),
    sample: a.sample,
    classifier: a.classifier,
    ingestedAt: a.ingestedAt.toISOString(),
    m49Regions: [...new Set(partyRows.flatMap((p) => (p.region ? [p.region] : [])))].sort(),
  };
}

async function tagRowsWhere(db: Db, where: SQL | undefined): Promise<TagRow[]> {
  const rows = await db
    .select({
      agreementId: tags.agreementId,
      title: agreements.title,
      dateSigned: agreements.dateSigned,
      provisionId: tags.provisionId,
      kind: provisions.kind,
      article: provisions.article,
      number: provisions.number,
      heading: provisions.heading,
      pageStart: provisions.pageStart,
      tag: tags.tag,
      strength: tags.strength,
      confidence: tags.confidence,
      scope: tags.scope,
      evidence: tags.evidence,
      classifier: tags.classifier,
    })
    .from(tags)
    .innerJoin(
      provisions,
      and(eq(provisions.agreementId, tags.agreementId), eq(provisions.provisionId, tags.provisionId)),
    )
    .innerJoin(agreements, eq(agreements.id, tags.agreementId))
    .where(where)
    .orderBy(tags.agreementId, provisions.ordinal, tags.tag);
  return rows.map(({ evidence, ...r }) => ({
    ...r,
    evidence: (evidence as { text: string }[]).map((e) => e.text).join(' … '),
  }));
}

export function reader(db: Db): StoreReader {
  return {
    documents: () =>
      guarded('listing documents', async () => {
        const rows = await db
          .select({
            sha256: documents.sha256,
            agreementId: documents.agreementId,
            classifier: agreements.classifier,
            original: originals.agreementId,
          })
          .from(documents)
          .innerJoin(agreements, eq(agreements.id, documents.agreementId))
          .leftJoin(originals, eq(originals.agreementId, documents.agreementId));
        return new Map(
          rows.map((r) => [
            r.sha256,
            { agreementId: r.agreementId, classifier: r.classifier, hasOriginal: r.original !== null },
          ]),
        );
      }),

    loadDocument: (agreementId) =>
      guarded('loading a document', async () => {
        const [a] = await db.select().from(agreements).where(eq(agreements.id, agreementId));
        const [d] = await db.select().from(documents).where(eq(documents.agreementId, agreementId));
        if (!a || !d) return null;
        const rows = await db
          .select()
          .from(provisions)
          .where(eq(provisions.agreementId, agreementId))
          .orderBy(provisions.ordinal);
        const list: Provision[] = rows.map((r) => ({
          id: r.provisionId,
          kind: r.kind,
          number: r.number,
          heading: r.heading,
          text: r.text,
          parentId: r.parentId,
          pageStart: r.pageStart,
          pageEnd: r.pageEnd,
          start: r.start,
          end: r.end,
          textStart: r.textStart,
          ...(r.sourceId ? { sourceId: r.sourceId } : {}),
          footnoteIds: r.footnoteIds,
        }));
        // Rows stored before the text was kept (migration 0001) have provisions only.
        const whole = d.text !== null;
        return {
          format: DOCUMENT_FORMAT,
          title: d.title ?? a.title,
          language: d.language ?? a.language,
          pageCount: d.pageCount,
          source: {
            format: d.format,
            sha256: d.sha256,
            byteLength: d.byteSize,
            ...(d.fileName ? { fileName: d.fileName } : {}),
          },
          metadata: d.metadata ?? {},
          text: d.text ?? '',
          pages: d.pages ?? [],
          provisions: list,
          footnotes: d.footnotes ?? [],
          warnings: whole
            ? d.warnings
            : [...d.warnings, 'stored before the store kept whole texts: provisions only; ingest the file again'],
        };
      }),

    search: (query) => guarded('searching', () => searchProvisions(db, query)),

    agreement: (id) =>
      guarded('reading an agreement', async () => {
        const [a] = await db.select().from(agreements).where(eq(agreements.id, id));
        const [d] = await db.select().from(documents).where(eq(documents.agreementId, id));
        if (!a || !d) return null;
        const partyRows = (await partiesOf(db, [id])).get(id) ?? [];
        return {
          meta: metaOf(a, partyRows),
          parties: partyRows,
          conventionAtSignature: conventionAt(a.dateSigned, partyRows),
          document: {
            sha256: d.sha256,
            fileName: d.fileName,
            format: d.format,
            pageCount: d.pageCount,
            byteSize: d.byteSize,
          },
          scorecard: a.scorecard as Scorecard,
          tags: await tagRowsWhere(db, eq(tags.agreementId, id)),
        };
      }),

    summary: (query) =>
      guarded('summarising the corpus', async () => {
        const keep = query?.includeSamples ? sql`true` : sql`NOT a.sample`;
        const [counts] = rowsOf<{ agreements: number; provisions: number; tags: number; samples: number }>(
          await db.execute(sql`
          SELECT (SELECT count(*)::int FROM agreements a WHERE ${keep}) AS agreements,
                 (SELECT count(*)::int FROM provisions p JOIN agreements a ON a.id = p.agreement_id WHERE ${keep}) AS provisions,
                 (SELECT count(*)::int FROM tags t JOIN agreements a ON a.id = t.agreement_id WHERE ${keep}) AS tags,
                 (SELECT count(*)::int FROM agreements a WHERE a.sample AND NOT (${keep})) AS samples`),
        );
        const filter = notSample(query);
        const byTag = await db
          .select({ key: tags.tag, n: sql<number>`count(*)::int` })
          .from(tags)
          .innerJoin(agreements, eq(agreements.id, tags.agreementId))
          .where(filter)
          .groupBy(tags.tag);
        const byCheckRows = await db
          .select({ check: checks.checkId, status: checks.status, n: sql<number>`count(*)::int` })
          .from(checks)
          .innerJoin(agreements, eq(agreements.id, checks.agreementId))
          .where(filter)
          .groupBy(checks.checkId, checks.status);
        const byLanguage = await db
          .select({ key: agreements.language, n: sql<number>`count(*)::int` })
          .from(agreements)
          .where(filter)
          .groupBy(agreements.language);
        const byFormat = await db
          .select({ key: documents.format, n: sql<number>`count(*)::int` })
          .from(documents)
          .innerJoin(agreements, eq(agreements.id, documents.agreementId))
          .where(filter)
          .groupBy(documents.format);
        const classifiers = await db.selectDistinct({ c: agreements.classifier }).from(agreements).where(filter);
        const byCheck: CheckCounts = {};
        for (const r of byCheckRows) {
          const entry = byCheck[r.check] ?? { pass: 0, fail: 0, not_applicable: 0 };
          entry[r.status] = r.n;
          byCheck[r.check] = entry;
        }
        const record = <K extends string>(rows: { key: K; n: number }[]) =>
          Object.fromEntries(rows.map((r) => [r.key, r.n])) as Partial<Record<K, number>>;
        return {
          agreements: counts?.agreements ?? 0,
          provisions: counts?.provisions ?? 0,
          tags: counts?.tags ?? 0,
          byTag: record<TagId>(byTag),
          byCheck,
          byLanguage: record(byLanguage) as Record<string, number>,
          byFormat: record(byFormat),
          classifiers: classifiers.map((c) => c.c).sort(),
          samplesExcluded: counts?.samples ?? 0,
        };
      }),

    tagRows: (query) => guarded('listing tags', () => tagRowsWhere(db, notSample(query))),

    formats: () =>
      guarded('listing formats', async () => {
        const rows = await db.select({ id: documents.agreementId, format: documents.format }).from(documents);
        return new Map(rows.map((r) => [r.id, r.format as SourceFormat]));
      }),

    version: () =>
      guarded('reading the corpus version', async () => {
        const [row] = rowsOf<{ v: string }>(
          await db.execute(sql`
          SELECT concat_ws('/',
            (SELECT count(*) FROM agreements),
            (SELECT max(ingested_at) FROM agreements),
            (SELECT count(*) FROM tags),
            (SELECT string_agg(DISTINCT classifier, ',') FROM agreements),
            (SELECT max(id) FROM ingestion_runs),
            (SELECT max(finished_at) FROM ingestion_runs)) AS v`),
        );
        return String(row?.v ?? '');
      }),

    fingerprints: (query) =>
      guarded('listing fingerprints', async () => {
        const rows = await db
          .select({ id: fingerprints.agreementId, data: fingerprints.data })
          .from(fingerprints)
          .innerJoin(agreements, eq(agreements.id, fingerprints.agreementId))
          .where(and(eq(fingerprints.format, FINGERPRINT_FORMAT), notSample(query)));
        return new Map(rows.map((r) => [r.id, r.data]));
      }),

    original: (agreementId) =>
      guarded('reading an original file', async () => {
        const [row] = await db
          .select({
            mediaType: originals.mediaType,
            byteSize: originals.byteSize,
            content: originals.content,
            fileName: documents.fileName,
          })
          .from(originals)
          .leftJoin(documents, eq(documents.agreementId, originals.agreementId))
          .where(eq(originals.agreementId, agreementId));
        if (!row) return null;
        const { content, ...rest } = row;
        return { ...rest, bytes: await unpackOriginal(content, row.byteSize) };
      }),

    checks: (query) =>
      guarded('listing checks', async () => {
        const where = [
          notSample(query),
          query?.check ? eq(checks.checkId, query.check) : undefined,
          query?.status ? eq(checks.status, query.status) : undefined,
        ];
        return db
          .select({
            agreementId: checks.agreementId,
            title: agreements.title,
            dateSigned: agreements.dateSigned,
            checkId: checks.checkId,
            status: checks.status,
            explanation: checks.explanation,
            evidence: checks.evidence,
            classifier: checks.classifier,
          })
          .from(checks)
          .innerJoin(agreements, eq(agreements.id, checks.agreementId))
          .where(and(...where))
          .orderBy(checks.agreementId, checks.checkId);
      }),

    scorecards: (query) =>
      guarded('listing scorecards', async () => {
        const rows = await db.select().from(agreements).where(notSample(query)).orderBy(agreements.id);
        const byAgreement = await partiesOf(db);
        return rows.map((a) => {
          const partyRows = byAgreement.get(a.id) ?? [];
          return {
            meta: metaOf(a, partyRows),
            scorecard: a.scorecard as Scorecard,
            conventionAtSignature: conventionAt(a.dateSigned, partyRows),
          };
        });
      }),
  };
}
