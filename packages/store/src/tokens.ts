import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Engine } from './engine.ts';
import { assertWritable, guarded } from './errors.ts';
import { tokens } from './schema.ts';

/** A draft-upload token as stored: its hash, never the token. */
export interface TokenRow {
  id: string;
  hash: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenRecords {
  /** Stores a new token's hash; the stored row, or null when that hash is already there (an import run twice). */
  insertToken(row: Pick<TokenRow, 'id' | 'hash' | 'label'> & { createdAt?: string }): Promise<TokenRow | null>;
  /** The token with this hash, revoked or not; null when unknown. */
  tokenByHash(hash: string): Promise<TokenRow | null>;
  /** Every token, newest first. */
  listTokens(): Promise<TokenRow[]>;
  /** Notes that a token was used now. */
  touchToken(id: string): Promise<void>;
  /** Revokes the live tokens whose id or label is `key`; returns them (none: nothing matched). */
  revokeTokens(key: string): Promise<TokenRow[]>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const rowOf = (r: typeof tokens.$inferSelect): TokenRow => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: iso(r.lastUsedAt),
  revokedAt: iso(r.revokedAt),
});

export function tokenRecords(engine: Engine): TokenRecords {
  const db = engine.db;
  return {
    insertToken: ({ createdAt, ...row }) =>
      guarded('storing a token', async () => {
        assertWritable(engine, 'store a token');
        const done = await db
          .insert(tokens)
          .values({ ...row, ...(createdAt ? { createdAt: new Date(createdAt) } : {}) })
          .onConflictDoNothing({ target: tokens.hash })
          .returning();
        return done[0] ? rowOf(done[0]) : null;
      }),
    tokenByHash: (hash) =>
      guarded('reading a token', async () => {
        const [r] = await db.select().from(tokens).where(eq(tokens.hash, hash));
        return r ? rowOf(r) : null;
      }),
    listTokens: () =>
      guarded('listing tokens', async () =>
        (await db.select().from(tokens).orderBy(desc(tokens.createdAt), tokens.id)).map(rowOf),
      ),
    touchToken: (id) =>
      guarded('updating a token', async () => {
        if (engine.readOnly) return;
        await db.update(tokens).set({ lastUsedAt: new Date() }).where(eq(tokens.id, id));
      }),
    revokeTokens: (key) =>
      guarded('revoking a token', async () => {
        assertWritable(engine, 'revoke a token');
        return (
          await db
            .update(tokens)
            .set({ revokedAt: new Date() })
            .where(and(isNull(tokens.revokedAt), or(eq(tokens.id, key), eq(tokens.label, key))))
            .returning()
        ).map(rowOf);
      }),
  };
}
