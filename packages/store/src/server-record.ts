import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreError } from './errors.ts';
import { alive } from './lock.ts';

/** Whether a process named by pid and host still runs (one on another machine is assumed to). */
export { alive };

/**
 * A PGlite store is open in one process only, and `ccm serve` keeps it open until it stops. So
 * the server writes where it listens into the data directory: other commands on that directory
 * ask it over HTTP instead of waiting for a lock it never lets go, and those that must write say
 * which process to stop. A record whose process is gone (kill -9) is ignored and replaced.
 */
export const SERVER_FILE = 'ccm-server.json';

export interface ServerRecord {
  url: string;
  pid: number;
  host: string;
  startedAt: string;
  /**
   * The key of the server's local administration routes (tokens): whoever can read this file
   * (mode 0600) can read the store itself, so it grants nothing more than the files already do.
   */
  adminKey?: string;
}

/** The PGlite data directory the options or the environment name (what `openStore` opens). */
export const storeDir = (dataDir?: string): string => resolve(dataDir ?? process.env.CCM_DATA_DIR ?? 'data');

function readRecord(path: string): ServerRecord | null {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServerRecord>;
    const valid =
      typeof r.url === 'string' &&
      /^https?:\/\//.test(r.url) &&
      Number.isSafeInteger(r.pid) &&
      typeof r.host === 'string';
    return valid ? (r as ServerRecord) : null;
  } catch {
    return null; // none, being replaced right now, or damaged: as if no server
  }
}

/**
 * The live `ccm serve` of the store in `dataDir`: its URL and pid, or null when none recorded
 * one, or the one that did is gone. A server on another machine (a shared disk) is not reachable
 * at its loopback URL: null too, and opening the store says the store is in use.
 */
export function runningServer(dataDir: string): { url: string; pid: number; adminKey?: string } | null {
  const record = readRecord(join(dataDir, SERVER_FILE));
  if (!record || record.host !== hostname() || !alive(record)) return null;
  return {
    url: record.url,
    pid: record.pid,
    ...(typeof record.adminKey === 'string' ? { adminKey: record.adminKey } : {}),
  };
}

/**
 * Records that this process serves the store in `dataDir` at `url` (written whole or not at all,
 * mode 0600, replacing a stale record); `remove()` takes it back, as does the process's exit.
 */
export function recordServer(dataDir: string, url: string, adminKey?: string): { remove(): void } {
  const path = join(dataDir, SERVER_FILE);
  const mine: ServerRecord = {
    url,
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(adminKey ? { adminKey } : {}),
  };
  // A reader never sees half a record: written aside, then renamed over the old one.
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, `${JSON.stringify(mine)}\n`, { mode: 0o600 });
  renameSync(aside, path);
  const remove = () => {
    process.off('exit', remove);
    // Only our own: a later server may have replaced it.
    if (readRecord(path)?.pid !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', remove);
  return { remove };
}

/** Refuses to open the store in `dir` while a live server holds it, saying what to do instead. */
export function refuseWhileServed(dir: string): void {
  const server = runningServer(dir);
  if (!server || server.pid === process.pid) return;
  throw new StoreError(
    'STORE_LOCKED',
    `the ccm server at ${server.url} (pid ${server.pid}) has the store at ${dir} open; stop it (Ctrl-C in its terminal, or kill ${server.pid}) and run the command again, or use PostgreSQL (DATABASE_URL) for several processes`,
  );
}
