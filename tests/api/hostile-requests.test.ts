import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, mcpServer, startServer } from '@ccm/api';
import { readManifest } from '@ccm/corpus';
import { createToken, draftFormat, ingest, localReads, openService, type Service } from '@ccm/service';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from '../store/engines.ts';

/*
 * Requests no client should send: each is the caller's 4xx problem with a stable code, never a
 * 500 (PostgreSQL refuses NUL in text) nor an empty body (Node's parser answering alone).
 */

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
const PROBLEM = 'application/problem+json';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A multipart upload of `bytes` as the field `file`, with the part's name and type. */
function upload(bytes: string | Uint8Array, name: string, type = ''): RequestInit {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return { method: 'POST', body: form };
}

/** A POST to /v1/drafts whose body is `body` as it is, under `type`. */
const raw = (type: string, body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': type }, body });

interface Hostile {
  name: string;
  path: string;
  init?: RequestInit;
  status: number;
  code: string;
}

const HOSTILE: Hostile[] = [
  { name: 'NUL in q', path: '/v1/search?q=a%00b', status: 400, code: 'USAGE_INVALID' },
  { name: 'BEL in q', path: '/v1/search?q=a%07b', status: 400, code: 'USAGE_INVALID' },
  { name: 'C1 control (NEL) in q', path: '/v1/search?q=a%C2%85b', status: 400, code: 'USAGE_INVALID' },
  { name: 'NUL in a parameter name', path: '/v1/search?q%00=a', status: 400, code: 'USAGE_INVALID' },
  { name: 'NUL in compare ids', path: '/v1/compare?ids=a%00b,c', status: 400, code: 'USAGE_INVALID' },
  { name: 'bad percent-encoding in q', path: '/v1/search?q=%E0%A4%A', status: 400, code: 'USAGE_INVALID' },
  { name: 'encoded lone surrogate in q', path: '/v1/search?q=%ED%A0%80', status: 400, code: 'USAGE_INVALID' },
  ...['', '/provisions', '/file', '/reuse']
    .flatMap((route) => [
      { name: `NUL in the id of /v1/agreements/:id${route}`, path: `/v1/agreements/a%00b${route}` },
      { name: `control in the id of /v1/agreements/:id${route}`, path: `/v1/agreements/a%1Fb${route}` },
      { name: `newline in the id of /v1/agreements/:id${route}`, path: `/v1/agreements/a%0Ab${route}` },
    ])
    .map((c) => ({ ...c, status: 400, code: 'USAGE_INVALID' })),
  { name: 'bad percent-encoding in an id', path: '/v1/agreements/%E0%A4%A', status: 400, code: 'USAGE_INVALID' },
  { name: 'NUL in a draft id', path: '/v1/drafts/x%00y', status: 400, code: 'USAGE_INVALID' },
  { name: 'NUL in a draft id (events)', path: '/v1/drafts/x%00y/events', status: 400, code: 'USAGE_INVALID' },
  {
    name: 'NUL in a draft id (delete)',
    path: '/v1/drafts/x%00y',
    init: { method: 'DELETE' },
    status: 400,
    code: 'USAGE_INVALID',
  },
  { name: 'a 10 KB query string', path: `/v1/search?q=${'a'.repeat(10_000)}`, status: 414, code: 'API_URI_TOO_LONG' },
  {
    name: 'multipart without a boundary',
    path: '/v1/drafts',
    init: raw('multipart/form-data', 'garbage'),
    status: 400,
    code: 'USAGE_INVALID',
  },
  {
    name: 'multipart with a garbage body',
    path: '/v1/drafts',
    init: raw('multipart/form-data; boundary=xyz', 'garbage'),
    status: 400,
    code: 'USAGE_INVALID',
  },
  {
    name: 'multipart cut short',
    path: '/v1/drafts',
    init: raw('multipart/form-data; boundary=xyz', '--xyz\r\ncontent-disposition: form-data; name="file"'),
    status: 400,
    code: 'USAGE_INVALID',
  },
  {
    name: 'a fake PDF (name and type)',
    path: '/v1/drafts',
    init: upload('this is not a pdf at all', 'x.pdf', 'application/pdf'),
    status: 422,
    code: 'PARSER_NOT_A_PDF',
  },
  {
    name: 'a fake PDF (type only)',
    path: '/v1/drafts',
    init: upload('this is not a pdf at all', 'x', 'application/pdf'),
    status: 422,
    code: 'PARSER_NOT_A_PDF',
  },
  {
    name: 'a fake DOCX (name only)',
    path: '/v1/drafts',
    init: upload('this is not a docx at all', 'x.docx'),
    status: 422,
    code: 'PARSER_NOT_A_DOCX',
  },
  {
    name: 'a PDF sent as a DOCX',
    path: '/v1/drafts',
    init: upload('%PDF-1.7\nnot read any further', 'x.docx', DOCX),
    status: 422,
    code: 'PARSER_NOT_A_DOCX',
  },
];

describe.each(ENGINES)('hostile requests on %s', (engine) => {
  let service: Service;
  let app: ReturnType<typeof createApp>;
  let token: string;
  let work: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshStore(engine);
    drop = fresh.drop;
    work = mkdtempSync(join(tmpdir(), 'ccm-hostile-'));
    service = await openService(fresh.options);
    token = (await createToken(service.store, 'hostile')).token;
    const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
    await ingest(service.store, [resolve(SAMPLES, 'culture-trade-agreement-en.txt')], { manifest, workers: 1 });
    app = createApp(service, { drafts: { uploadsPerWindow: 1000 } });
  });
  afterAll(async () => {
    await service?.close();
    await drop?.();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const expectProblem = async (r: Response, status: number, code: string) => {
    expect(r.headers.get('content-type')).toBe(PROBLEM);
    const body = (await r.json()) as { status: number; code: string };
    expect({ status: r.status, code: body.code }).toEqual({ status, code });
    expect(body.status).toBe(status);
  };

  it.each(HOSTILE)('$name → $status $code', async ({ path, init, status, code }) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    await expectProblem(await app.request(path, { ...init, headers }), status, code);
  });

  it('still answers the plain requests beside them', async () => {
    // A phrase pasted with its line break is text, not a control to refuse; the id it finds is served.
    const search = await app.request('/v1/search?q=cultural%0Aindustries&includeSamples=true');
    expect(search.status).toBe(200);
    const { hits } = (await search.json()) as { hits: { agreementId: string }[] };
    expect(hits.length).toBeGreaterThan(0);
    expect((await app.request(`/v1/agreements/${encodeURIComponent(hits[0]?.agreementId ?? '')}`)).status).toBe(200);
    const pdf = new Uint8Array(readFileSync(resolve(SAMPLES, 'culture-trade-agreement-en.pdf')));
    expect(draftFormat(pdf, { fileName: 'Draft.PDF', mediaType: 'application/pdf; name=x' })).toBe('pdf');
    const docx = new Uint8Array(readFileSync(resolve(SAMPLES, 'culture-trade-agreement-en.docx')));
    expect(draftFormat(docx, { fileName: 'draft.docx', mediaType: DOCX })).toBe('docx');
    expect(draftFormat(new TextEncoder().encode('plain text'), { fileName: 'draft.txt' })).toBe('text');
  });

  it('answers what Node refuses before the app (a 100 KB URL, huge headers) with a problem body', async () => {
    const server = await startServer({ service, port: 0 });
    try {
      await expectProblem(await fetch(`${server.url}/v1/search?q=${'a'.repeat(100_000)}`), 414, 'API_URI_TOO_LONG');
      await expectProblem(
        await fetch(`${server.url}/health`, { headers: { 'x-padding': 'b'.repeat(100_000) } }),
        431,
        'API_HEADERS_TOO_LARGE',
      );
      // The server still serves the next client.
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses control characters in MCP tool arguments as USAGE_INVALID, not a store failure', async () => {
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    const mcp = mcpServer(localReads(service));
    await mcp.connect(serverSide);
    const client = new Client({ name: 'hostile', version: '1' });
    await client.connect(clientSide);
    try {
      const call = async (name: string, args: Record<string, unknown>) => {
        const r = (await client.callTool({ name, arguments: args })) as {
          content: { text: string }[];
          isError?: boolean;
        };
        return {
          error: Boolean(r.isError),
          code: (JSON.parse(r.content[0]?.text ?? 'null') as { code?: string }).code,
        };
      };
      const refused = { error: true, code: 'USAGE_INVALID' };
      expect(await call('search', { q: 'a\u0000b' })).toEqual(refused);
      expect(await call('search', { q: 'culture', tag: 'a\u0085' })).toEqual(refused);
      expect(await call('agreement', { id: 'a\u0000b' })).toEqual(refused);
      expect(await call('agreement', { id: 'a\ud800b' })).toEqual(refused);
      expect(await call('compare', { ids: ['a', 'b\u0000'] })).toEqual(refused);
      expect(await call('clauses', { tag: 'a\u0000' })).toEqual(refused);
      expect(await call('search', { q: 'cultural\nindustries' })).toEqual({ error: false, code: undefined });
    } finally {
      await client.close();
      await mcp.close();
    }
  });
});
