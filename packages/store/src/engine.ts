import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface StoreOptions {
  /** PostgreSQL connection string; default `DATABASE_URL`. When set, PGlite is not used. */
  databaseUrl?: string;
  /** PGlite data directory; default `CCM_DATA_DIR` or `./data`. */
  dataDir?: string;
}

export interface Engine {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The data directory, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** Rows of a raw `db.execute(sql…)`: both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const MIGRATIONS = resolve(import.meta.dirname, '../migrations');

/** Opens the engine the options (or the environment) name and applies pending migrations. */
export async function openEngine(options: StoreOptions = {}): Promise<Engine> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // Two processes migrating at once must not both create the tables: serialise on a lock.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(84210501)');
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('SELECT pg_advisory_unlock(84210501)').catch(() => {});
      client.release();
    }
    const safe = new URL(url);
    safe.password = safe.password ? '***' : '';
    return { db, kind: 'postgres', location: safe.toString(), close: () => pool.end() };
  }
  const dir = resolve(options.dataDir ?? process.env.CCM_DATA_DIR ?? 'data');
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS });
  return { db, kind: 'pglite', location: dir, close: () => client.close() };
}
