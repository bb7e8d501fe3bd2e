import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Whether a store is there to read: a DATABASE_URL, or a PGlite directory already created. */
export function storeExists(): boolean {
  if (process.env.DATABASE_URL) return true;
  return existsSync(resolve(process.env.CCM_DATA_DIR ?? 'data', 'PG_VERSION'));
}
