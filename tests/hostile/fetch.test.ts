/**
 * `ccm corpus fetch` against hostile servers on loopback and hostile output folders (issue 12):
 * every failure is one typed line, within its time and memory.
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FetchError, fetchTota } from '@ccm/corpus';
import { afterAll, describe, expect, it } from 'vitest';
import { zipOf } from './inputs.ts';
import { runMeasured } from './measure.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'ccm-hostile-fetch-'));
const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.closeAllConnections();
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback server; its URL. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/tota.zip`;
}

/** An endless body as fast as the client takes it. */
const endless: Parameters<typeof createServer>[1] = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/zip' });
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const pump = () => {
    while (res.write(chunk)) {
      /* until the socket is full */
    }
  };
  res.on('drain', pump);
  res.on('close', () => res.off('drain', pump));
  pump();
};

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  const e = error as FetchError;
  expect(e.message.split('\n')).toHaveLength(1);
  return e;
}

const agreement = (n: number) => ({
  name: `tota-master/xml/pta_${n}.xml`,
  data: Buffer.from(`<treaty><meta><name>Agreement ${n}</name></meta><body/></treaty>`),
});

describe('corpus fetch over hostile HTTP', () => {
  it('an endless stream stops at the byte cap', async () => {
    const url = await serve(endless);
    const started = performance.now();
    const e = await failure(fetchTota(join(dir, 'endless'), url, { maxBytes: 16 * 1024 * 1024 }));
    expect(e.code).toBe('FETCH_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.runIf(process.platform === 'linux')(
    'through the CLI with its default cap: one line, memory bounded (the issue: 5 GB)',
    async () => {
      const url = await serve(endless);
      const run = await runMeasured([CLI, 'corpus', 'fetch', 'tota', '--source', url, '--out', join(dir, 'cli')], {
        timeoutMs: 60_000,
      });
      expect(run.timedOut).toBe(false);
      const lines = run.stderr.trimEnd().split('\n');
      // "fetching ToTA from …", then the error.
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^error.*the limit is 134217728/);
      expect(run.code).not.toBe(0);
      // The cap is 128 MiB of download held in memory, plus Node.
      expect(run.peakMb).toBeLessThan(500);
    },
  );

  it('a trickle (one byte every 200 ms) stops at the overall timeout (the issue: past 7 minutes)', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'), 200);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const e = await failure(fetchTota(join(dir, 'trickle'), url, { timeoutMs: 1500, idleTimeoutMs: 1000 }));
    expect(e.code).toBe('FETCH_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a server that never answers stops at the idle timeout', async () => {
    const url = await serve(() => {
      /* accept, never answer */
    });
    const started = performance.now();
    const e = await failure(fetchTota(join(dir, 'silent'), url, { idleTimeoutMs: 500 }));
    expect(e.code).toBe('FETCH_IDLE_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a refused connection is one line with its cause (fetch puts it in e.cause.code)', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const e = await failure(fetchTota(join(dir, 'refused'), `http://127.0.0.1:${port}/tota.zip`));
    expect(e.code).toBe('FETCH_NETWORK');
    expect(e.message).toContain('connection refused (ECONNREFUSED)');
  });

  it('a declared length over the cap is refused before the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 2 ** 30) });
      res.write('x');
    });
    const e = await failure(fetchTota(join(dir, 'declared'), url));
    expect(e.code).toBe('FETCH_TOO_LARGE');
  });
});

describe('corpus fetch into a hostile output folder', () => {
  it('replaces a symlink planted in --out instead of writing through it', async () => {
    const out = join(dir, 'out-link');
    mkdirSync(out);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'do not overwrite');
    symlinkSync(victim, join(out, 'pta_1.xml'));
    const archive = join(dir, 'two.zip');
    writeFileSync(archive, zipOf([agreement(1), agreement(2)]));
    expect((await fetchTota(out, archive)).files).toBe(2);
    expect(readFileSync(victim, 'utf8')).toBe('do not overwrite');
    expect(lstatSync(join(out, 'pta_1.xml')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(out, 'pta_1.xml'), 'utf8')).toContain('Agreement 1');
  });

  it('refuses an archive with two entries of one name', async () => {
    const archive = join(dir, 'dupes.zip');
    writeFileSync(
      archive,
      zipOf([agreement(1), { name: 'elsewhere/pta_1.xml', data: Buffer.from('<treaty>other</treaty>') }]),
    );
    const e = await failure(fetchTota(join(dir, 'out-dupes'), archive));
    expect(e.code).toBe('FETCH_DUPLICATE_NAME');
  });

  it.runIf(process.platform === 'linux')('refuses a FIFO as the source archive at once', async () => {
    const { makeFifo } = await import('./inputs.ts');
    const fifo = join(dir, 'source.zip');
    makeFifo(fifo);
    const e = await failure(fetchTota(join(dir, 'out-fifo'), fifo));
    expect(e.code).toBe('FETCH_UNREADABLE');
  });
});
