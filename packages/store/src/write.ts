import type { Classification, Scorecard } from '@ccm/classifier';
import type { SerialisedFingerprint } from '@ccm/compare';
import type { AgreementDocument } from '@ccm/parser';
import { eq, ne, sql } from 'drizzle-orm';
import type { Db, Engine } from './engine.ts';
import { assertWritable, guarded, StoreError } from './errors.ts';
import { mediaTypeOf, packOriginal } from './originals.ts';
import { sanitiseJson, sanitiseText } from './sanitize.ts';
import {
  agreementParties,
  agreements,
  checks,
  documents,
  fingerprints,
  ingestionRuns,
  originals,
  provisions,
  tags,
} from './schema.ts';
import type { AgreementRecord, RunCounts, SaveResult } from './types.ts';

const CHUNK = 500;

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

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
      provisionId: sanitiseText(p.provisionId),
      tag: t.tag,
      strength: t.strength,
      confidence: t.confidence,
      evidence: sanitiseJson(t.evidence),
      why: sanitiseJson(t.why),
      scope: t.scope ?? null,
      classifier: classification.classifier,
    })),
  );
}

function fingerprintValues(agreementId: string, fingerprint: SerialisedFingerprint): typeof fingerprints.$inferInsert {
  // Provision ids inside are sanitised as the provisions' own are, so the two still match.
  return { agreementId, format: fingerprint.format, data: sanitiseJson(fingerprint) };
}

function checkValues(agreementId: string, scorecard: Scorecard): (typeof checks.$inferInsert)[] {
  return scorecard.checks.map((c) => ({
    agreementId,
    checkId: c.id,
    status: c.status,
    title: c.title,
    explanation: sanitiseText(c.explanation),
    evidence: sanitiseJson(c.evidence),
    classifier: scorecard.classifier,
  }));
}

/** The write side of the store: every write is one transaction, checked for disk space first. */
export interface StoreWriter {
  /**
   * Stores an agreement whole, or nothing. Content already stored (same hash, under any id) is
   * left as it is (`unchanged`): the hash is unique in the schema, so two concurrent ingests of
   * one file store it once. `record.original` (the file itself) is stored in the same
   * transaction, gzip-compressed; its bytes must hash to the document's sha256.
   */
  saveAgreement(record: AgreementRecord): Promise<SaveResult>;
  /** New tags and scorecard for a stored agreement (after a classifier change). */
  replaceClassification(agreementId: string, classification: Classification, scorecard: Scorecard): Promise<void>;
  /**
   * Back-fills the fingerprint of an agreement saved without one (or with one of another
   * format); true when it was written. One of the same format is kept: it was saved with the
   * agreement's text, which a back-fill computed from an earlier read may no longer match. An
   * agreement id the store lacks is a `STORE_CONFLICT`.
   */
  saveFingerprint(agreementId: string, fingerprint: SerialisedFingerprint): Promise<boolean>;
  /**
   * Back-fills the original file of a stored document (found by its sha256) that was stored
   * before files were kept; true when it was written, false when the store already holds it.
   * Bytes that do not hash to `sha256` are a `STORE_CONFLICT`; an unknown hash too.
   */
  saveOriginal(sha256: string, bytes: Uint8Array): Promise<boolean>;
  beginRun(mode: 'ingest' | 'reclassify', classifier: string): Promise<number>;
  finishRun(id: number, counts: RunCounts): Promise<void>;
}

