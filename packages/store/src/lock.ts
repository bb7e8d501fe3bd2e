import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from './errors.ts';

/**
 * PGlite runs PostgreSQL inside one process: two processes on one data directory each keep
 * their own view and overwrite each other's pages (two `ccm ingest` runs stored 13 rows for
 * 9 agreements). So an open takes this lock file in the directory, and a second process waits
 * up to its timeout, then fails with `STORE_LOCKED` naming the holder.
 * A lock whose process is gone (killed, crashed) is taken over.
 */
export const LOCK_FILE = 'ccm-store.lock';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readHolder(path: string): Holder | null | 'missing' {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return null; // being written by its owner right now, or damaged
  }
}

/** Whether the process `holder` names still runs (one on another machine is assumed to). */
export function alive(holder: { pid: number; host: string }): boolean {
  if (holder.host !== hostname()) return true; // another machine's process: cannot tell, assume alive
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !zombie(holder.pid);
}

/** Killed but not yet reaped by its parent: gone for our purposes (Linux /proc; elsewhere, not known). */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false;
  }
}

export interface DirectoryLock {
  release(): void;
}

/** Takes the lock on `dir`, waiting up to `timeoutMs` for another process to let it go. */
export async function lockDirectory(dir: string, timeoutMs: number): Promise<DirectoryLock> {
  const path = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const mine = JSON.stringify(me);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(path, mine, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder === 'missing') continue;
    const unreadableAndOld = holder === null && Date.now() - statMtime(path) > 5000;
    if ((holder && !alive(holder)) || unreadableAndOld) {
      // Move the stale file aside first: of two processes taking over, only one renames it.
      const aside = `${path}.${process.pid}.stale`;
      try {
        renameSync(path, aside);
        unlinkSync(aside);
      } catch {
        // the other process got there first
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'another process';
      throw new StoreError(
        'STORE_LOCKED',
        `the store at ${dir} is in use by ${who}; wait for it to finish (PGlite allows one process at a time)`,
      );
    }
    await sleep(100);
  }
  const release = () => {
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  // A process that exits without closing the store (an uncaught error) must not leave it locked.
  process.on('exit', release);
  return { release };
}

function statMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}
