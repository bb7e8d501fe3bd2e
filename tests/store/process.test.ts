import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openStore } from '@ccm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, rehashed, sample, storeError as typed } from './helpers.ts';

const CHILD = resolve(import.meta.dirname, 'fixtures/store-process.ts');

function start(
  dir: string,
  args: string[],
): { child: ChildProcess; lines: AsyncIterator<string>; done: Promise<number>; stderr: () => string } {
  const child = spawn(process.execPath, [CHILD, ...args], {
    env: { ...process.env, DATABASE_URL: '', CCM_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read, so a chatty child never blocks on a full pipe, and kept for a failure's message.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const done = new Promise<number>((r) => child.on('exit', (code, signal) => r(code ?? (signal ? 128 : 0))));
  return { child, lines, done, stderr: () => stderr };
}

const next = async (lines: AsyncIterator<string>) => (await lines.next()).value as string;

/** Every file and directory under `dir` with its permission bits. */
function modes(dir: string): { path: string; mode: number; directory: boolean }[] {
  return [dir, ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => join(dir, p))].map((path) => {
    const s = statSync(path);
    return { path, mode: s.mode & 0o777, directory: s.isDirectory() };
  });
}

describe('a PGlite store shared by processes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ccm-store-proc-'));
    // Created (and migrated) once, so the processes below only open it.
    await (await openStore({ dataDir: dir })).close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second process with STORE_LOCKED naming the holder, and opens once it is gone', async () => {
    const holder = start(dir, ['hold', '60000']);
    try {
      expect(await next(holder.lines)).toBe('open');
      const t = Date.now();
      const error = await typed(openStore({ dataDir: dir, lockTimeoutMs: 300 }));
      expect(error.code).toBe('STORE_LOCKED');
      expect(error.message).toContain(`process ${holder.child.pid}`);
      expect(Date.now() - t).toBeLessThan(5_000);
    } finally {
      // Killed outright: no close, the lock file stays behind with a dead pid.
      holder.child.kill('SIGKILL');
      await holder.done;
    }
    const store = await openStore({ dataDir: dir, lockTimeoutMs: 0 });
    try {
      expect((await store.summary()).agreements).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('lets two processes that save the same file one after the other store it once', async () => {
    const runs = [start(dir, ['save', 'proc:one', 'c7']), start(dir, ['save', 'proc:two', 'c7'])];
    const outputs = await Promise.all(
      runs.map(async (r) => {
        const lines: string[] = [];
        for (let line = await next(r.lines); line !== undefined; line = await next(r.lines)) lines.push(line);
        const code = await r.done;
        if (code !== 0) throw new Error(`child exited ${code}: ${lines.join(' | ')} ${r.stderr().slice(-2000)}`);
        return lines;
      }),
    );
    const results = outputs.map((lines) => JSON.parse(lines[1] ?? '{}') as { status: string; agreementId: string });
    expect(results.map((r) => r.status).sort()).toEqual(['added', 'unchanged']);
    const store = await openStore({ dataDir: dir, readOnly: true });
    try {
      const ids = [...(await store.documents()).values()].map((d) => d.agreementId);
      expect(ids).toHaveLength(1);
      expect(results.map((r) => r.agreementId)).toEqual([ids[0], ids[0]]);
      // The directory is whole: the stored document reads back.
      expect((await store.loadDocument(ids[0] ?? ''))?.provisions.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('keeps its files private to the user whatever the umask', async () => {
    const run = start(dir, ['umask0']);
    expect(await next(run.lines)).toBe('open');
    expect(await run.done).toBe(0);
    const open = modes(dir).filter((m) => (m.mode & 0o077) !== 0);
    expect(open).toEqual([]);
    expect(modes(dir)[0]?.mode).toBe(0o700);
  }, 120_000);
});

describe('PostgreSQL that never answers', () => {
  let server: Server;
  let port = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and says nothing, as a hung server or a black-holed proxy would.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });

  it('fails with STORE_TIMEOUT within the connection timeout, without the password', async () => {
    const t = Date.now();
    const error = await typed(
      openStore({ databaseUrl: `postgres://ccm:secret@127.0.0.1:${port}/ccm`, connectTimeoutMs: 500 }),
    );
    expect(error.code).toBe('STORE_TIMEOUT');
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(error.message).not.toContain('secret');
  });
});

/** A small tmpfs needs root and a kernel that lets this container mount one. */
function mountTmpfs(at: string, size: string): boolean {
  try {
    mkdirSync(at, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk', () => {
  let at = '';
  let mounted = false;
  beforeAll(() => {
    at = mkdtempSync(join(tmpdir(), 'ccm-store-full-'));
    mounted = mountTmpfs(at, '96m');
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', at]);
    if (at) rmSync(at, { recursive: true, force: true });
  });

  it('is a STORE_DISK_FULL error within seconds, and the store stays readable once space returns', async (context) => {
    if (!mounted) {
      console.warn(`skipped: cannot mount a tmpfs at ${at} (needs root and CAP_SYS_ADMIN)`);
      context.skip();
    }
    const dir = join(at, 'store');
    const en = await sample('culture-trade-agreement-en.txt');
    // The default margin is 64 MiB; a smaller one fits this small disk.
    const store = await openStore({ dataDir: dir, minFreeBytes: 16 * 1024 * 1024 });
    try {
      expect((await store.saveAgreement(record(rehashed(en, 'd1'), 'full:1'))).status).toBe('added');
      // Fill what is left but a few MiB, as a long ingest or another program would.
      writeFileSync(join(at, 'filler'), Buffer.alloc(Math.max(0, statfsFree(at) - 8 * 1024 * 1024)));
      const t = Date.now();
      const error = await typed(store.saveAgreement(record(rehashed(en, 'd2'), 'full:2')));
      expect(error.code).toBe('STORE_DISK_FULL');
      expect(error.message).toMatch(/MiB free/);
      expect(Date.now() - t).toBeLessThan(5_000);
      expect((await store.summary()).agreements).toBe(1);
      rmSync(join(at, 'filler'));
      expect((await store.saveAgreement(record(rehashed(en, 'd2'), 'full:2'))).status).toBe('added');
    } finally {
      await store.close();
    }
    const again = await openStore({ dataDir: dir, readOnly: true });
    try {
      expect((await again.summary()).agreements).toBe(2);
    } finally {
      await again.close();
    }
  }, 120_000);
});

function statfsFree(path: string): number {
  const out = execFileSync('df', ['-B1', '--output=avail', path], { encoding: 'utf8' });
  return Number(out.trim().split('\n').at(-1));
}
