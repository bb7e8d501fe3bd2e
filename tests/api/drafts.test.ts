import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type RunningServer, startServer } from '@ccm/api';
import { DraftViewSchema } from '@ccm/contracts';
import { readManifest } from '@ccm/corpus';
import { createToken, ingest, openService, type Service } from '@ccm/service';
import type { StoreOptions } from '@ccm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';
import { ENGINES, freshStore } from '../store/engines.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
// A phrase no agreement has: if it shows anywhere public, or on disk after DELETE, the draft leaked.
const PHRASE = 'quokkas of Zanzibar-Wittgenstein';

const DRAFT = `FREE TRADE AGREEMENT BETWEEN THE REPUBLIC OF OSTRAVIA AND THE UNITED PROVINCES OF MERIDIA

PREAMBLE

The Parties, desiring to strengthen trade between them and to protect the ${PHRASE},

HAVE AGREED AS FOLLOWS:

CHAPTER 1
GENERAL PROVISIONS

Article 1.1
Objectives

The objectives of this Agreement are to liberalise trade in goods and services between the Parties.

CHAPTER 2
ELECTRONIC COMMERCE

Article 2.1
Customs Duties

No Party shall impose customs duties on electronic transmissions between a person of one Party and a person of the other Party.

Article 2.2
Paperless Trading

Each Party shall endeavour to accept trade administration documents submitted electronically.
`;

