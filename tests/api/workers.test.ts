import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from '../store/engines.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/bin.mjs');

// `ccm serve --workers 2` on one PostgreSQL: both processes answer on one port, and SIGTERM stops them all.
describe.runIf(ENGINES.includes('postgres'))('ccm serve --workers on PostgreSQL', () => {
  it('serves from two processes sharing one port and stops cleanly', async () => {
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
      const statuses = await Promise.all(
        Array.from({ length: 8 }, () => fetch(`${url}/v1/agreements`, { headers: { connection: 'close' } })),
      );
      expect(statuses.map((r) => r.status)).toEqual(Array(8).fill(200));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await fresh.drop();
    }
  }, 120_000);
});
