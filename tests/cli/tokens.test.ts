import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from '../store/engines.ts';

const CLI = new URL('../../apps/cli/src/main.ts', import.meta.url).pathname;

describe.each(ENGINES)('draft tokens on %s', (engine) => {
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void>;
  let server: ChildProcess | undefined;

  /** Runs the CLI to its end: exit code, stdout, stderr. */
  const ccm = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((done) => {
      const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
      });
      child.once('close', (code) => done({ code, out, err }));
    });

  beforeAll(async () => {
    const fresh = await freshStore(engine);
    drop = fresh.drop;
    env = { ...process.env, DATABASE_URL: '', CCM_DEBUG: '', ...fresh.env };
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await drop?.();
  });

  it('creates 10 working tokens at once, lists them, and a revoked one is refused at its next request', async () => {
    // Ten processes at once: each creation is one insert, none is lost.
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ccm(['token', 'create', '--label', `user-${i}`])),
    );
    for (const c of created) expect(c.code, c.err).toBe(0);
    const tokens = created.map((c) => c.out.trim().split('\n').at(-1) ?? '');
    expect(new Set(tokens).size).toBe(10);
    for (const t of tokens) expect(t).toMatch(/^ccm_[\w-]{43}$/);

    server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      server?.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const found = /listening on (http:\/\/\S+)/.exec(out)?.[1];
        if (found) done(found);
      });
      server?.once('exit', (code) => fail(new Error(`serve exited ${code}`)));
    });
    const list = (token: string) => fetch(`${url}/v1/drafts`, { headers: { authorization: `Bearer ${token}` } });
    for (const t of tokens) expect((await list(t)).status).toBe(200);

    // With the server running (on PGlite, through it): listed, then one revoked.
    const listed = await ccm(['token', 'list', '--format', 'json']);
    expect(listed.code, listed.err).toBe(0);
    const infos = JSON.parse(listed.out) as {
      id: string;
      label: string;
      revokedAt: string | null;
      lastUsedAt: string | null;
    }[];
    expect(infos.map((t) => t.label).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `user-${i}`).sort());
    expect(infos.every((t) => t.lastUsedAt !== null)).toBe(true);
    expect(JSON.stringify(infos)).not.toContain(tokens[0]);

    const revoked = await ccm(['token', 'revoke', 'user-3']);
    expect(revoked.code, revoked.err).toBe(0);
    const refused = await list(tokens[3] ?? '');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await list(tokens[4] ?? '')).status).toBe(200);
    // Created while the server runs (on PGlite, through it): works at its first request.
    const late = await ccm(['token', 'create', '--label', 'late']);
    expect(late.code, late.err).toBe(0);
    expect((await list(late.out.trim().split('\n').at(-1) ?? '')).status).toBe(200);
    // The administration routes exist only for an embedded store, and only with the server's key.
    const anonymous = await fetch(`${url}/v1/admin/tokens`);
    expect(anonymous.status).toBe(engine === 'pglite' ? 401 : 404);
    expect((await fetch(`${url}/v1/admin/tokens`, { headers: { authorization: `Bearer ${tokens[4]}` } })).status).toBe(
      engine === 'pglite' ? 401 : 404,
    );

    const again = await ccm(['token', 'revoke', 'user-3']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/^error \[NOT_FOUND\]: no live token/);
  }, 240_000);
});
