import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from '../store/engines.ts';
import { runCli, serveCli } from './spawn.ts';

describe.each(ENGINES)('draft tokens on %s', (engine) => {
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void>;
  let server: ChildProcess | undefined;

  /** Runs the CLI to its end on the test's store. */
  const ccm = async (args: string[]) => {
    const run = await runCli(args, env);
    return { code: run.status, out: run.stdout, err: run.stderr };
  };

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

    const served = await serveCli(env);
    server = served.child;
    const url = served.url;
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
