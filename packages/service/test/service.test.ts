import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readManifest } from '@ccm/corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest.ts';
import { openService, type Service } from '../src/service.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLES = resolve(ROOT, 'corpus/samples');
const TOTA = process.env.CCM_TOTA_DIR ?? resolve(ROOT, '../shared/corpus/tota');
const tota = (n: number) => resolve(TOTA, `pta_${n}.xml`);

// Japan–Thailand (2007, e-commerce without a carve-out), EU–Algeria (2002: no e-commerce, before
// the Convention), Canada–Israel (1996, a cultural-industries exemption), and two samples.
describe.runIf(existsSync(TOTA))('the service over a real store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-service-'));
  let service: Service;
  beforeAll(async () => {
    service = await openService({ dataDir: dir });
    const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
    const files = [
      resolve(SAMPLES, 'culture-trade-agreement-en.txt'),
      resolve(SAMPLES, 'culture-trade-agreement-en.pdf'),
      tota(1),
      tota(16),
      tota(104),
    ];
    const summary = await ingest(service.store, files, { manifest, workers: 1 });
    expect(summary).toMatchObject({ added: 5, failed: 0 });
  }, 300_000);
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports tri-state checks, Convention status at signature and M49 regions; samples only when asked', async () => {
    const rows = await service.exportRows('agreement');
    expect(rows.map((r) => r.agreementId)).toEqual(['tota:1', 'tota:104', 'tota:16']);
    const byId = new Map(rows.map((r) => [r.agreementId, r]));
    expect(byId.get('tota:1')?.['19.4-ecommerce-cultural-specificity']).toBe('fail');
    expect(byId.get('tota:16')).toMatchObject({
      '19.4-ecommerce-cultural-specificity': 'not_applicable',
      conventionAtSignature: 'not_yet_adopted',
      checksNotApplicable: 1,
    });
    expect(byId.get('tota:104')?.['19.4-cultural-clause']).toBe('pass');
    expect(byId.get('tota:1')?.m49Regions).toBe('Asia');
    expect(await service.exportRows('agreement', { includeSamples: true })).toHaveLength(5);
  });

  it('cites a page only for sources with pages', async () => {
    const rows = await service.exportRows('provision', { includeSamples: true });
    const exemption = (id: string) => rows.find((r) => r.agreementId === id && r.tag === 'culture.exemption');
    expect(exemption('sample:en-pdf')?.page).toBe(1);
    expect(exemption('sample:en-txt')?.page).toBeNull();
    expect(rows.filter((r) => r.agreementId.startsWith('tota:')).every((r) => r.page === null)).toBe(true);
  });

  it('pages agreements and provisions with a total and a cursor', async () => {
    const first = await service.agreements({ limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    const second = await service.agreements({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((a) => a.meta.id)).toEqual(['tota:16']);
    expect(second.nextCursor).toBeNull();
    const document = await service.store.loadDocument('tota:16');
    const provisions = await service.provisions('tota:16', { limit: 5 });
    expect(provisions?.total).toBe(document?.provisions.length);
    expect(provisions?.items.map((p) => p.id)).toEqual(document?.provisions.slice(0, 5).map((p) => p.id));
    expect(await service.provisions('tota:99999')).toBeNull();
    await expect(service.agreements({ cursor: 'forged' })).rejects.toMatchObject({ code: 'USAGE_INVALID' });
  });

  it('counts uptake with its denominators and statistics without the samples', async () => {
    const series = await service.uptake({ check: '19.4-ecommerce-cultural-specificity', by: 'year' });
    const total = series.points.reduce((n, p) => n + p.agreements, 0);
    expect(total).toBe(3);
    const y2002 = series.points.find((p) => p.key === '2002');
    expect(y2002).toMatchObject({ agreements: 1, applicable: 0, notApplicable: 1, share: null });
    expect(await service.stats()).toMatchObject({ agreements: 3, samplesExcluded: 2 });
  });

  it('a failed check is given the strongest stored clause that passes it, never a sample', async () => {
    const algeria = (await service.agreement('tota:16'))?.scorecard;
    expect(algeria).toBeTruthy();
    if (!algeria) return;
    const models = await service.modelClauses(algeria, 'tota:16');
    const clause = models.get('19.4-cultural-clause');
    expect(clause?.agreementId).toBe('tota:104');
    expect(clause?.citation).toMatch(/^Article [\d.]+$/);
    for (const m of models.values()) expect(m?.agreementId ?? '').not.toMatch(/^sample:/);
  });

  // Last: it adds an agreement. Every read before it went through the in-memory snapshot.
  it('sees its own writes at once: listing, uptake, search and statistics after an ingest', async () => {
    const query = { text: '"Republic of Chile"' };
    const before = {
      list: (await service.agreements()).total,
      uptake: (await service.uptake({ check: '19.4-cultural-clause', by: 'year' })).agreements,
      stats: (await service.stats()).agreements,
      hits: (await service.search(query)).total,
    };
    const summary = await ingest(service.store, [tota(3)], { workers: 1 });
    expect(summary.added).toBe(1);
    expect((await service.agreements()).total).toBe(before.list + 1);
    expect((await service.uptake({ check: '19.4-cultural-clause', by: 'year' })).agreements).toBe(before.uptake + 1);
    expect((await service.stats()).agreements).toBe(before.stats + 1);
    expect(before.hits).toBe(0);
    expect((await service.search(query)).total).toBeGreaterThan(0);
  });
});
