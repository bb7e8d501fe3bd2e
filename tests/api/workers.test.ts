import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childrenOf } from '../parser/helpers.ts';
import { ENGINES, freshStore } from '../store/engines.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/bin.mjs');

// `ccm serve --workers 2` on one PostgreSQL: both processes answer on one port, and SIGTERM stops them all.
describe.runIf(ENGINES.includes('postgres'))('ccm serve --workers on PostgreSQL', () => {
  it('serves from two processes sharing one port, replaces one that dies, and stops cleanly', async () => {
    const fresh = await freshStore('postgres');
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', '--workers', '2'], {
      env: { ...process.env, DATABASE_URL: fresh.options.databaseUrl ?? '', CCM_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /listening on (http:\/\/\S+) with 2 workers/.exec(out);
          if (m?.[1]) ok(m[1]);
        });
        child.once('exit', (code) => fail(new Error(`ccm serve stopped (${code}): ${out}`)));
      });
      // Fresh connections are handed round-robin: every one is answered, by either process.
      const answered = async () =>
        (
          await Promise.all(
            Array.from({ length: 8 }, () => fetch(`${url}/v1/agreements`, { headers: { connection: 'close' } })),
          )
        ).map((r) => r.status);
      expect(await answered()).toEqual(Array(8).fill(200));

      // An API process that dies (killed, out of memory) is logged and replaced: the server keeps its size.
      let err = '';
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
      });
      const [victim] = childrenOf(child.pid ?? 0);
      process.kill(victim ?? 0, 'SIGKILL');
      for (let i = 0; i < 200 && !(childrenOf(child.pid ?? 0).length === 2 && /starting another/.test(err)); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(err).toMatch(new RegExp(`API worker ${victim} stopped \\(SIGKILL\\); starting another`));
      const now = childrenOf(child.pid ?? 0);
      expect(now).toHaveLength(2);
      expect(now).not.toContain(victim);
      // The replacement answers once it listens: every connection is answered again.
      for (let i = 0; i < 100; i++) {
        if ((await answered().catch(() => [])).every((s) => s === 200)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await answered()).toEqual(Array(8).fill(200));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await fresh.drop();
    }
  }, 120_000);
});
