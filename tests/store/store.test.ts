import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify, scorecard } from '@ccm/classifier';
import { type AgreementDocument, parse } from '@ccm/parser';
import { conventionAt, openStore, type Store } from '@ccm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from './engines.ts';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');

async function sample(file: string): Promise<AgreementDocument> {
  return parse(readFileSync(resolve(SAMPLES, file)), { fileName: file });
}

function record(document: AgreementDocument, id: string, extra: { parties?: string[]; dateSigned?: string } = {}) {
  const classification = classify(document);
  return {
    meta: {
      id,
      title: document.title,
      language: document.language,
      parties: extra.parties ?? [],
      dateSigned: extra.dateSigned ?? null,
    },
    document,
    classification,
    scorecard: scorecard(classification),
  };
}

describe.each(ENGINES)('store on %s', (engine) => {
  let store: Store;
  let drop: () => Promise<void>;
  let en: AgreementDocument;
  let fr: AgreementDocument;
  let es: AgreementDocument;

  beforeAll(async () => {
    const fresh = await freshStore(engine);
    drop = fresh.drop;
    store = await openStore(fresh.options);
    en = await sample('culture-trade-agreement-en.txt');
    fr = await sample('accord-culture-commerce-fr.txt');
    es = await sample('acuerdo-cultura-comercio-es.txt');
    await store.saveAgreement(record(en, 'test:en', { parties: ['KOR', 'CAN'], dateSigned: '2010-06-01' }));
    await store.saveAgreement(record(fr, 'test:fr', { parties: ['FRA', 'SEN'], dateSigned: '2004-01-15' }));
    await store.saveAgreement(record(es, 'test:es', { parties: ['CHL', 'IND'], dateSigned: '2012-03-01' }));
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
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
    // India is a Party whose deposit date the source lacks: unknown, never "not a Party".
    const india = (await store.agreement('test:es'))?.parties.find((p) => p.iso3 === 'IND');
    expect(india?.cdceStatus).toBe('unknown');
  });

  it('stores the parser tree and the tags, and gives them back with article citations', async () => {
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
    expect(detail?.scorecard.passed).toBe(7);
    expect((await store.documents()).get(en.source.sha256)?.agreementId).toBe('test:en');
  });

  it('answers whether a party was a Party to the Convention at signature', async () => {
    // Korea deposited on 2010-04-01, before the 2010-06-01 signature.
    expect((await store.agreement('test:en'))?.conventionAtSignature).toBe('yes');
    // France and Senegal deposited in 2006, after a 2004 signature: a known "no".
    expect((await store.agreement('test:fr'))?.conventionAtSignature).toBe('no');
    expect(conventionAt('2012-03-01', [{ cdceStatus: 'unknown', cdceDeposit: null }])).toBe('unknown');
    expect(conventionAt(null, [{ cdceStatus: 'party', cdceDeposit: '2007-01-01' }])).toBe('unknown');
  });

  it('writes an agreement in one transaction: a failure leaves nothing half-written', async () => {
    const bad = record(es, 'test:broken');
    // A tag on a provision that does not exist violates a foreign key after the provisions went in.
    const first = bad.classification.provisions[0];
    const tag = bad.classification.provisions.flatMap((p) => p.tags)[0];
    if (!first || !tag) throw new Error('the Spanish sample has tags');
    bad.classification = {
      ...bad.classification,
      provisions: [...bad.classification.provisions, { ...first, provisionId: 'nowhere', tags: [tag] }],
    };
    await expect(
      store.saveAgreement({ ...bad, document: { ...es, source: { ...es.source, sha256: 'f'.repeat(64) } } }),
    ).rejects.toThrow();
    expect(await store.agreement('test:broken')).toBeNull();
    expect(
      (await store.search({ text: 'audiovisuales', language: 'es' })).every((h) => h.agreementId !== 'test:broken'),
    ).toBe(true);
  });

  it('searches with each language’s stemmer, ranked, with highlighted snippets', async () => {
    const english = await store.search({ text: 'cooperating audiovisual' });
    expect(english[0]?.agreementId).toBe('test:en');
    expect(english[0]?.snippet).toMatch(/«[Aa]udiovisual»/);
    const french = await store.search({ text: 'industrie culturelle' });
    expect(french.map((h) => h.agreementId)).toContain('test:fr');
    const spanish = await store.search({ text: 'tesoro nacional' });
    expect(spanish.map((h) => `${h.agreementId} ${h.article}`)).toContain('test:es 7');
  });

  it('filters by tag, strength, party, region, year, language and kind', async () => {
    const heritage = await store.search({ tag: 'culture.heritage_exception' });
    expect(new Set(heritage.map((h) => h.agreementId))).toEqual(new Set(['test:en', 'test:fr', 'test:es']));
    expect(heritage.every((h) => h.tags.includes('culture.heritage_exception'))).toBe(true);
    expect((await store.search({ tag: 'cdce.reference', strength: 'preambular' })).length).toBe(3);
    expect(new Set((await store.search({ party: 'sen', limit: 200 })).map((h) => h.agreementId))).toEqual(
      new Set(['test:fr']),
    );
    expect(new Set((await store.search({ region: 'Americas', limit: 200 })).map((h) => h.agreementId))).toEqual(
      new Set(['test:en', 'test:es']),
    );
    expect(
      new Set((await store.search({ yearFrom: 2005, yearTo: 2011, limit: 200 })).map((h) => h.agreementId)),
    ).toEqual(new Set(['test:en']));
    const articles = await store.search({ language: 'fr', kind: 'article', limit: 200 });
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((h) => h.language === 'fr' && h.kind === 'article')).toBe(true);
  });

  it('gives back a document the classifier reads as it read the original, and replaces tags in one go', async () => {
    const loaded = await store.loadDocument('test:fr');
    expect(loaded).not.toBeNull();
    const again = classify(loaded as AgreementDocument);
    const before = classify(fr);
    const key = (c: typeof again) =>
      c.provisions.flatMap((p) => p.tags.map((t) => `${p.provisionId} ${t.tag} ${t.strength}`));
    expect(key(again)).toEqual(key(before));
    await store.replaceClassification('test:fr', { ...again, classifier: 'test-version' }, scorecard(again));
    const detail = await store.agreement('test:fr');
    expect(detail?.meta.classifier).toBe('test-version');
    expect(new Set(detail?.tags.map((t) => t.classifier))).toEqual(new Set(['test-version']));
  });
});
