import { resolve } from 'node:path';
import { readManifest } from '@ccm/corpus';
import { ingest, openService } from '@ccm/service';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';
import { freshStore } from '../store/engines.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');

describe.skipIf(!hasShared)('ccm mcp over stdio', () => {
  let client: Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshStore('pglite');
    drop = fresh.drop;
    const service = await openService(fresh.options);
    const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
    await ingest(
      service.store,
      [resolve(SAMPLES, 'culture-trade-agreement-en.txt'), resolve(TOTA_DIR, 'pta_143.xml')],
      {
        manifest,
        workers: 1,
      },
    );
    await service.close();
    client = new Client({ name: 'ccm-test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp'],
        env: { ...(process.env as Record<string, string>), ...fresh.env, DATABASE_URL: '' },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client?.close();
    await drop?.();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const r = (await client.callTool({ name, arguments: args })) as { content: { text: string }[]; isError?: boolean };
    return { error: Boolean(r.isError), body: JSON.parse(r.content[0]?.text ?? 'null') };
  };

  it('lists the tools and answers them from the store, with citations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'agreement',
      'analyse_draft_file',
      'clauses',
      'compare',
      'search',
    ]);

    const search = await call('search', { q: 'cultural industries' });
    expect(search.error).toBe(false);
    const hit = search.body.hits[0] as { agreementId: string; snippet: string };
    expect(hit.snippet).toMatch(/«/);
    // Samples are fiction: the public search leaves them out.
    expect(search.body.hits.every((h: { agreementId: string }) => !h.agreementId.startsWith('sample:'))).toBe(true);

    const agreement = await call('agreement', { id: hit.agreementId });
    expect(agreement.body.meta.id).toBe(hit.agreementId);
    expect(agreement.body.scorecard.checks.length).toBeGreaterThan(0);

    const missing = await call('agreement', { id: 'nope' });
    expect(missing.error).toBe(true);
    expect(missing.body.code).toBe('NOT_FOUND');

    const clauses = await call('clauses', { check: '19.4-cultural-clause' });
    expect(clauses.body.clauses[0]).toMatchObject({ agreementId: hit.agreementId });

    const draft = await call('analyse_draft_file', { path: resolve(SAMPLES, 'culture-trade-agreement-en.txt') });
    expect(draft.error).toBe(false);
    expect(draft.body.scorecard.checks.find((c: { id: string }) => c.id === '19.4-cultural-clause').status).toBe(
      'pass',
    );
  });
});
