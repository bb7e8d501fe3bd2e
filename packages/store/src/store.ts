import type { Classification, Scorecard, TagId } from '@ccm/classifier';
import type { AgreementDocument, Provision, ProvisionKind } from '@ccm/parser';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, type Engine, openEngine, rowsOf, type StoreOptions } from './engine.ts';
import { loadReference } from './reference.ts';
import { agreementParties, agreements, documents, ingestionRuns, parties, provisions, tags } from './schema.ts';
import { type CitedProvision, type SearchHit, type SearchQuery, searchProvisions } from './search.ts';

/** What ingestion knows about an agreement beyond its text (ToTA metadata, a manifest). */
export interface AgreementMeta {
  id: string;
  title: string;
  type?: string | null;
  status?: string | null;
  dateSigned?: string | null;
  dateInForce?: string | null;
  wtoRtaId?: string | null;
  composition?: string | null;
  region?: string | null;
  language: string;
  source?: string | null;
  /** ISO 3166-1 alpha-3 codes (`EUU` for the European Union). */
  parties: string[];
}

/** One agreement as ingestion hands it to the store: written in one transaction. */
export interface AgreementRecord {
  meta: AgreementMeta;
  document: AgreementDocument;
  classification: Classification;
  scorecard: Scorecard;
}

export interface StoredDocument {
  agreementId: string;
  classifier: string;
}

export interface RunCounts {
  files: number;
  added: number;
  unchanged: number;
  failed: number;
  errors: { file: string; code: string; message: string }[];
}

export interface CorpusSummary {
  agreements: number;
  provisions: number;
  tags: number;
  byTag: Partial<Record<TagId, number>>;
  byLanguage: Record<string, number>;
  byFormat: Record<string, number>;
  classifiers: string[];
}

/** Whether at least one party had deposited its instrument by the date of signature. */
export type ConventionAtSignature = 'yes' | 'no' | 'unknown';

export interface AgreementDetail {
  meta: AgreementMeta & { classifier: string; ingestedAt: string };
  parties: {
    iso3: string;
    name: string | null;
    region: string | null;
    developing: boolean | null;
    ldc: boolean | null;
    cdceStatus: 'party' | 'unknown';
    cdceDeposit: string | null;
  }[];
  conventionAtSignature: ConventionAtSignature;
  document: { sha256: string; fileName: string | null; format: string; pageCount: number; byteSize: number };
  scorecard: Scorecard;
  tags: TagRow[];
}

/** One tag with its citation: the row of `ccm export --level provision`. */
export interface TagRow extends CitedProvision {
  tag: string;
  strength: string;
  confidence: number;
  scope: string | null;
  evidence: string;
  classifier: string;
}

export interface Store {
  kind: Engine['kind'];
  location: string;
  /** sha256 → the agreement and classifier version it was stored with. */
  documents(): Promise<Map<string, StoredDocument>>;
  saveAgreement(record: AgreementRecord): Promise<void>;
  /** The stored provisions as a document the classifier can read again (for `--reclassify`). */
  loadDocument(agreementId: string): Promise<AgreementDocument | null>;
  replaceClassification(agreementId: string, classification: Classification, scorecard: Scorecard): Promise<void>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  agreement(id: string): Promise<AgreementDetail | null>;
  summary(): Promise<CorpusSummary>;
  tagRows(): Promise<TagRow[]>;
  /** agreement id → source format of its document (whether its pages can be cited). */
  formats(): Promise<Map<string, string>>;
  scorecards(): Promise<
    { meta: AgreementDetail['meta']; scorecard: Scorecard; conventionAtSignature: ConventionAtSignature }[]
  >;
  beginRun(mode: 'ingest' | 'reclassify', classifier: string): Promise<number>;
  finishRun(id: number, counts: RunCounts): Promise<void>;
  close(): Promise<void>;
}

const CHUNK = 500;
const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
};

const MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  text: 'text/plain',
  'tota-xml': 'application/xml',
};

/** The number of the article each provision belongs to, for citations in exports and search. */
function articleNumbers(document: AgreementDocument): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const p of document.provisions) {
    const parent = p.parentId ? (out.get(p.parentId) ?? null) : null;
    out.set(p.id, p.kind === 'article' ? p.number : p.kind === 'paragraph' ? parent : null);
  }
  return out;
}

function tagValues(agreementId: string, classification: Classification): (typeof tags.$inferInsert)[] {
  return classification.provisions.flatMap((p) =>
    p.tags.map((t) => ({
      agreementId,
      provisionId: p.provisionId,
      tag: t.tag,
      strength: t.strength,
      confidence: t.confidence,
      evidence: t.evidence,
      why: t.why,
      scope: t.scope ?? null,
      classifier: classification.classifier,
    })),
  );
}

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunks(rows)) await insert(chunk);
}

