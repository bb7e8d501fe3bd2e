import type { SourceFormat } from '@ccm/parser';
import { and, desc, eq } from 'drizzle-orm';
import type { Engine } from './engine.ts';
import { assertWritable, guarded } from './errors.ts';
import { drafts } from './schema.ts';

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
  createdAt: string;
  updatedAt: string;
}

/** Confidential drafts, shared by the API processes on one store. Never part of the corpus. */
export interface DraftRecords {
  insertDraft(row: Pick<DraftRow, 'id' | 'owner' | 'status' | 'format' | 'byteSize'>): Promise<void>;
  /** A new state for a draft; false when it is gone (deleted meanwhile), and then nothing is written. */
  updateDraft(
    id: string,
    change: Pick<DraftRow, 'status'> & Partial<Pick<DraftRow, 'errorCode' | 'sealed'>>,
  ): Promise<boolean>;
  draft(id: string): Promise<DraftRow | null>;
  /** The drafts of one owner, newest first. */
  draftsOf(owner: string): Promise<DraftRow[]>;
  /** Removes the owner's draft; false when it has no such draft. */
  deleteDraft(id: string, owner: string): Promise<boolean>;
}

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
