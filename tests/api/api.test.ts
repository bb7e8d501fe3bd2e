import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { type RunningServer, startServer } from '@ccm/api';
import {
  AgreementDetailSchema,
  ComparisonSchema,
  ModelClausesSchema,
  ReuseReportSchema,
  SearchPageSchema,
  UptakeSeriesSchema,
} from '@ccm/contracts';
import { readManifest } from '@ccm/corpus';
import { AgreementListSchema, ingest, openService, type Service } from '@ccm/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';
import { ENGINES, freshStore } from '../store/engines.ts';
import { record, sample } from '../store/helpers.ts';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
// A few real agreements beside the samples, so that public listings are not empty by default.
// pta_143 has a cultural-industries exemption: a model clause to find.
const TOTA = hasShared ? [1, 2, 3, 4, 143].map((n) => resolve(TOTA_DIR, `pta_${n}.xml`)) : [];

describe.each(ENGINES)('HTTP API on %s', (engine) => {
  let service: Service;
  let server: RunningServer;
  let drop: () => Promise<void>;
  const logs: string[] = [];
  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

  beforeAll(async () => {
    const fresh = await freshStore(engine);
    drop = fresh.drop;
    service = await openService(fresh.options);
    const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
    const files = [
      ...['txt', 'pdf', 'docx'].map((ext) => resolve(SAMPLES, `culture-trade-agreement-en.${ext}`)),
      resolve(SAMPLES, 'accord-culture-commerce-fr.txt'),
      ...TOTA,
    ];
    const summary = await ingest(service.store, files, { manifest, workers: 1 });
    expect(summary.failed).toBe(0);
    server = await startServer({
      service,
      port: 0,
      corsOrigins: ['https://dashboard.example'],
      log: (line) => logs.push(line),
    });
  });
  afterAll(async () => {
    await server?.close();
    await service?.close();
    await drop?.();
  });

  it('answers /health and lists the taxonomy', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const tags = (await (await get('/v1/tags')).json()) as { tags: { id: string }[]; checks: string[] };
    expect(tags.tags.map((t) => t.id)).toContain('culture.exemption');
    expect(tags.checks).toContain('19.4-cultural-clause');
  });

  it('publishes OpenAPI 3.1 generated from the contracts, and a reference page', async () => {
    const spec = (await (await get('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/health', '/v1/agreements', '/v1/agreements/{id}', '/v1/search', '/v1/uptake']),
    );
    const params = spec.paths['/v1/search']?.get?.parameters?.map((p) => p.name) ?? [];
    expect(params).toEqual(expect.arrayContaining(['q', 'tag', 'party', 'cursor']));
    const docs = await get('/v1/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/v1/openapi.json');
  });

  it('lists agreements with filters, sorting and a cursor; samples only when asked', async () => {
    const pub = (await (await get('/v1/agreements')).json()) as { total: number; agreements: { id: string }[] };
    expect(pub.agreements.every((a) => !a.id.startsWith('sample:'))).toBe(true);
    expect(pub.total).toBe(TOTA.length);

    const all = (await (await get('/v1/agreements?includeSamples=true&sort=id&limit=2')).json()) as {
      total: number;
      agreements: { id: string }[];
      nextCursor: string | null;
    };
    expect(all.total).toBe(4 + TOTA.length);
    expect(all.agreements).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    const ids = [...all.agreements.map((a) => a.id)];
    for (let cursor = all.nextCursor; cursor; ) {
      const page = (await (
        await get(`/v1/agreements?includeSamples=true&sort=id&limit=2&cursor=${cursor}`)
      ).json()) as {
        agreements: { id: string }[];
        nextCursor: string | null;
      };
      ids.push(...page.agreements.map((a) => a.id));
      cursor = page.nextCursor;
    }
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(all.total);

    const withExemption = (await (
      await get('/v1/agreements?includeSamples=true&tag=culture.exemption&language=en')
    ).json()) as { agreements: { id: string; tags: string[]; language: string }[] };
    expect(withExemption.agreements.map((a) => a.id)).toEqual(
      expect.arrayContaining(['sample:en-txt', 'sample:en-pdf', 'sample:en-docx']),
    );
    expect(withExemption.agreements.every((a) => a.tags.includes('culture.exemption') && a.language === 'en')).toBe(
      true,
    );
    const without = (await (await get('/v1/agreements?includeSamples=true&tagAbsent=culture.exemption')).json()) as {
      agreements: { tags: string[] }[];
    };
    expect(without.agreements.every((a) => !a.tags.includes('culture.exemption'))).toBe(true);
    const failing = (await (
      await get('/v1/agreements?includeSamples=true&check=19.4-cultural-clause&checkStatus=pass')
    ).json()) as { agreements: { id: string }[] };
    expect(failing.agreements.map((a) => a.id)).toContain('sample:en-txt');
  });

  it('gives an agreement with its scorecard, its provisions by kind and number, and 404 for unknown ids', async () => {
    const detail = (await (await get('/v1/agreements/sample%3Aen-pdf')).json()) as {
      meta: { id: string };
      scorecard: { checks: { id: string; status: string }[] };
      tags: { tag: string; article: string | null }[];
    };
    expect(detail.meta.id).toBe('sample:en-pdf');
    expect(detail.scorecard.checks.find((c) => c.id === '19.4-cultural-clause')?.status).toBe('pass');
    expect(detail.tags.find((t) => t.tag === 'culture.exemption')?.article).toBe('1.3');

    const articles = (await (
      await get('/v1/agreements/sample%3Aen-txt/provisions?kind=article&number=1.3')
    ).json()) as {
      total: number;
      provisions: { number: string; heading: string; text: string }[];
    };
    expect(articles.total).toBe(1);
    expect(articles.provisions[0]?.heading).toBe('Cultural Industries');
    expect(articles.provisions[0]?.text).toMatch(/with respect to cultural industries/);

    for (const path of ['/v1/agreements/nope', '/v1/agreements/nope/provisions', '/v1/agreements/nope/file']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(((await r.json()) as { code: string }).code).toBe('NOT_FOUND');
    }
  });

  it('serves the original file as ingested: PDF and text inline, anything else as an attachment', async () => {
    const cases: (readonly [string, string, string, string])[] = [
      ['sample:en-pdf', resolve(SAMPLES, 'culture-trade-agreement-en.pdf'), 'application/pdf', 'inline'],
      ['sample:en-txt', resolve(SAMPLES, 'culture-trade-agreement-en.txt'), 'text/plain', 'inline'],
      [
        'sample:en-docx',
        resolve(SAMPLES, 'culture-trade-agreement-en.docx'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'attachment',
      ],
      ...(hasShared
        ? ([['tota:143', resolve(TOTA_DIR, 'pta_143.xml'), 'application/xml', 'attachment']] as const)
        : []),
    ];
    for (const [id, path, type, disposition] of cases) {
      const onDisk = readFileSync(path);
      const r = await get(`/v1/agreements/${encodeURIComponent(id)}/file`);
      expect(r.status, id).toBe(200);
      expect(r.headers.get('content-type'), id).toBe(type);
      expect(r.headers.get('content-length'), id).toBe(String(onDisk.byteLength));
      // RFC 6266: a name that is a token goes unquoted.
      const name = path.split('/').at(-1) ?? '';
      expect(r.headers.get('content-disposition'), id).toMatch(new RegExp(`^${disposition}; filename="?${name}"?$`));
      expect(r.headers.get('x-content-type-options'), id).toBe('nosniff');
      expect(Buffer.from(await r.arrayBuffer()).equals(onDisk), id).toBe(true);
    }
    // HEAD (what the dashboard asks before linking PDF pages): the same headers, no body.
    const head = await get('/v1/agreements/sample%3Aen-pdf/file', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/pdf');
    expect(head.headers.get('content-length')).toBe(
      String(readFileSync(resolve(SAMPLES, 'culture-trade-agreement-en.pdf')).byteLength),
    );
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const spec = (await (await get('/v1/openapi.json')).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const file = spec.paths['/v1/agreements/{id}/file']?.get?.responses;
    expect(Object.keys(file?.['200']?.content ?? {})).toEqual(
      expect.arrayContaining(['application/pdf', 'text/plain']),
    );
    expect(Object.keys(file?.['404']?.content ?? {})).toEqual(['application/problem+json']);
  });

  it('searches with highlighted snippets, citations, filters and a cursor', async () => {
    const page = (await (
      await get('/v1/search?q=cultural%20industries&includeSamples=true&language=en&limit=1')
    ).json()) as {
      total: number;
      hits: { agreementId: string; snippet: string; article: string | null }[];
      nextCursor: string | null;
    };
    expect(page.hits).toHaveLength(1);
    expect(page.hits[0]?.snippet).toMatch(/«/);
    expect(page.nextCursor).not.toBeNull();
    const next = (await (
      await get(`/v1/search?q=cultural%20industries&includeSamples=true&language=en&limit=1&cursor=${page.nextCursor}`)
    ).json()) as { hits: { provisionId: string; agreementId: string }[] };
    expect(next.hits).toHaveLength(1);
    // Samples stay out of public search.
    const pub = (await (await get('/v1/search?q=Borealis')).json()) as { hits: unknown[] };
    expect(pub.hits).toHaveLength(0);
  });

  it('answers in the shapes its OpenAPI document declares (the zod contracts)', async () => {
    const body = async (path: string) => {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      return r.json();
    };
    const list = AgreementListSchema.parse(await body('/v1/agreements?includeSamples=true&sort=-dateSigned'));
    const [first, second] = list.agreements.map((a) => encodeURIComponent(a.id));
    AgreementDetailSchema.parse(await body(`/v1/agreements/${first}`));
    SearchPageSchema.parse(await body('/v1/search?q=cultural&includeSamples=true'));
    UptakeSeriesSchema.parse(await body('/v1/uptake?by=region&check=19.4-cultural-clause'));
    const comparison = ComparisonSchema.parse(await body(`/v1/compare?ids=${first},${second}&limit=5`));
    expect(comparison.pairs).toHaveLength(1);
    const real = list.agreements.find((a) => a.id.startsWith('tota:') && a.dateSigned);
    if (real) ReuseReportSchema.parse(await body(`/v1/agreements/${encodeURIComponent(real.id)}/reuse`));
    ModelClausesSchema.parse(await body('/v1/clauses?tag=culture.exemption'));
  });

  it('reports uptake with denominators', async () => {
    const series = (await (await get('/v1/uptake?by=year&check=19.4-cultural-clause&includeSamples=true')).json()) as {
      points: { key: string; agreements: number; applicable: number; passed: number; share: number | null }[];
    };
    const y2025 = series.points.find((p) => p.key === '2025');
    expect(y2025?.agreements).toBe(4);
    expect(y2025?.passed).toBe(4);
    expect(y2025?.share).toBe(1);
  });

  it('uptake: the agreements behind each figure are one request away, and party filters narrow it', async () => {
    type Point = {
      key: string;
      agreements: number;
      passed: number;
      failed: number;
      convention: { agreements: number; passed: number };
      tags: Record<string, number>;
      list: { all: string; passed: string; failed: string; convention: string } | null;
    };
    const total = async (path: string) => ((await (await get(path)).json()) as { total: number }).total;
    const series = (await (await get('/v1/uptake?by=party&check=19.4-cultural-clause')).json()) as {
      agreements: number;
      points: Point[];
    };
    expect(series.agreements).toBe(TOTA.length);
    const listed = series.points.filter((p) => p.list);
    expect(listed.length).toBeGreaterThan(0);
    for (const p of listed) {
      expect(await total(p.list?.all ?? ''), p.key).toBe(p.agreements);
      expect(await total(p.list?.passed ?? ''), p.key).toBe(p.passed);
      expect(await total(p.list?.failed ?? ''), p.key).toBe(p.failed);
      expect(await total(p.list?.convention ?? ''), p.key).toBe(p.convention.passed);
      for (const [tag, n] of Object.entries(p.tags))
        expect(await total(`/v1/agreements?party=${p.key}&tag=${tag}`), `${p.key} ${tag}`).toBe(n);
    }
    const party = listed[0]?.key ?? '';
    const narrowed = (await (await get(`/v1/uptake?by=year&check=19.4-cultural-clause&party=${party}`)).json()) as {
      agreements: number;
    };
    expect(narrowed.agreements).toBe(await total(`/v1/agreements?party=${party}`));
    expect(narrowed.agreements).toBeLessThan(series.agreements);
  });

  it('compares agreements: scorecard matrix, tag matrix by chapter, aligned provisions diffed page by page', async () => {
    const r = await get('/v1/compare?ids=sample%3Aen-txt,sample%3Aen-pdf&limit=3');
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      scorecards: { check: string; status: Record<string, string> }[];
      tags: Record<string, Record<string, Record<string, number>>>;
      pairs: {
        charJaccard: number;
        alignedTotal: number;
        aligned: {
          a: { citation: string };
          b: { citation: string };
          charJaccard: number;
          diff: { op: string }[] | null;
        }[];
      }[];
      nextCursor: string | null;
    };
    // The same agreement printed twice: the same scorecard, every provision aligned with its twin.
    for (const row of body.scorecards) expect(row.status['sample:en-txt']).toBe(row.status['sample:en-pdf']);
    const exemption = body.tags['culture.exemption']?.['sample:en-txt'] ?? {};
    expect(Object.keys(exemption).some((chapter) => /^Chapter 1/.test(chapter))).toBe(true);
    const [pair] = body.pairs;
    expect(pair?.charJaccard).toBeGreaterThan(0.9);
    expect(pair?.aligned).toHaveLength(3);
    for (const al of pair?.aligned ?? []) {
      expect(al.a.citation).toBe(al.b.citation);
      expect(al.diff?.every((d) => d.op === 'equal')).toBe(true);
    }
    expect(body.nextCursor).not.toBeNull();
    const next = (await (
      await get(`/v1/compare?ids=sample%3Aen-txt,sample%3Aen-pdf&limit=3&cursor=${body.nextCursor}`)
    ).json()) as typeof body;
    expect(next.pairs[0]?.aligned[0]?.a.citation).not.toBe(pair?.aligned[0]?.a.citation);

    expect((await get('/v1/compare?ids=sample%3Aen-txt')).status).toBe(400);
    expect((await get('/v1/compare?ids=sample%3Aen-txt,nope')).status).toBe(404);
  });

  it('gives the closest earlier agreements with the share each supplies, and model clauses', async () => {
    const list = (await (await get('/v1/agreements?sort=-dateSigned&limit=1')).json()) as {
      agreements: { id: string; dateSigned: string }[];
    };
    const latest = list.agreements[0];
    if (!latest) return;
    const reuse = (await (await get(`/v1/agreements/${encodeURIComponent(latest.id)}/reuse`)).json()) as {
      predecessors: { id: string; signed: string; share: number }[];
      earlierShare: number;
    };
    expect(reuse.predecessors.length).toBeGreaterThan(0);
    for (const p of reuse.predecessors) {
      expect(p.signed < latest.dateSigned).toBe(true);
      expect(p.share).toBeGreaterThan(0);
      expect(p.share).toBeLessThanOrEqual(reuse.earlierShare + 1e-9);
    }
    const shares = reuse.predecessors.map((p) => p.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect((await get('/v1/agreements/sample%3Aen-txt/reuse')).status).toBe(404);

    const clauses = (await (await get('/v1/clauses?check=19.4-cultural-clause')).json()) as {
      clauses: { agreementId: string; strength: string; citation: string; quote: string }[];
    };
    expect(clauses.clauses.length).toBeGreaterThan(0);
    expect(clauses.clauses.every((c) => !c.agreementId.startsWith('sample:') && c.quote && c.citation)).toBe(true);
    expect(new Set(clauses.clauses.map((c) => c.agreementId)).size).toBe(clauses.clauses.length);
    const order = { binding: 0, soft: 1, preambular: 2 } as Record<string, number>;
    const strengths = clauses.clauses.map((c) => order[c.strength] ?? 3);
    expect(strengths).toEqual([...strengths].sort((a, b) => a - b));
    expect((await get('/v1/clauses?tag=culture.exemption&check=19.4-cultural-clause')).status).toBe(400);
  });

  it('exports what service.export streams (ccm export), CSV and JSON; samples only when asked', async () => {
    for (const [level, format, type] of [
      ['provision', 'csv', /^text\/csv/],
      ['agreement', 'json', /^application\/json/],
    ] as const) {
      const r = await get(`/v1/export?level=${level}&format=${format}&includeSamples=true`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(type);
      expect(await r.text()).toBe(await text(await service.export(level, format, { includeSamples: true })));
    }
    const scorecards = (await (await get('/v1/export?level=agreement&format=json')).json()) as {
      agreementId: string;
    }[];
    expect(scorecards.map((r) => r.agreementId).sort()).toEqual(
      TOTA.map((f) => `tota:${/pta_(\d+)/.exec(f)?.[1]}`).sort(),
    );
  });

  it('answers bad input with problem details naming the field', async () => {
    const cases: [string, number, RegExp][] = [
      ['/v1/agreements?limit=0', 400, /\?limit=/],
      ['/v1/agreements?tag=culture.nothing', 400, /\?tag=.*valid values: cdce\.reference/],
      ['/v1/agreements?yearFrom=2010&yearTo=2000', 400, /\?yearFrom=/],
      ['/v1/agreements?checkStatus=pass', 400, /\?checkStatus=.*check=/],
      ['/v1/search?party=12', 400, /\?party=/],
      ['/v1/search?cursor=garbage', 400, /cursor/],
      ['/v1/uptake?by=decade&check=19.4-cultural-clause', 400, /\?by=/],
      ['/v1/export?level=tag', 400, /\?level=.*valid values: provision, agreement/],
      ['/v1/nothing-here', 404, /no route/],
    ];
    for (const [path, status, detail] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      expect(r.headers.get('content-type'), path).toBe('application/problem+json');
      const problem = (await r.json()) as { type: string; detail: string; status: number };
      expect(problem.status).toBe(status);
      expect(problem.type).toMatch(/^https:\/\/ccm\.invalid\/problems\//);
      expect(problem.detail, path).toMatch(detail);
    }
  });

  it('limits bodies, answers CORS for the configured origin only, and logs no query text', async () => {
    const big = await get('/v1/agreements', { method: 'POST', body: 'x'.repeat(200_000) });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
    const allowed = await get('/v1/tags', { headers: { origin: 'https://dashboard.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    const other = await get('/v1/tags', { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await get('/v1/search?q=zanzibarquokka');
    expect(logs.some((l) => l.startsWith('GET /v1/search 200'))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/zanzibarquokka|cultural industries/);
  });

  // Last: it adds agreements, which the counts of the tests above do not expect.
  it('answers 404 problem details for an agreement whose file the store does not hold (stored before files were kept)', async () => {
    const fr = await sample('accord-culture-commerce-fr.pdf');
    // Saved as a store of before this change held it: the agreement, no original.
    await service.store.saveAgreement(record(fr, 'sample:fr-pdf-older', { sample: true }));
    expect((await get('/v1/agreements/sample%3Afr-pdf-older')).status).toBe(200);
    for (const method of ['GET', 'HEAD']) {
      const r = await get('/v1/agreements/sample%3Afr-pdf-older/file', { method });
      expect(r.status, method).toBe(404);
      expect(r.headers.get('content-type'), method).toBe('application/problem+json');
      if (method === 'GET') expect(((await r.json()) as { detail: string }).detail).toMatch(/not stored/);
    }
  });

  it('names a file whatever its name holds: quotes, accents and a line break stay out of the header syntax', async () => {
    const bytes = readFileSync(resolve(SAMPLES, 'acuerdo-cultura-comercio-es.pdf'));
    const es = await sample('acuerdo-cultura-comercio-es.pdf');
    es.source.fileName = 'Acuerdo "cultura"\r\nX-Injected: 1 – été.pdf';
    await service.store.saveAgreement({
      ...record(es, 'sample:es-pdf-named', { sample: true }),
      original: { mediaType: 'application/pdf', bytes: new Uint8Array(bytes) },
    });
    const r = await get('/v1/agreements/sample%3Aes-pdf-named/file');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-injected')).toBeNull();
    const header = r.headers.get('content-disposition') ?? '';
    expect(header).toMatch(
      /^inline; filename="Acuerdo \\"cultura\\"__X-Injected: 1 \? \?t\?\.pdf"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(header.split("filename*=UTF-8''")[1] ?? '')).toBe(
      'Acuerdo "cultura"__X-Injected: 1 – été.pdf',
    );
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
