import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { StoreError, storeError } from './errors.ts';
import { type DirectoryLock, lockDirectory } from './lock.ts';
import * as schema from './schema.ts';
import { refuseWhileServed, storeDir } from './server-record.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface StoreOptions {
  /** PostgreSQL connection string; default `DATABASE_URL`. When set, PGlite is not used. */
  databaseUrl?: string;
  /** PGlite data directory; default `CCM_DATA_DIR` or `./data`. */
  dataDir?: string;
  /**
   * Open for reading only: no migration, no write of any kind (a read-only PostgreSQL role
   * works). The store must exist and be fully migrated (`STORE_NOT_FOUND`, `STORE_NOT_MIGRATED`).
   */
  readOnly?: boolean;
  /** PGlite: how long to wait for another process to close the directory; default 1000 ms. */
  lockTimeoutMs?: number;
  /** PostgreSQL: connection timeout; default 10 s. */
  connectTimeoutMs?: number;
  /** PostgreSQL: statement timeout; default 120 s. */
  statementTimeoutMs?: number;
  /** PGlite: free space a write needs on the data directory's disk; default 64 MiB. */
  minFreeBytes?: number;
}

export interface Engine {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The data directory, or the server URL without its password. */
  location: string;
  readOnly: boolean;
  /** Fails with `STORE_DISK_FULL` when a write of about `bytes` would not fit (PGlite). */
  ensureSpace(bytes: number): Promise<void>;
  close(): Promise<void>;
}

/** Rows of a raw `db.execute(sql…)`: both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const MIGRATIONS = resolve(import.meta.dirname, '../migrations');
const MiB = 1024 * 1024;

/** Migrations not yet applied to `db` (drizzle records each by its folder timestamp). */
async function pendingMigrations(db: Db): Promise<number> {
  const all = readMigrationFiles({ migrationsFolder: MIGRATIONS });
  const [table] = rowsOf<{ present: boolean }>(
    await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`),
  );
  if (!table?.present) return all.length;
  const [last] = rowsOf<{ at: string | null }>(
    await db.execute(sql`SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations`),
  );
  const at = Number(last?.at ?? 0);
  return all.filter((m) => m.folderMillis > at).length;
}

async function checkMigrated(db: Db, location: string): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending > 0) {
    throw new StoreError(
      'STORE_NOT_MIGRATED',
      `the store at ${location} lacks ${pending} migration(s); open it once for writing (ccm ingest) to apply them`,
    );
  }
}

/** Opens the engine the options (or the environment) name; a writable open applies pending migrations. */
export async function openEngine(options: StoreOptions = {}): Promise<Engine> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  return url ? openPostgres(url, options) : openPglite(options);
}

async function openPostgres(url: string, options: StoreOptions): Promise<Engine> {
  const readOnly = options.readOnly ?? false;
  const safe = new URL(url);
  safe.password = safe.password ? '***' : '';
  const location = safe.toString();
  const statementTimeout = options.statementTimeoutMs ?? 120_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // A server that never answers must not hang a command: bound the connection and each statement.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 5_000,
    idle_in_transaction_session_timeout: statementTimeout,
    ...(readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  try {
    const client = await pool.connect();
    try {
      if (readOnly) await checkMigrated(db, location);
      else {
        // Two processes migrating at once must not both create the tables: serialise on a lock.
        await client.query('SELECT pg_advisory_lock(84210501)');
        try {
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS });
        } finally {
          await client.query('SELECT pg_advisory_unlock(84210501)').catch(() => {});
        }
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw storeError(error, `opening ${location}`);
  }
  return { db, kind: 'postgres', location, readOnly, ensureSpace: async () => {}, close: () => pool.end() };
}

/**
 * PGlite writes its files mode 0666 whatever the umask: the directory is made 0700 (nobody
 * else can reach what is inside) and every file 0600, on open and on close.
 */
function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) chmodSync(path, 0o700);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

async function openPglite(options: StoreOptions): Promise<Engine> {
  const readOnly = options.readOnly ?? false;
  const dir = storeDir(options.dataDir);
  if (readOnly && !existsSync(join(dir, 'PG_VERSION'))) {
    throw new StoreError('STORE_NOT_FOUND', `no store at ${dir}; create it with ccm ingest`);
  }
  if (existsSync(dir) && !lstatSync(dir).isDirectory()) {
    throw new StoreError('STORE_NOT_FOUND', `${dir} is not a directory`);
  }
  // A running `ccm serve` never lets go of the lock: no use waiting for it, nor touching the directory.
  refuseWhileServed(dir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    makePrivate(dir);
  } catch (error) {
    throw storeError(error, `preparing ${dir}`);
  }
  const minFree = options.minFreeBytes ?? 64 * MiB;
  const ensureSpace = async (bytes: number) => {
    const fs = await statfs(dir);
    const free = fs.bavail * fs.bsize;
    // Indexes, the generated search vector and the WAL take several times the raw text.
    if (free < minFree + 4 * bytes) {
      throw new StoreError(
        'STORE_DISK_FULL',
        `the disk holding ${dir} has ${Math.floor(free / MiB)} MiB free; the store needs ${Math.ceil((minFree + 4 * bytes) / MiB)} MiB to write (it stays readable)`,
      );
    }
  };
  // A fresh store needs room for PGlite's own files (about 40 MiB) before any agreement.
  if (!readOnly && !existsSync(join(dir, 'PG_VERSION'))) await ensureSpace(0);
  let lock: DirectoryLock;
  try {
    lock = await lockDirectory(dir, options.lockTimeoutMs ?? 1000);
  } catch (error) {
    throw storeError(error, `locking ${dir}`);
  }
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dir);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    if (readOnly) {
      await checkMigrated(db, dir);
      await client.exec('SET default_transaction_read_only = on');
    } else await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS });
    makePrivate(dir);
    const opened = client;
    return {
      db,
      kind: 'pglite',
      location: dir,
      readOnly,
      ensureSpace,
      close: async () => {
        try {
          await opened.close();
          makePrivate(dir);
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    lock.release();
    throw storeError(error, `opening ${dir}`);
  }
}