/** Opens the store (PGlite in `./data` unless `DATABASE_URL` is set), migrated and with its reference data. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const engine = await openEngine(options);
  await loadReference(engine.db);
  return storeOn(engine);
}

function storeOn(engine: Engine): Store {
  const db: Db = engine.db;
  return {
    kind: engine.kind,
    location: engine.location,

    async documents() {
      const rows = await db
        .select({ sha256: documents.sha256, agreementId: documents.agreementId, classifier: agreements.classifier })
        .from(documents)
        .innerJoin(agreements, eq(agreements.id, documents.agreementId));
      return new Map(rows.map((r) => [r.sha256, { agreementId: r.agreementId, classifier: r.classifier }]));
    },

    async saveAgreement({ meta, document, classification, scorecard }) {
      const articles = articleNumbers(document);
      await db.transaction(async (tx) => {
        // A new version of a known agreement replaces the old one whole (cascades to its rows).
        await tx.delete(agreements).where(eq(agreements.id, meta.id));
        await tx.insert(agreements).values({
          id: meta.id,
          title: meta.title,
          type: meta.type ?? null,
          status: meta.status ?? null,
          dateSigned: meta.dateSigned ?? null,
          dateInForce: meta.dateInForce ?? null,
          wtoRtaId: meta.wtoRtaId ?? null,
          composition: meta.composition ?? null,
          region: meta.region ?? null,
          language: meta.language,
          source: meta.source ?? null,
          classifier: classification.classifier,
          scorecard,
        });
        const iso = [...new Set(meta.parties)];
        if (iso.length) await tx.insert(agreementParties).values(iso.map((iso3) => ({ agreementId: meta.id, iso3 })));
        await tx.insert(documents).values({
          sha256: document.source.sha256,
          agreementId: meta.id,
          fileName: document.source.fileName ?? null,
          mediaType: MEDIA[document.source.format] ?? 'application/octet-stream',
          format: document.source.format,
          byteSize: document.source.byteLength,
          pageCount: document.pageCount,
          warnings: document.warnings,
        });
        const language = classification.language;
        await insertAll(
          document.provisions.map((p, ordinal) => ({
            agreementId: meta.id,
            provisionId: p.id,
            ordinal,
            parentId: p.parentId,
            kind: p.kind,
            number: p.number,
            heading: p.heading,
            text: p.text,
            pageStart: p.pageStart,
            pageEnd: p.pageEnd,
            start: p.start,
            end: p.end,
            textStart: p.textStart,
            sourceId: p.sourceId ?? null,
            article: articles.get(p.id) ?? null,
            language,
          })),
          (chunk) => tx.insert(provisions).values(chunk),
        );
        await insertAll(tagValues(meta.id, classification), (chunk) => tx.insert(tags).values(chunk));
      });
    },

    async loadDocument(agreementId) {
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
        kind: r.kind as ProvisionKind,
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
        footnoteIds: [],
      }));
      // The store keeps provisions, not the whole text: enough for the classifier, which reads
      // provision texts and the tree; `text` and `pages` stay empty.
      return {
        format: 'ccm.document/1.0',
        title: a.title,
        language: a.language,
        pageCount: d.pageCount,
        source: {
          format: d.format as AgreementDocument['source']['format'],
          sha256: d.sha256,
          byteLength: d.byteSize,
          ...(d.fileName ? { fileName: d.fileName } : {}),
        },
        metadata: {},
        text: '',
        pages: [],
        provisions: list,
        footnotes: [],
        warnings: d.warnings as string[],
      };
    },

    async replaceClassification(agreementId, classification, scorecard) {
      await db.transaction(async (tx) => {
        await tx.delete(tags).where(eq(tags.agreementId, agreementId));
        await insertAll(tagValues(agreementId, classification), (chunk) => tx.insert(tags).values(chunk));
        await tx
          .update(agreements)
          .set({ classifier: classification.classifier, scorecard })
          .where(eq(agreements.id, agreementId));
      });
    },

    search: (query) => searchProvisions(db, query),

    async agreement(id) {
      const [a] = await db.select().from(agreements).where(eq(agreements.id, id));
      const [d] = await db.select().from(documents).where(eq(documents.agreementId, id));
      if (!a || !d) return null;
      const links = await db
        .select({ iso3: agreementParties.iso3, party: parties })
        .from(agreementParties)
        .leftJoin(parties, eq(parties.iso3, agreementParties.iso3))
        .where(eq(agreementParties.agreementId, id))
        .orderBy(agreementParties.iso3);
      const partyRows = links.map(({ iso3, party }) => ({
        iso3,
        name: party?.name ?? null,
        region: party?.region ?? null,
        developing: party?.developing ?? null,
        ldc: party?.ldc ?? null,
        cdceStatus: (party?.cdceStatus ?? 'unknown') as 'party' | 'unknown',
        cdceDeposit: party?.cdceDeposit ?? null,
      }));
      return {
        meta: metaOf(
          a,
          partyRows.map((p) => p.iso3),
        ),
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
        tags: await tagRowsWhere(db, id),
      };
    },

    async summary() {
      const [counts] = rowsOf<{ agreements: number; provisions: number; tags: number }>(
        await db.execute(sql`
          SELECT (SELECT count(*)::int FROM agreements) AS agreements,
                 (SELECT count(*)::int FROM provisions) AS provisions,
                 (SELECT count(*)::int FROM tags) AS tags`),
      );
      const byTag = await db.select({ key: tags.tag, n: sql<number>`count(*)::int` }).from(tags).groupBy(tags.tag);
      const byLanguage = await db
        .select({ key: agreements.language, n: sql<number>`count(*)::int` })
        .from(agreements)
        .groupBy(agreements.language);
      const byFormat = await db
        .select({ key: documents.format, n: sql<number>`count(*)::int` })
        .from(documents)
        .groupBy(documents.format);
      const classifiers = await db.selectDistinct({ c: agreements.classifier }).from(agreements);
      const record = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
      return {
        agreements: counts?.agreements ?? 0,
        provisions: counts?.provisions ?? 0,
        tags: counts?.tags ?? 0,
        byTag: record(byTag),
        byLanguage: record(byLanguage),
        byFormat: record(byFormat),
        classifiers: classifiers.map((c) => c.c).sort(),
      };
    },

    tagRows: () => tagRowsWhere(db),

    async formats() {
      const rows = await db.select({ id: documents.agreementId, format: documents.format }).from(documents);
      return new Map(rows.map((r) => [r.id, r.format]));
    },

    async scorecards() {
      const rows = await db.select().from(agreements).orderBy(agreements.id);
      const links = await db.select().from(agreementParties);
      const known = new Map((await db.select().from(parties)).map((p) => [p.iso3, p]));
      const byAgreement = new Map<string, string[]>();
      for (const l of links) byAgreement.set(l.agreementId, [...(byAgreement.get(l.agreementId) ?? []), l.iso3]);
      return rows.map((a) => {
        const codes = (byAgreement.get(a.id) ?? []).sort();
        const standing = codes.map((iso3) => ({
          cdceStatus: (known.get(iso3)?.cdceStatus ?? 'unknown') as 'party' | 'unknown',
          cdceDeposit: known.get(iso3)?.cdceDeposit ?? null,
        }));
        return {
          meta: metaOf(a, codes),
          scorecard: a.scorecard as Scorecard,
          conventionAtSignature: conventionAt(a.dateSigned, standing),
        };
      });
    },

    async beginRun(mode, classifier) {
      const [run] = await db.insert(ingestionRuns).values({ mode, classifier }).returning({ id: ingestionRuns.id });
      return run?.id ?? 0;
    },

    async finishRun(id, counts) {
      await db
        .update(ingestionRuns)
        .set({ ...counts, finishedAt: sql`now()` })
        .where(eq(ingestionRuns.id, id));
    },

    close: () => engine.close(),
  };
}

function metaOf(a: typeof agreements.$inferSelect, partyCodes: string[]): AgreementDetail['meta'] {
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    status: a.status,
    dateSigned: a.dateSigned,
    dateInForce: a.dateInForce,
    wtoRtaId: a.wtoRtaId,
    composition: a.composition,
    region: a.region,
    language: a.language,
    source: a.source,
    parties: partyCodes,
    classifier: a.classifier,
    ingestedAt: a.ingestedAt.toISOString(),
  };
}

/**
 * "Was at least one party a Party to the Convention when the agreement was signed?" A party
 * missing from the (incomplete) reference list makes a "no" into "unknown", never a "no".
 */
export function conventionAt(
  dateSigned: string | null,
  partyRows: { cdceStatus: 'party' | 'unknown'; cdceDeposit: string | null }[],
): ConventionAtSignature {
  if (!dateSigned || partyRows.length === 0) return 'unknown';
  if (partyRows.some((p) => p.cdceDeposit && p.cdceDeposit <= dateSigned)) return 'yes';
  if (partyRows.some((p) => p.cdceStatus === 'unknown' || (p.cdceStatus === 'party' && !p.cdceDeposit)))
    return 'unknown';
  return 'no';
}

async function tagRowsWhere(db: Db, agreementId?: string): Promise<TagRow[]> {
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
    .where(agreementId ? eq(tags.agreementId, agreementId) : undefined)
    .orderBy(tags.agreementId, provisions.ordinal, tags.tag);
  return rows.map(({ evidence, ...r }) => ({
    ...r,
    evidence: (evidence as { text: string }[]).map((e) => e.text).join(' … '),
  }));
}
