import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, serveCli } from '../cli/spawn.ts';
import { isRunning } from '../parser/helpers.ts';

// A phrase no agreement has: found in any file after the crash, the draft leaked.
const PHRASE = 'okapis of Lisbon-Tashkent';

/** A draft long enough that its analysis is still running when the server is killed. */
const DRAFT = [
  `FREE TRADE AGREEMENT BETWEEN THE REPUBLIC OF OSTRAVIA AND MERIDIA\n\nThe Parties, resolved to protect the ${PHRASE},\n`,
  ...Array.from(
    { length: 1500 },
    (_, i) =>
      `Article ${i + 1}\nTrade in services ${i + 1}\n\nEach Party shall accord to services and service suppliers of the other Party treatment no less favourable than it accords to its own like services, including audiovisual services and the ${PHRASE}.\n`,
  ),
].join('\n');

/** Files under `dir` holding `needle`, as written or gzip-compressed. */
function filesHolding(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p, { throwIfNoEntry: false });
      if (!s) continue;
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) {
        const bytes = readFileSync(p);
        let plain = bytes;
        if (bytes[0] === 0x1f && bytes[1] === 0x8b)
          plain = (() => {
            try {
              return gunzipSync(bytes);
            } catch {
              return bytes;
            }
          })();
        if (bytes.includes(needle) || plain.includes(needle)) hits.push(p);
      }
    }
  };
  walk(dir);
  return hits;
}

describe('a server killed during an analysis', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let token: string;
  const servers: ChildProcess[] = [];

  const serve = async () => {
    const server = await serveCli(env);
    servers.push(server.child);
    return server;
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'ccm-crash-'));
    mkdirSync(join(work, 'tmp'));
    // The server's own temporary folder: where a plaintext copy of the draft used to be left.
    env = {
      ...process.env,
      DATABASE_URL: '',
      CCM_DATA_DIR: join(work, 'data'),
      TMPDIR: join(work, 'tmp'),
      CCM_DEBUG: '',
    };
    const created = spawnSync(process.execPath, [CLI, 'token', 'create', '--label', 'crash'], {
      env,
      encoding: 'utf8',
    });
    expect(created.status, created.stderr).toBe(0);
    token = created.stdout.trim().split('\n').at(-1) ?? '';
  }, 120_000);
  afterAll(() => {
    for (const s of servers) s.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('leaves no trace of the draft on disk, and after a restart the draft ends as interrupted', async () => {
    const first = await serve();
    const auth = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.append('file', new Blob([DRAFT]), 'draft.txt');
    const posted = await fetch(`${first.url}/v1/drafts`, { method: 'POST', body: form, headers: auth });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    // Killed while its analysis runs.
    for (let i = 0; i < 100; i++) {
      const { status } = (await (await fetch(`${first.url}/v1/drafts/${id}`, { headers: auth })).json()) as {
        status: string;
      };
      if (status === 'parsing') break;
      expect(status).toBe('queued');
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    // Its workers end with it (they watch their parent), so nothing is left holding the bytes either.
    await new Promise((r) => setTimeout(r, 500));

    expect(filesHolding(join(work, 'tmp'), PHRASE)).toEqual([]);
    expect(filesHolding(join(work, 'data'), PHRASE)).toEqual([]);

    const second = await serve();
    const started = Date.now();
    const events = await fetch(`${second.url}/v1/drafts/${id}/events`, {
      headers: auth,
      signal: AbortSignal.timeout(10_000),
    });
    // The stream ends by itself: its last event is the failure.
    const text = await events.text();
    expect([...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]).at(-1)).toBe('failed');
    expect(text).toContain('DRAFT_INTERRUPTED');
    expect(Date.now() - started).toBeLessThan(10_000);
    const problem = await fetch(`${second.url}/v1/drafts/${id}`, { headers: auth });
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(((await problem.json()) as { code: string }).code).toBe('DRAFT_INTERRUPTED');
    expect(isRunning(first.child.pid ?? 0)).toBe(false);
  }, 180_000);
});