export function writer(engine: Engine): StoreWriter {
  const db: Db = engine.db;

  return {
    saveAgreement: (record) =>
      guarded('saving an agreement', async () => {
        assertWritable(engine, 'save an agreement');
        const { classification, scorecard } = record;
        const document = record.document;
        // Ids too: one raw NUL in a heading number or a manifest id would make PostgreSQL refuse the row.
        const meta = { ...record.meta, id: sanitiseText(record.meta.id) };
        const sha256 = document.source.sha256;
        // Compressed (and checked against the hash) before the transaction, and counted for the disk.
        const original = record.original ? await packOriginal(record.original, sha256) : null;
        await engine.ensureSpace(document.text.length * 2 + (original?.content.byteLength ?? 0));
        const articles = articleNumbers(document);
        return db.transaction(async (tx): Promise<SaveResult> => {
          const [same] = await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.sha256, sha256));
          if (same) {
            // The same content: its fingerprint is kept, or filled in when it was stored without one.
            if (record.fingerprint)
              await tx
                .insert(fingerprints)
                .values(fingerprintValues(same.id, record.fingerprint))
                .onConflictDoNothing();
            // So is its original file (the same bytes: the hash is the same).
            if (original)
              await tx
                .insert(originals)
                .values({ agreementId: same.id, ...original })
                .onConflictDoNothing();
            return { status: 'unchanged', agreementId: same.id };
          }
          // A new version of a known agreement replaces the old one whole (cascades to its rows).
          const replaced = await tx
            .delete(agreements)
            .where(eq(agreements.id, meta.id))
            .returning({ id: agreements.id });
          const inserted = await tx
            .insert(agreements)
            .values({
              id: meta.id,
              sha256,
              title: sanitiseText(meta.title),
              type: sanitiseText(meta.type ?? null),
              status: sanitiseText(meta.status ?? null),
              dateSigned: meta.dateSigned ?? null,
              dateInForce: meta.dateInForce ?? null,
              wtoRtaId: sanitiseText(meta.wtoRtaId ?? null),
              composition: sanitiseText(meta.composition ?? null),
              sourceRegion: sanitiseText(meta.sourceRegion ?? null),
              language: meta.language,
              source: sanitiseText(meta.source ?? null),
              sample: meta.sample ?? meta.id.startsWith('sample:'),
              classifier: classification.classifier,
              scorecard: sanitiseJson(scorecard),
            })
            // A concurrent writer stored the same content (or id) first: its row stands.
            .onConflictDoNothing()
            .returning({ id: agreements.id });
          if (inserted.length === 0) {
            const [winner] = await tx
              .select({ id: agreements.id })
              .from(agreements)
              .where(eq(agreements.sha256, sha256));
            if (winner) return { status: 'unchanged', agreementId: winner.id };
            throw new StoreError('STORE_CONFLICT', `agreement ${meta.id} was written by another process meanwhile`);
          }
          const iso = [...new Set(meta.parties.map((p) => sanitiseText(p)))];
          if (iso.length) await tx.insert(agreementParties).values(iso.map((iso3) => ({ agreementId: meta.id, iso3 })));
          await tx.insert(documents).values({
            sha256,
            agreementId: meta.id,
            fileName: sanitiseText(document.source.fileName ?? null),
            mediaType: mediaTypeOf(document.source.format),
            format: document.source.format,
            byteSize: document.source.byteLength,
            pageCount: document.pageCount,
            warnings: sanitiseJson(document.warnings),
            title: sanitiseText(document.title),
            language: document.language,
            text: sanitiseText(document.text),
            pages: document.pages,
            footnotes: sanitiseJson(document.footnotes),
            metadata: sanitiseJson(document.metadata),
          });
          await insertAll(
            document.provisions.map((p, ordinal) => ({
              agreementId: meta.id,
              provisionId: sanitiseText(p.id),
              ordinal,
              parentId: sanitiseText(p.parentId),
              kind: p.kind,
              number: sanitiseText(p.number),
              heading: sanitiseText(p.heading),
              text: sanitiseText(p.text),
              pageStart: p.pageStart,
              pageEnd: p.pageEnd,
              start: p.start,
              end: p.end,
              textStart: p.textStart,
              sourceId: sanitiseText(p.sourceId ?? null),
              footnoteIds: sanitiseJson(p.footnoteIds),
              article: sanitiseText(articles.get(p.id) ?? null),
              language: classification.language,
            })),
            (chunk) => tx.insert(provisions).values(chunk),
          );
          await insertAll(tagValues(meta.id, classification), (chunk) => tx.insert(tags).values(chunk));
          await insertAll(checkValues(meta.id, scorecard), (chunk) => tx.insert(checks).values(chunk));
          // A replaced version's fingerprint went with it (cascade): only the new text's is kept.
          if (record.fingerprint) await tx.insert(fingerprints).values(fingerprintValues(meta.id, record.fingerprint));
          // Likewise its original file: a new version without one leaves none.
          if (original) await tx.insert(originals).values({ agreementId: meta.id, ...original });
          return { status: replaced.length ? 'replaced' : 'added', agreementId: meta.id };
        });
      }),

    replaceClassification: (id, classification, scorecard) =>
      guarded('replacing a classification', async () => {
        const agreementId = sanitiseText(id);
        assertWritable(engine, 'replace a classification');
        await engine.ensureSpace(0);
        await db.transaction(async (tx) => {
          await tx.delete(tags).where(eq(tags.agreementId, agreementId));
          await tx.delete(checks).where(eq(checks.agreementId, agreementId));
          await insertAll(tagValues(agreementId, classification), (chunk) => tx.insert(tags).values(chunk));
          await insertAll(checkValues(agreementId, scorecard), (chunk) => tx.insert(checks).values(chunk));
          await tx
            .update(agreements)
            .set({ classifier: classification.classifier, scorecard: sanitiseJson(scorecard) })
            .where(eq(agreements.id, agreementId));
        });
      }),

    saveFingerprint: (id, fingerprint) =>
      guarded('saving a fingerprint', async () => {
        assertWritable(engine, 'save a fingerprint');
        await engine.ensureSpace(0);
        const row = fingerprintValues(sanitiseText(id), fingerprint);
        const written = await db
          .insert(fingerprints)
          .values(row)
          .onConflictDoUpdate({
            target: fingerprints.agreementId,
            set: { format: row.format, data: row.data },
            setWhere: ne(fingerprints.format, row.format),
          })
          .returning({ id: fingerprints.agreementId });
        return written.length > 0;
      }),

    saveOriginal: (sha256, bytes) =>
      guarded('saving an original file', async () => {
        assertWritable(engine, 'save an original file');
        const [doc] = await db
          .select({ agreementId: documents.agreementId, mediaType: documents.mediaType })
          .from(documents)
          .where(eq(documents.sha256, sha256));
        if (!doc) throw new StoreError('STORE_CONFLICT', `no stored document has the sha256 ${sha256.slice(0, 16)}…`);
        const row = await packOriginal({ mediaType: doc.mediaType, bytes }, sha256);
        await engine.ensureSpace(row.content.byteLength);
        const written = await db
          .insert(originals)
          .values({ agreementId: doc.agreementId, ...row })
          .onConflictDoNothing()
          .returning({ id: originals.agreementId });
        return written.length > 0;
      }),

    beginRun: (mode, classifier) =>
      guarded('starting a run', async () => {
        assertWritable(engine, 'record a run');
        const [run] = await db.insert(ingestionRuns).values({ mode, classifier }).returning({ id: ingestionRuns.id });
        return run?.id ?? 0;
      }),

    finishRun: (id, counts) =>
      guarded('finishing a run', async () => {
        assertWritable(engine, 'record a run');
        await db
          .update(ingestionRuns)
          .set({ ...counts, errors: sanitiseJson(counts.errors), finishedAt: sql`now()` })
          .where(eq(ingestionRuns.id, id));
      }),
  };
}