/** Every file under `dir` whose bytes contain `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const p = join(d, name);
      let s: ReturnType<typeof statSync>;
      try {
        s = statSync(p);
      } catch {
        continue;
      }
      if (s.isDirectory()) walk(p);
      else if (s.isFile() && s.size < 512 * 1024 * 1024 && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

describe.each(ENGINES)('confidential drafts on %s', (engine) => {
  let service: Service;
  let server: RunningServer;
  let drop: () => Promise<void>;
  let dataDir: string | undefined;
  let storeOptions: StoreOptions;
  let work: string;
  let alice: string;
  let bob: string;
  let carol: string;
  const get = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
    });
  const upload = (token: string, bytes: Uint8Array | string, name = 'draft.txt') => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return get('/v1/drafts', token, { method: 'POST', body: form });
  };
  /** The store's original files by agreement, decompressed: where a stored draft file would show. */
  async function storedFiles(): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (const { agreementId } of (await service.store.documents()).values()) {
      const file = await service.store.original(agreementId);
      if (file) out.set(agreementId, Buffer.from(file.bytes));
    }
    return out;
  }
  async function settled(token: string, id: string) {
    const r = await get(`/v1/drafts/${id}/events`, token);
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await r.text();
    return [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
  }

  beforeAll(async () => {
    const fresh = await freshStore(engine);
    drop = fresh.drop;
    dataDir = fresh.options.dataDir;
    storeOptions = fresh.options;
    work = mkdtempSync(join(tmpdir(), 'ccm-drafts-test-'));
    service = await openService(fresh.options);
    alice = (await createToken(service.store, 'alice')).token;
    bob = (await createToken(service.store, 'bob')).token;
    carol = (await createToken(service.store, 'carol')).token;
    const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
    // A real agreement with a cultural-industries exemption (samples are fiction: never a model clause).
    const real = hasShared ? [resolve(TOTA_DIR, 'pta_143.xml')] : [];
    await ingest(service.store, [resolve(SAMPLES, 'culture-trade-agreement-en.txt'), ...real], {
      manifest,
      workers: 1,
    });
    server = await startServer({ service, port: 0, maxUploadBytes: 100_000, drafts: { uploadsPerWindow: 5 } });
  });
  afterAll(async () => {
    await server?.close();
    await service?.close();
    await drop?.();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('refuses a missing or unknown token with 401', async () => {
    const none = await get('/v1/drafts');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect((await get('/v1/drafts', 'ccm_not-a-token')).status).toBe(401);
    expect((await upload('ccm_not-a-token', DRAFT)).status).toBe(401);
  });

  it('analyses a draft as `ccm analyze` does, keeps it to its token, and DELETE leaves no trace', async () => {
    const file = join(work, 'draft.txt');
    writeFileSync(file, DRAFT);
    const filesBefore = await storedFiles();
    // The ingested agreements' files are stored (gzip: a byte search of the data directory would miss a leak).
    expect(filesBefore.size).toBe(hasShared ? 2 : 1);
    const posted = await upload(alice, DRAFT, 'draft.txt');
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    expect(posted.headers.get('location')).toBe(`/v1/drafts/${id}`);
    const events = await settled(alice, id);
    expect(events.at(-1)).toBe('done');

    const draft = DraftViewSchema.parse(await (await get(`/v1/drafts/${id}`, alice)).json()) as {
      format: string;
      analysis: {
        agreementId: string;
        scorecard: { passed: number; failed: number; checks: { id: string; status: string; modelClause: unknown }[] };
      };
      tags: { tag: string }[];
    };
    // The name said .pdf: the bytes say text.
    expect(draft.format).toBe('text');
    expect(draft.tags.map((t) => t.tag)).toContain('ecommerce.provision');
    const cultural = draft.analysis.scorecard.checks.find((c) => c.id === '19.4-cultural-clause');
    expect(cultural?.status).toBe('fail');
    // The nearest model clause comes from the stored corpus: the real agreement, never the sample.
    if (hasShared) expect(cultural?.modelClause).toMatchObject({ agreementId: expect.stringMatching(/143/) });

    // Asynchronously: the server runs in this process and must keep answering meanwhile.
    const cli = await promisify(execFile)(process.execPath, [CLI, 'analyze', file, '--format', 'json', '--no-corpus']);
    const analysed = JSON.parse(cli.stdout) as { scorecard: { checks: { modelClause: unknown }[] } };
    const strip = (card: { checks: { modelClause: unknown }[] }) => ({
      ...card,
      checks: card.checks.map(({ modelClause: _m, ...c }) => c),
    });
    expect(strip(draft.analysis.scorecard)).toEqual(strip(analysed.scorecard));

    // Another token: cannot list, read, follow or delete it.
    expect(((await (await get('/v1/drafts', bob)).json()) as { drafts: unknown[] }).drafts).toHaveLength(0);
    for (const [path, method] of [
      [`/v1/drafts/${id}`, 'GET'],
      [`/v1/drafts/${id}/events`, 'GET'],
      [`/v1/drafts/${id}`, 'DELETE'],
    ] as const) {
      const r = await get(path, bob, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect(
      ((await (await get('/v1/drafts', alice)).json()) as { drafts: { id: string }[] }).drafts.map((d) => d.id),
    ).toEqual([id]);

    // Never public: not in search (with samples too), not among agreements.
    for (const q of [
      '/v1/search?q=Zanzibar-Wittgenstein&includeSamples=true',
      '/v1/search?q=Ostravia&includeSamples=true',
    ]) {
      const page = (await (await get(q)).json()) as { total: number };
      expect(page.total, q).toBe(0);
    }
    const list = await (await get('/v1/agreements?includeSamples=true&limit=200')).text();
    expect(list).not.toMatch(/Ostravia|Zanzibar/);
    // No file either: not under the id its analysis names, and the store holds the same files as before.
    const fileOfDraft = await get(`/v1/agreements/${encodeURIComponent(draft.analysis.agreementId)}/file`);
    expect(fileOfDraft.status).toBe(404);
    const filesAfter = await storedFiles();
    expect([...filesAfter.keys()].sort()).toEqual([...filesBefore.keys()].sort());
    expect([...filesAfter.values()].filter((bytes) => bytes.includes(PHRASE))).toEqual([]);

    // Stored for the other API processes, but sealed: the row never holds the text in the clear.
    const row = await service.store.draft(id);
    expect(row?.status).toBe('done');
    expect(Buffer.from(row?.sealed ?? []).includes(Buffer.from('Zanzibar'))).toBe(false);
    expect(JSON.stringify(row)).not.toMatch(/Zanzibar|Ostravia/);

    const deleted = await get(`/v1/drafts/${id}`, alice, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await get(`/v1/drafts/${id}`, alice)).status).toBe(404);
    const needle = Buffer.from('Zanzibar-Wittgenstein');
    const temporary = readdirSync(tmpdir())
      .filter((n) => n.startsWith('ccm-analyse-'))
      .flatMap((n) => filesHolding(join(tmpdir(), n), needle.toString()));
    expect(temporary).toEqual([]);
    if (dataDir) expect(filesHolding(dataDir, needle.toString())).toEqual([]);
  });

  it('sniffs the media type, returns parser codes as 422, limits bytes and rate', async () => {
    const binary = await upload(alice, new Uint8Array([0, 1, 2, 3, 0, 255, 0, 9]), 'draft.txt');
    expect(binary.status).toBe(415);
    expect(((await binary.json()) as { code: string }).code).toBe('API_UNSUPPORTED_MEDIA_TYPE');

    const corrupt = await upload(alice, '%PDF-1.7\nthis is not a PDF at all\n', 'draft.pdf');
    expect(corrupt.status).toBe(202);
    const { id } = (await corrupt.json()) as { id: string };
    expect((await settled(alice, id)).at(-1)).toBe('failed');
    const failed = await get(`/v1/drafts/${id}`, alice);
    expect(failed.status).toBe(422);
    expect(((await failed.json()) as { code: string }).code).toMatch(/^PARSER_/);

    const big = await upload(alice, 'x'.repeat(150_000));
    expect(big.status).toBe(413);

    // The window counts accepted uploads, in the store: the sixth within the minute is refused,
    // with the seconds until a place frees up.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await upload(carol, `Article ${i}\nEach Party shall trade.`)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    const refused = await upload(carol, 'Article 9\nEach Party shall trade.');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      await service.store.admitUpload(
        (await service.store.listTokens()).find((t) => t.label === 'carol')?.hash ?? '',
        5,
        60_000,
      ),
    ).toMatchObject({ ok: false });
  });

  // Several API processes on one PostgreSQL (`ccm serve --workers N`): a draft posted to one is
  // followed, read and deleted through another, and stays sealed to its token on both.
  it.runIf(engine === 'postgres')('is answered for by every API process on the store', async () => {
    const other = await openService(storeOptions);
    const second = await startServer({ service: other, port: 0 });
    try {
      const posted = await upload(alice, DRAFT);
      const { id } = (await posted.json()) as { id: string };
      const at = (path: string, token: string, init: RequestInit = {}) =>
        fetch(`${second.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });
      const events = await (await at(`/v1/drafts/${id}/events`, alice)).text();
      expect([...events.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]).at(-1)).toBe('done');
      const there = (await (await at(`/v1/drafts/${id}`, alice)).json()) as { tags: { tag: string }[] };
      expect(there.tags.map((t) => t.tag)).toContain('ecommerce.provision');
      expect((await at(`/v1/drafts/${id}`, bob)).status).toBe(404);
      expect((await at(`/v1/drafts/${id}`, alice, { method: 'DELETE' })).status).toBe(204);
      expect((await get(`/v1/drafts/${id}`, alice)).status).toBe(404);
    } finally {
      await second.close();
      await other.close();
    }
  });
});
