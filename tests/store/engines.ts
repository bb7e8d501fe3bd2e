import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOptions } from '@ccm/store';
import pg from 'pg';

/**
 * The engines the store's tests run against: PGlite always, and PostgreSQL when
 * `CCM_TEST_DATABASE_URL` names a server (`.ci/run` starts one; in CI it must be there).
 */
export const POSTGRES_URL = process.env.CCM_TEST_DATABASE_URL;
if (!POSTGRES_URL && process.env.CI === 'true') {
  throw new Error('CI expects CCM_TEST_DATABASE_URL (a PostgreSQL server for the store tests)');
}
export const ENGINES: ('pglite' | 'postgres')[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

let counter = 0;

/** A fresh, empty store location for one test: a temporary PGlite directory or a new database. */
export async function freshStore(
  engine: 'pglite' | 'postgres',
): Promise<{ options: StoreOptions; env: Record<string, string>; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-store-'));
    return {
      options: { dataDir: dir },
      env: { CCM_DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `ccm_test_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL ?? '');
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString() },
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
