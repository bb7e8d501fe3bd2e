import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify, scorecard } from '@ccm/classifier';
import { deserialiseFingerprint, fingerprint } from '@ccm/compare';
import { agreementMeta } from '@ccm/corpus';
import { type AgreementDocument, parse } from '@ccm/parser';
import { ingest, reuseOf, serviceOn } from '@ccm/service';
import { openStore, type Store } from '@ccm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';
import { ENGINES, freshStore } from '../store/engines.ts';

const tota = (n: number) => resolve(TOTA_DIR, `pta_${n}.xml`);

/** The store, with the ids of the documents loaded through it. */
function counting(store: Store): { store: Store; loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    store: {
      ...store,
      loadDocument: (id) => {
        loaded.push(id);
        return store.loadDocument(id);
      },
    },
  };
}

// EFTA–Colombia (2008) and EFTA–Peru (2010) come from one EFTA model text; Japan–Thailand (2007)
// is stored as a store written before fingerprints were kept holds it: without one.
describe.runIf(hasShared)('provision fingerprints stored at ingest, read by the reuse index', () => {
  describe.each(ENGINES)('on %s', (engine) => {
    let fresh: Awaited<ReturnType<typeof freshStore>>;
    beforeAll(async () => {
      fresh = await freshStore(engine);
      const store = await openStore(fresh.options);
      try {
        const summary = await ingest(store, [tota(153), tota(154)], { workers: 1 });
        expect(summary).toMatchObject({ added: 2, failed: 0 });
        const document = await parse(new Uint8Array(readFileSync(tota(1))), { fileName: 'pta_1.xml' });
        const classification = classify(document);
        const saved = await store.saveAgreement({
          meta: agreementMeta(document),
          document,
          classification,
          scorecard: scorecard(classification),
        });
        expect(saved).toEqual({ status: 'added', agreementId: 'tota:1' });
      } finally {
        await store.close();
      }
    }, 300_000);
    afterAll(async () => fresh?.drop());

    it('ingest stores each agreement’s fingerprint: the grams of the stored document’s own', async () => {
      const store = await openStore({ ...fresh.options, readOnly: true });
      try {
        const stored = await store.fingerprints();
        expect([...stored.keys()].sort()).toEqual(['tota:153', 'tota:154']);
        for (const id of ['tota:153', 'tota:154']) {
          const back = deserialiseFingerprint(stored.get(id));
          expect(back).toEqual(fingerprint((await store.loadDocument(id)) as AgreementDocument));
          expect(back.provisions.length).toBeGreaterThan(100);
          expect(back.charGramCount).toBeGreaterThan(10_000);
        }
      } finally {
        await store.close();
      }
    });

    it('on a read-only store, reuse computes the missing fingerprint from its document and writes nothing', async () => {
      const store = await openStore({ ...fresh.options, readOnly: true });
      try {
        const spy = counting(store);
        const report = await reuseOf(serviceOn(spy.store)).predecessors('tota:154');
        expect(report.predecessors[0]).toMatchObject({ id: 'tota:153', title: expect.any(String) });
        expect(report.predecessors[0]?.share).toBeGreaterThan(0.6);
        expect(report.predecessors.find((p) => p.id === 'tota:1')?.share).toBeLessThan(0.15);
        // Only the agreement stored without a fingerprint was read.
        expect(spy.loaded).toEqual(['tota:1']);
        expect((await store.fingerprints()).has('tota:1')).toBe(false);
      } finally {
        await store.close();
      }
    });

    it('on a writable store, reuse back-fills it once, and rebuilds when an agreement is added', async () => {
      const store = await openStore(fresh.options);
      try {
        const spy = counting(store);
        const reuse = reuseOf(serviceOn(spy.store));
        const first = await reuse.predecessors('tota:154');
        expect(spy.loaded).toEqual(['tota:1']);
        const filled = (await store.fingerprints()).get('tota:1');
        expect(deserialiseFingerprint(filled)).toEqual(
          fingerprint((await store.loadDocument('tota:1')) as AgreementDocument),
        );
        // Another service (a restart) builds the same index from stored fingerprints alone.
        const again = counting(store);
        expect(await reuseOf(serviceOn(again.store)).predecessors('tota:154')).toEqual(first);
        expect(again.loaded).toEqual([]);
        // An agreement ingested later is in the rebuilt index, from its stored fingerprint.
        expect(await ingest(store, [tota(2)], { workers: 1 })).toMatchObject({ added: 1, failed: 0 });
        spy.loaded.length = 0;
        expect((await reuse.predecessors('tota:2')).id).toBe('tota:2');
        expect(spy.loaded).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
});
