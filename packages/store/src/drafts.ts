import type { SourceFormat } from '@ccm/parser';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Engine } from './engine.ts';
import { assertWritable, guarded } from './errors.ts';
import { drafts, uploadEvents } from './schema.ts';

export type DraftState = 'queued' | 'parsing' | 'done' | 'failed';

/** A draft as stored: its state in the clear, its analysis sealed (see schema.ts `drafts`). */
export interface DraftRow {
  id: string;
  owner: string;
  status: DraftState;
  format: SourceFormat;
  byteSize: number;
  errorCode: string | null;
  sealed: Uint8Array | null;
  /** The process analysing it (`host:pid`) while queued or parsing. */
  runner: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Confidential drafts, shared by the API processes on one store. Never part of the corpus. */
export interface DraftRecords {
  insertDraft(row: Pick<DraftRow, 'id' | 'owner' | 'status' | 'format' | 'byteSize' | 'runner'>): Promise<void>;
  /** A new state for a draft; false when it is gone (deleted meanwhile), and then nothing is written. */
  updateDraft(
    id: string,
    change: Pick<DraftRow, 'status'> & Partial<Pick<DraftRow, 'errorCode' | 'sealed' | 'runner'>>,
  ): Promise<boolean>;
  draft(id: string): Promise<DraftRow | null>;
  /** The state of several drafts in one query (the event streams' shared poll); absent ids are gone. */
  draftStates(ids: string[]): Promise<Pick<DraftRow, 'id' | 'status' | 'errorCode'>[]>;
  /** Drafts still queued or parsing, with their runner and when it last said it was alive. */
  unfinishedDrafts(): Promise<Pick<DraftRow, 'id' | 'runner' | 'updatedAt'>[]>;
  /** Marks `runner`'s unfinished drafts alive now (its heartbeat). */
  touchDrafts(runner: string): Promise<void>;
  /** Ends those of `ids` still unfinished as failed with `code` (their runner died); returns their ids. */
  interruptDrafts(ids: string[], code: string): Promise<string[]>;
  /**
   * Counts one upload of `owner` against a sliding window of `windowMs` holding at most `limit`:
   * admitted, or refused with the seconds until the oldest upload leaves the window. Atomic
   * across processes (a transaction-scoped advisory lock on the owner).
   */
  admitUpload(
    owner: string,
    limit: number,
    windowMs: number,
  ): Promise<{ ok: true } | { ok: false; retryAfterS: number }>;
  /** The drafts of one owner, newest first. */
  draftsOf(owner: string): Promise<DraftRow[]>;
  /** Removes the owner's draft; false when it has no such draft. */
  deleteDraft(id: string, owner: string): Promise<boolean>;
}

const UNFINISHED: DraftState[] = ['queued', 'parsing'];

const rowOf = (r: typeof drafts.$inferSelect): DraftRow => ({
  ...r,
  // node-postgres gives a Buffer, PGlite a Uint8Array: one type out.
  sealed: r.sealed ? new Uint8Array(r.sealed) : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export function draftRecords(engine: Engine): DraftRecords {
  const db = engine.db;
  return {
    insertDraft: (row) =>
      guarded('storing a draft', async () => {
        assertWritable(engine, 'store a draft');
        await db.insert(drafts).values(row);
      }),
    updateDraft: (id, change) =>
      guarded('updating a draft', async () => {
        assertWritable(engine, 'update a draft');
        const done = await db
          .update(drafts)
          .set({ ...change, updatedAt: new Date() })
          .where(eq(drafts.id, id))
          .returning({ id: drafts.id });
        return done.length > 0;
      }),
    draft: (id) =>
      guarded('reading a draft', async () => {
        const [r] = await db.select().from(drafts).where(eq(drafts.id, id));
        return r ? rowOf(r) : null;
      }),
    draftStates: (ids) =>
      guarded('reading drafts', async () =>
        ids.length === 0
          ? []
          : db
              .select({ id: drafts.id, status: drafts.status, errorCode: drafts.errorCode })
              .from(drafts)
              .where(inArray(drafts.id, ids)),
      ),
    unfinishedDrafts: () =>
      guarded('reading drafts', async () =>
        (
          await db
            .select({ id: drafts.id, runner: drafts.runner, updatedAt: drafts.updatedAt })
            .from(drafts)
            .where(inArray(drafts.status, UNFINISHED))
        ).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
      ),
    touchDrafts: (runner) =>
      guarded('updating drafts', async () => {
        if (engine.readOnly) return;
        await db
          .update(drafts)
          .set({ updatedAt: new Date() })
          .where(and(eq(drafts.runner, runner), inArray(drafts.status, UNFINISHED)));
      }),
    interruptDrafts: (ids, code) =>
      guarded('updating drafts', async () => {
        if (ids.length === 0) return [];
        assertWritable(engine, 'update a draft');
        const done = await db
          .update(drafts)
          .set({ status: 'failed', errorCode: code, runner: null, updatedAt: new Date() })
          .where(and(inArray(drafts.id, ids), inArray(drafts.status, UNFINISHED)))
          .returning({ id: drafts.id });
        return done.map((d) => d.id);
      }),
    admitUpload: (owner, limit, windowMs) =>
      guarded('counting uploads', async () => {
        assertWritable(engine, 'count an upload');
        return db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`ccm.upload:${owner}`}))`);
          const since = new Date(Date.now() - windowMs);
          await tx.delete(uploadEvents).where(and(eq(uploadEvents.owner, owner), lt(uploadEvents.at, since)));
          const recent = await tx
            .select({ at: uploadEvents.at })
            .from(uploadEvents)
            .where(eq(uploadEvents.owner, owner))
            .orderBy(uploadEvents.at);
          if (recent.length >= limit) {
            const oldest = recent[recent.length - limit]?.at.getTime() ?? Date.now();
            return { ok: false as const, retryAfterS: Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000)) };
          }
          await tx.insert(uploadEvents).values({ owner });
          return { ok: true as const };
        });
      }),
    draftsOf: (owner) =>
      guarded('listing drafts', async () =>
        (await db.select().from(drafts).where(eq(drafts.owner, owner)).orderBy(desc(drafts.createdAt))).map(rowOf),
      ),
    deleteDraft: (id, owner) =>
      guarded('deleting a draft', async () => {
        assertWritable(engine, 'delete a draft');
        const gone = await db
          .delete(drafts)
          .where(and(eq(drafts.id, id), eq(drafts.owner, owner)))
          .returning({ id: drafts.id });
        return gone.length > 0;
      }),
  };
}
