import { deserialiseFingerprint, fingerprint, type SerialisedFingerprint, serialiseFingerprint } from '@ccm/compare';
import type { AgreementDocument } from '@ccm/parser';
import { openStore, type Store } from '@ccm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshStore } from './engines.ts';
import { record, rehashed, sample, storeError } from './helpers.ts';

describe.each(ENGINES)('provision fingerprints in the store on %s', (engine) => {
  let store: Store;
  let fresh: Awaited<ReturnType<typeof freshStore>>;
  let en: AgreementDocument;
  let fr: AgreementDocument;
  const serialised = (d: AgreementDocument) => serialiseFingerprint(fingerprint(d));

  beforeAll(async () => {
    fresh = await freshStore(engine);
    store = await openStore(fresh.options);
    en = await sample('culture-trade-agreement-en.txt');
    fr = await sample('accord-culture-commerce-fr.txt');
  });
  afterAll(async () => {
    await store?.close();
    await fresh?.drop();
  });

  it('stores a fingerprint with its agreement and gives back the same grams', async () => {
    expect((await store.saveAgreement({ ...record(en, 'test:en'), fingerprint: serialised(en) })).status).toBe('added');
    await store.saveAgreement(record(fr, 'test:fr'));
    const stored = await store.fingerprints();
    expect([...stored.keys()]).toEqual(['test:en']);
    const back = deserialiseFingerprint(stored.get('test:en'));
    expect(back).toEqual(fingerprint(en));
    expect(back.provisions.length).toBeGreaterThan(5);
    expect(back.provisions.every((p) => p.words.length > 0)).toBe(true);
  });

  it('back-fills an agreement saved without one, and keeps one already there in the current format', async () => {
    expect(await store.saveFingerprint('test:fr', serialised(fr))).toBe(true);
    expect(deserialiseFingerprint((await store.fingerprints()).get('test:fr'))).toEqual(fingerprint(fr));
    // A back-fill computed from an earlier read must not overwrite what was saved with the text.
    expect(await store.saveFingerprint('test:fr', serialised(en))).toBe(false);
    expect((await store.fingerprints()).get('test:fr')).toEqual(serialised(fr));
    expect((await storeError(store.saveFingerprint('test:nowhere', serialised(fr)))).code).toBe('STORE_CONFLICT');
  });

  it('keeps it on reclassification and on a re-save of the same content; a new version brings its own or none', async () => {
    const before = (await store.fingerprints()).get('test:en');
    const again = record(en, 'test:en');
    await store.replaceClassification('test:en', again.classification, again.scorecard);
    expect((await store.fingerprints()).get('test:en')).toEqual(before);
    // The same bytes again (another fingerprint given, to see which one stays): the stored one.
    expect((await store.saveAgreement({ ...again, fingerprint: serialised(fr) })).status).toBe('unchanged');
    expect((await store.fingerprints()).get('test:en')).toEqual(before);
    // A new version of the agreement: its fingerprint replaces the old text's ...
    const v2 = rehashed(fr, 'a7');
    expect((await store.saveAgreement({ ...record(v2, 'test:en'), fingerprint: serialised(v2) })).status).toBe(
      'replaced',
    );
    expect((await store.fingerprints()).get('test:en')).toEqual(serialised(v2));
    // ... and a new version without one leaves none, never the old text's.
    expect((await store.saveAgreement(record(rehashed(en, 'a8'), 'test:en'))).status).toBe('replaced');
    expect((await store.fingerprints()).has('test:en')).toBe(false);
    // A stored agreement without one gets it from a re-save of the same content.
    expect(
      (await store.saveAgreement({ ...record(rehashed(en, 'a8'), 'test:en'), fingerprint: serialised(en) })).status,
    ).toBe('unchanged');
    expect((await store.fingerprints()).get('test:en')).toEqual(serialised(en));
  });

  it('leaves samples out unless asked, and a fingerprint of another format out always', async () => {
    const fake = rehashed(en, 'b9');
    await store.saveAgreement({ ...record(fake, 'sample:en-extra'), fingerprint: serialised(fake) });
    expect((await store.fingerprints()).has('sample:en-extra')).toBe(false);
    expect((await store.fingerprints({ includeSamples: true })).has('sample:en-extra')).toBe(true);
    // One of an earlier (or later) format: to be recomputed, not misread, and replaced by a back-fill.
    const other = { ...serialised(en), format: 'ccm.fingerprint/0' } as unknown as SerialisedFingerprint;
    const older = rehashed(en, 'c1');
    await store.saveAgreement({ ...record(older, 'test:older'), fingerprint: other });
    expect((await store.fingerprints()).has('test:older')).toBe(false);
    expect(await store.saveFingerprint('test:older', serialised(older))).toBe(true);
    expect((await store.fingerprints()).get('test:older')).toEqual(serialised(older));
  });

  it('reads fingerprints read-only and refuses to write one', async () => {
    await store.close();
    const reading = await openStore({ ...fresh.options, readOnly: true });
    try {
      expect((await reading.fingerprints()).get('test:fr')).toEqual(serialised(fr));
      expect((await storeError(reading.saveFingerprint('test:fr', serialised(en)))).code).toBe('STORE_READ_ONLY');
      expect((await reading.fingerprints()).get('test:fr')).toEqual(serialised(fr));
    } finally {
      await reading.close();
      store = await openStore(fresh.options);
    }
  });
});
