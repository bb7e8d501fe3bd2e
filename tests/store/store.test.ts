import { classify, scorecard } from '@ccm/classifier';
import type { AgreementDocument } from '@ccm/parser';
import { conventionAt, openStore, type Store } from '@ccm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from './engines.ts';
import { record, rehashed, sample, storeError } from './helpers.ts';

describe.each(ENGINES)('store on %s', (engine) => {
  let store: Store;
  let fresh: Awaited<ReturnType<typeof freshStore>>;
  let en: AgreementDocument;
  let fr: AgreementDocument;
  let es: AgreementDocument;

  beforeAll(async () => {
    fresh = await freshStore(engine);
    store = await openStore(fresh.options);
    en = await sample('culture-trade-agreement-en.txt');
    fr = await sample('accord-culture-commerce-fr.txt');
    es = await sample('acuerdo-cultura-comercio-es.txt');
    // Signed as real agreements would be (these ids are not in the `sample:` namespace).
    await store.saveAgreement(record(en, 'test:en', { parties: ['KOR', 'CAN'], dateSigned: '2010-06-01' }));
    await store.saveAgreement(record(fr, 'test:fr', { parties: ['FRA', 'SEN'], dateSigned: '2006-01-15' }));
    await store.saveAgreement(record(es, 'test:es', { parties: ['CHL', 'IND'], dateSigned: '2012-03-01' }));
  });
  afterAll(async () => {
    await store?.close();
    await fresh?.drop();
  });

  it('opens migrated, with the reference tables: M49 countries and the Convention Parties', async () => {
    expect(store.kind).toBe(engine);
    const detail = await store.agreement('test:en');
    const korea = detail?.parties.find((p) => p.iso3 === 'KOR');
    expect(korea).toMatchObject({
      name: 'Republic of Korea',
      region: 'Asia',
      cdceStatus: 'party',
      cdceDeposit: '2010-04-01',
    });
    expect(detail?.meta.m49Regions).toEqual(['Americas', 'Asia']);
    // India is a Party whose deposit the shared reference gives only as "Oct 2006".
    const india = (await store.agreement('test:es'))?.parties.find((p) => p.iso3 === 'IND');
    expect(india).toMatchObject({
      cdceStatus: 'party',
      cdceDeposit: null,
      cdceDepositEarliest: '2006-10-01',
      cdceDepositLatest: '2006-10-31',
    });
  });

  it('stores the parser tree, the tags and one row per check, and gives them back with citations', async () => {
    const detail = await store.agreement('test:en');
    expect(detail?.document).toMatchObject({ format: 'text', sha256: en.source.sha256 });
    const classification = classify(en);
    const expected = classification.provisions.flatMap((p) => p.tags.map((t) => `${p.provisionId} ${t.tag}`)).sort();
    expect(detail?.tags.map((t) => `${t.provisionId} ${t.tag}`).sort()).toEqual(expected);
    const exemption = detail?.tags.find((t) => t.tag === 'culture.exemption');
    expect(exemption).toMatchObject({
      article: '1.3',
      kind: 'article',
      scope: 'agreement',
      evidence: 'cultural industries',
    });
    const card = scorecard(classification);
    const rows = await store.checks();
    const ofEn = rows.filter((r) => r.agreementId === 'test:en');
    expect(ofEn.map((r) => [r.checkId, r.status]).sort()).toEqual(card.checks.map((c) => [c.id, c.status]).sort());
    expect(ofEn.find((r) => r.status === 'pass')?.evidence.length).toBeGreaterThan(0);
    expect((await store.documents()).get(en.source.sha256)?.agreementId).toBe('test:en');
  });

  it('filters checks by state and counts them per check in the summary', async () => {
    const all = await store.checks();
    expect(new Set(all.map((r) => r.agreementId))).toEqual(new Set(['test:en', 'test:fr', 'test:es']));
    const failed = await store.checks({ status: 'fail' });
    expect(failed.every((r) => r.status === 'fail')).toBe(true);
    const summary = await store.summary();
    for (const r of all) expect(summary.byCheck[r.checkId]).toBeDefined();
    const tally = (status: string) => all.filter((r) => r.status === status).length;
    const sum = (status: 'pass' | 'fail' | 'not_applicable') =>
      Object.values(summary.byCheck).reduce((n, c) => n + (c?.[status] ?? 0), 0);
    expect([sum('pass'), sum('fail'), sum('not_applicable')]).toEqual([
      tally('pass'),
      tally('fail'),
      tally('not_applicable'),
    ]);
    const one = all[0];
    if (!one) throw new Error('checks were stored');
    const same = await store.checks({ check: one.checkId, status: one.status });
    expect(same.map((r) => r.agreementId)).toContain(one.agreementId);
  });

  it('answers whether a party was a Party to the Convention at signature', async () => {
    // Korea deposited on 2010-04-01, before the 2010-06-01 signature.
    expect((await store.agreement('test:en'))?.conventionAtSignature).toBe('yes');
    // France and Senegal deposited later in 2006 than a January 2006 signature: a known "no".
    expect((await store.agreement('test:fr'))?.conventionAtSignature).toBe('no');
    expect(conventionAt('2004-01-15', [{ cdceStatus: 'party', cdceDeposit: '2006-12-18' }])).toBe('not_yet_adopted');
    expect(conventionAt('2012-03-01', [{ cdceStatus: 'unknown', cdceDeposit: null }])).toBe('unknown');
    expect(conventionAt(null, [{ cdceStatus: 'party', cdceDeposit: '2007-01-01' }])).toBe('unknown');
    // A deposit known only as "October 2006": yes after it, unknown within it, no before it.
    const india = {
      cdceStatus: 'party' as const,
      cdceDeposit: null,
      cdceDepositEarliest: '2006-10-01',
      cdceDepositLatest: '2006-10-31',
    };
    expect(conventionAt('2006-11-01', [india])).toBe('yes');
    expect(conventionAt('2006-10-15', [india])).toBe('unknown');
    expect(conventionAt('2006-09-30', [india])).toBe('no');
  });

  it('writes an agreement in one transaction: a failure leaves nothing half-written, and says nothing of the text', async () => {
    const bad = record(es, 'test:broken');
    // A tag on a provision that does not exist violates a foreign key after the provisions went in.
    const first = bad.classification.provisions[0];
    const tag = bad.classification.provisions.flatMap((p) => p.tags)[0];
    if (!first || !tag) throw new Error('the Spanish sample has tags');
    bad.classification = {
      ...bad.classification,
      provisions: [...bad.classification.provisions, { ...first, provisionId: 'nowhere', tags: [tag] }],
    };
    const error = await storeError(store.saveAgreement({ ...bad, document: rehashed(es, 'f') }));
    expect(error.code).toBe('STORE_CONFLICT');
    // Neither SQL parameters (the provision texts) nor the query reach the message.
    const someText = es.provisions.find((p) => p.text.length > 40)?.text.slice(0, 40) ?? '';
    expect(someText.length).toBe(40);
    expect(error.message).not.toContain(someText);
    expect(error.message).not.toMatch(/insert into|params/i);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(await store.agreement('test:broken')).toBeNull();
    const hits = await store.search({ text: 'audiovisuales', language: 'es', limit: 200 });
    expect(hits.hits.every((h) => h.agreementId !== 'test:broken')).toBe(true);
  });

  it('stores a content once: the same hash under another id, or saved concurrently, is unchanged', async () => {
    const before = (await store.summary()).agreements;
    expect(await store.saveAgreement(record(en, 'test:en-again'))).toEqual({
      status: 'unchanged',
      agreementId: 'test:en',
    });
    const doc = rehashed(en, 'a1');
    const results = await Promise.all(
      ['test:race-1', 'test:race-2', 'test:race-3'].map((id) => store.saveAgreement(record(doc, id))),
    );
    expect(results.filter((r) => r.status === 'added')).toHaveLength(1);
    expect(new Set(results.map((r) => r.agreementId)).size).toBe(1);
    expect((await store.summary()).agreements).toBe(before + 1);
    // A new version of an agreement (other bytes, same id) replaces it.
    const winner = results[0]?.agreementId ?? '';
    expect((await store.saveAgreement(record(rehashed(en, 'a2'), winner))).status).toBe('replaced');
    expect((await store.summary()).agreements).toBe(before + 1);
  });

  it('searches with each language’s stemmer, ranked, with highlighted snippets', async () => {
    const english = (await store.search({ text: 'cooperating audiovisual' })).hits;
    expect(['test:en', 'test:race-1', 'test:race-2', 'test:race-3']).toContain(english[0]?.agreementId);
    expect(english[0]?.snippet).toMatch(/«[Aa]udiovisual»/);
    const french = (await store.search({ text: 'industrie culturelle' })).hits;
    expect(french.map((h) => h.agreementId)).toContain('test:fr');
    const spanish = (await store.search({ text: 'tesoro nacional' })).hits;
    expect(spanish.map((h) => `${h.agreementId} ${h.article}`)).toContain('test:es 7');
  });

  it('gives the total and pages with a cursor through every hit exactly once', async () => {
    for (const query of [{ text: 'cultural' }, { language: 'fr' }]) {
      const all = await store.search({ ...query, limit: 200 });
      expect(all.hits.length).toBe(all.total);
      expect(all.nextCursor).toBeNull();
      // No invented pages: only PDF hits carry one.
      const formats = await store.formats();
      for (const h of all.hits) expect(h.pageStart === null, h.agreementId).toBe(formats.get(h.agreementId) !== 'pdf');
      const paged: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.search({ ...query, limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(all.total);
        paged.push(...page.hits.map((h) => `${h.agreementId} ${h.provisionId}`));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
      expect(paged).toEqual(all.hits.map((h) => `${h.agreementId} ${h.provisionId}`));
      expect(pages).toBe(Math.ceil(all.total / 3));
    }
    expect(await store.search({ text: 'zanzibarquokka' })).toEqual({ total: 0, hits: [], nextCursor: null });
    for (const bad of [
      { limit: 0 },
      { limit: 201 },
      { limit: 2.5 },
      { cursor: 'abc' },
      { yearFrom: 2020, yearTo: 2000 },
    ]) {
      expect((await storeError(store.search(bad))).code).toBe('STORE_BAD_QUERY');
    }
  });

  it('filters by tag, strength, party, region, year, language and kind', async () => {
    const ids = async (q: Parameters<Store['search']>[0]) =>
      new Set((await store.search({ ...q, limit: 200 })).hits.map((h) => h.agreementId));
    const heritage = await store.search({ tag: 'culture.heritage_exception', limit: 200 });
    expect([...new Set(heritage.hits.map((h) => h.agreementId))]).toEqual(
      expect.arrayContaining(['test:en', 'test:fr', 'test:es']),
    );
    expect(heritage.hits.every((h) => h.tags.includes('culture.heritage_exception'))).toBe(true);
    expect(await ids({ party: 'sen' })).toEqual(new Set(['test:fr']));
    expect(await ids({ region: 'Americas' })).toEqual(new Set(['test:en', 'test:es']));
    expect(await ids({ yearFrom: 2007, yearTo: 2011 })).toEqual(new Set(['test:en']));
    const articles = await store.search({ language: 'fr', kind: 'article', limit: 200 });
    expect(articles.hits.length).toBeGreaterThan(0);
    expect(articles.hits.every((h) => h.language === 'fr' && h.kind === 'article')).toBe(true);
    const preambular = await store.search({ tag: 'cdce.reference', strength: 'preambular', limit: 200 });
    expect(preambular.total).toBeGreaterThanOrEqual(3);
  });

  it('leaves sample agreements out of queries unless asked', async () => {
    const fake = rehashed(fr, 'b3');
    await store.saveAgreement(record(fake, 'sample:fr-extra', { parties: ['SEN'] }));
    const flagged = rehashed(fr, 'b4');
    await store.saveAgreement(record(flagged, 'other:flagged', { sample: true }));
    const samples = new Set(['sample:fr-extra', 'other:flagged']);
    const none = (ids: string[]) => ids.every((id) => !samples.has(id));
    expect(none((await store.search({ text: 'culturelle', limit: 200 })).hits.map((h) => h.agreementId))).toBe(true);
    expect(none((await store.tagRows()).map((r) => r.agreementId))).toBe(true);
    expect(none((await store.scorecards()).map((r) => r.meta.id))).toBe(true);
    expect(none((await store.checks()).map((r) => r.agreementId))).toBe(true);
    const summary = await store.summary();
    const all = await store.summary({ includeSamples: true });
    expect(summary.samplesExcluded).toBe(2);
    expect(all.agreements).toBe(summary.agreements + 2);
    const withSamples = await store.search({ text: 'culturelle', limit: 200, includeSamples: true });
    expect(withSamples.hits.map((h) => h.agreementId)).toContain('sample:fr-extra');
    expect(
      (await store.scorecards({ includeSamples: true })).find((s) => s.meta.id === 'other:flagged')?.meta.sample,
    ).toBe(true);
    expect((await store.agreement('sample:fr-extra'))?.meta.sample).toBe(true);
  });

  it('gives back a parsed document exactly as it was parsed: text, pages, footnotes, provision offsets', async () => {
    const files = [
      'culture-trade-agreement-en.pdf',
      'accord-culture-commerce-fr.docx',
      'acuerdo-cultura-comercio-es.txt',
    ];
    for (const [i, file] of files.entries()) {
      const parsed = await sample(file);
      const id = `roundtrip:${file}`;
      const doc = rehashed(parsed, `e${i}`);
      expect((await store.saveAgreement(record(doc, id))).status).toBe('added');
      const loaded = await store.loadDocument(id);
      expect(loaded).toEqual(doc);
      for (const p of loaded?.provisions ?? []) {
        expect(loaded?.text.slice(p.textStart, p.textStart + p.text.length)).toBe(p.text);
      }
    }
  });

  it('stores text with NUL and control characters, replaced one for one so offsets stay valid', async () => {
    // As from a font without Unicode mapping: NUL, a control character and an escape sequence
    // in the middle of a provision, in the document text and the provision's own copy alike.
    const target = en.provisions.find((p) => p.text.length > 20);
    if (!target) throw new Error('the English sample has provisions');
    const inject = (s: string, at: number) => `${s.slice(0, at)}\u0000\u0001\u001b${s.slice(at + 3)}`;
    const document: AgreementDocument = {
      ...rehashed(en, 'd6'),
      title: `Dirty\u0000 title`,
      text: inject(en.text, target.textStart + 5),
      provisions: en.provisions.map((p) =>
        p === target ? { ...p, text: inject(p.text, 5), heading: 'Head\u0000ing', sourceId: 'src\u0000' } : p,
      ),
      metadata: { note: 'a\u0000b' },
    };
    await store.saveAgreement(record(document, 'test:dirty'));
    const loaded = await store.loadDocument('test:dirty');
    expect(loaded?.text.length).toBe(document.text.length);
    expect(loaded?.text).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(loaded?.text.slice(target.textStart + 5, target.textStart + 8)).toBe('\uFFFD\uFFFD\uFFFD');
    expect(loaded?.title).toBe('Dirty\uFFFD title');
    expect(loaded?.metadata).toEqual({ note: 'a\uFFFDb' });
    const stored = loaded?.provisions.find((p) => p.id === target.id);
    expect([stored?.heading, stored?.sourceId]).toEqual(['Head\uFFFDing', 'src\uFFFD']);
    for (const p of loaded?.provisions ?? []) {
      expect(loaded?.text.slice(p.textStart, p.textStart + p.text.length)).toBe(p.text);
    }
  });

  it('gives back a document the classifier reads as it read the original, and replaces tags and checks in one go', async () => {
    const loaded = await store.loadDocument('test:fr');
    expect(loaded).not.toBeNull();
    const again = classify(loaded as AgreementDocument);
    const before = classify(fr);
    const key = (c: typeof again) =>
      c.provisions.flatMap((p) => p.tags.map((t) => `${p.provisionId} ${t.tag} ${t.strength}`));
    expect(key(again)).toEqual(key(before));
    await store.replaceClassification(
      'test:fr',
      { ...again, classifier: 'test-version' },
      { ...scorecard(again), classifier: 'test-version' },
    );
    const detail = await store.agreement('test:fr');
    expect(detail?.meta.classifier).toBe('test-version');
    expect(new Set(detail?.tags.map((t) => t.classifier))).toEqual(new Set(['test-version']));
    const checks = (await store.checks()).filter((c) => c.agreementId === 'test:fr');
    expect(new Set(checks.map((c) => c.classifier))).toEqual(new Set(['test-version']));
  });

  it('opens read-only without writing: reads work, writes are refused', async () => {
    await store.close();
    const reading = await openStore({ ...fresh.options, readOnly: true });
    try {
      expect(reading.readOnly).toBe(true);
      expect((await reading.agreement('test:en'))?.meta.id).toBe('test:en');
      expect((await reading.search({ text: 'cultural' })).total).toBeGreaterThan(0);
      const refused = await storeError(reading.saveAgreement(record(rehashed(es, 'c5'), 'test:ro')));
      expect(refused.code).toBe('STORE_READ_ONLY');
      expect((await storeError(reading.beginRun('ingest', 'x'))).code).toBe('STORE_READ_ONLY');
    } finally {
      await reading.close();
      store = await openStore(fresh.options);
    }
  });
});

describe.each(ENGINES)('read-only open of a missing store on %s', (engine) => {
  it('fails with a typed error and creates nothing', async () => {
    const fresh = await freshStore(engine);
    try {
      const options = engine === 'pglite' ? { dataDir: `${fresh.options.dataDir}/absent` } : fresh.options;
      const error = await storeError(openStore({ ...options, readOnly: true }));
      expect(error.code).toBe(engine === 'pglite' ? 'STORE_NOT_FOUND' : 'STORE_NOT_MIGRATED');
      if (engine === 'postgres') {
        // The empty database is still empty: no migration ran.
        const again = await storeError(openStore({ ...options, readOnly: true }));
        expect(again.code).toBe('STORE_NOT_MIGRATED');
      }
    } finally {
      await fresh.drop();
    }
  });
});
