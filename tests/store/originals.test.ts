import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type AgreementDocument, parse } from '@ccm/parser';
import { ingest } from '@ccm/service';
import { mediaTypeOf, openStore, type Store } from '@ccm/store';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';
import { ENGINES, freshStore } from './engines.ts';
import { record, rehashed, storeError } from './helpers.ts';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');

/** A real file, its bytes and its parse: what ingest hands the store. */
async function file(path: string): Promise<{ bytes: Uint8Array; document: AgreementDocument }> {
  const bytes = new Uint8Array(readFileSync(path));
  return { bytes, document: await parse(bytes, { fileName: path }) };
}

const original = (f: { bytes: Uint8Array; document: AgreementDocument }) => ({
  mediaType: mediaTypeOf(f.document.source.format),
  bytes: f.bytes,
});

describe.each(ENGINES)('original files in the store on %s', (engine) => {
  let store: Store;
  let fresh: Awaited<ReturnType<typeof freshStore>>;
  let pdf: Awaited<ReturnType<typeof file>>;
  let txt: Awaited<ReturnType<typeof file>>;
  let xml: Awaited<ReturnType<typeof file>> | null = null;

  /** The `originals` rows as the engine holds them: the store is closed meanwhile (PGlite is one process). */
  async function rawRows(): Promise<{ agreement_id: string; byte_size: number; content: Uint8Array }[]> {
    await store.close();
    const query = 'SELECT agreement_id, byte_size, content FROM originals ORDER BY agreement_id';
    try {
      if (engine === 'pglite') {
        const db = await PGlite.create(fresh.options.dataDir ?? '');
        try {
          return (await db.query<{ agreement_id: string; byte_size: number; content: Uint8Array }>(query)).rows;
        } finally {
          await db.close();
        }
      }
      const client = new pg.Client({ connectionString: fresh.options.databaseUrl });
      await client.connect();
      try {
        return (await client.query(query)).rows;
      } finally {
        await client.end();
      }
    } finally {
      store = await openStore(fresh.options);
    }
  }

  beforeAll(async () => {
    fresh = await freshStore(engine);
    store = await openStore(fresh.options);
    pdf = await file(resolve(SAMPLES, 'culture-trade-agreement-en.pdf'));
    txt = await file(resolve(SAMPLES, 'culture-trade-agreement-en.txt'));
    if (hasShared) xml = await file(resolve(TOTA_DIR, 'pta_143.xml'));
  });
  afterAll(async () => {
    await store?.close();
    await fresh?.drop();
  });

  it('stores the file with its agreement and gives back the same bytes, type and name', async () => {
    expect((await store.saveAgreement({ ...record(pdf.document, 'test:pdf'), original: original(pdf) })).status).toBe(
      'added',
    );
    expect((await store.saveAgreement({ ...record(txt.document, 'test:txt'), original: original(txt) })).status).toBe(
      'added',
    );
    if (xml) await store.saveAgreement({ ...record(xml.document, 'tota:143'), original: original(xml) });

    const back = await store.original('test:pdf');
    expect(back).toMatchObject({
      mediaType: 'application/pdf',
      byteSize: pdf.bytes.byteLength,
      fileName: 'culture-trade-agreement-en.pdf',
    });
    expect(Buffer.from(back?.bytes ?? []).equals(Buffer.from(pdf.bytes))).toBe(true);
    const text = await store.original('test:txt');
    expect(text?.mediaType).toBe('text/plain');
    expect(Buffer.from(text?.bytes ?? []).equals(Buffer.from(txt.bytes))).toBe(true);
    if (xml) {
      const tota = await store.original('tota:143');
      expect(tota?.mediaType).toBe('application/xml');
      expect(tota?.fileName).toBe('pta_143.xml');
      expect(Buffer.from(tota?.bytes ?? []).equals(Buffer.from(xml.bytes))).toBe(true);
    }
  });

  it('keeps the bytes gzip-compressed in the database: a small text half the size, ToTA XML under a third', async () => {
    const rows = new Map((await rawRows()).map((r) => [r.agreement_id, r]));
    for (const [id, f] of [
      ['test:pdf', pdf],
      ['test:txt', txt],
      ...(xml ? ([['tota:143', xml]] as const) : []),
    ] as const) {
      const row = rows.get(id);
      expect(row?.byte_size, id).toBe(f.bytes.byteLength);
      const content = Buffer.from(row?.content ?? []);
      expect([content[0], content[1]], id).toEqual([0x1f, 0x8b]);
      expect(gunzipSync(content).equals(Buffer.from(f.bytes)), id).toBe(true);
    }
    expect((rows.get('test:txt')?.content.byteLength ?? Infinity) * 2).toBeLessThan(txt.bytes.byteLength);
    if (xml) expect((rows.get('tota:143')?.content.byteLength ?? Infinity) * 3).toBeLessThan(xml.bytes.byteLength);
  });

  it('has none for an agreement saved without one or an unknown id; a re-save of the same content fills it in', async () => {
    const fr = await file(resolve(SAMPLES, 'accord-culture-commerce-fr.txt'));
    await store.saveAgreement(record(fr.document, 'test:fr'));
    expect(await store.original('test:fr')).toBeNull();
    expect(await store.original('test:nowhere')).toBeNull();
    expect((await store.saveAgreement({ ...record(fr.document, 'test:fr'), original: original(fr) })).status).toBe(
      'unchanged',
    );
    expect(Buffer.from((await store.original('test:fr'))?.bytes ?? []).equals(Buffer.from(fr.bytes))).toBe(true);
  });

  it('back-fills the file of a document stored without one, by its hash, once; other bytes are refused', async () => {
    const docx = await file(resolve(SAMPLES, 'culture-trade-agreement-en.docx'));
    await store.saveAgreement(record(docx.document, 'test:docx'));
    const sha = docx.document.source.sha256;
    expect((await store.documents()).get(sha)).toMatchObject({ agreementId: 'test:docx', hasOriginal: false });
    expect((await storeError(store.saveOriginal(sha, txt.bytes))).code).toBe('STORE_CONFLICT');
    expect((await storeError(store.saveOriginal('0'.repeat(64), docx.bytes))).code).toBe('STORE_CONFLICT');
    expect(await store.saveOriginal(sha, docx.bytes)).toBe(true);
    expect(await store.saveOriginal(sha, docx.bytes)).toBe(false);
    const back = await store.original('test:docx');
    expect(Buffer.from(back?.bytes ?? []).equals(Buffer.from(docx.bytes))).toBe(true);
    expect(back?.mediaType).toBe(mediaTypeOf('docx'));
    expect((await store.documents()).get(sha)?.hasOriginal).toBe(true);
  });

  it('ingest back-fills the file of an agreement stored before files were kept, and changes nothing else', async () => {
    const path = resolve(SAMPLES, 'accord-culture-commerce-fr.docx');
    const fr = await file(path);
    await store.saveAgreement(record(fr.document, 'test:fr-docx'));
    const summary = await ingest(store, [path], { workers: 1 });
    expect(summary).toMatchObject({ added: 0, unchanged: 1, failed: 0 });
    expect(Buffer.from((await store.original('test:fr-docx'))?.bytes ?? []).equals(Buffer.from(fr.bytes))).toBe(true);
  });

  it('refuses bytes that are not the document, and stores nothing of that agreement', async () => {
    const error = await storeError(
      store.saveAgreement({ ...record(rehashed(txt.document, 'd4'), 'test:other'), original: original(txt) }),
    );
    expect(error.code).toBe('STORE_CONFLICT');
    expect(error.message).toMatch(/sha256/);
    expect(await store.agreement('test:other')).toBeNull();
    expect(await store.original('test:other')).toBeNull();
  });

  it('a new version brings its own original or none, never the old one', async () => {
    const es = await file(resolve(SAMPLES, 'acuerdo-cultura-comercio-es.txt'));
    expect((await store.saveAgreement({ ...record(es.document, 'test:txt'), original: original(es) })).status).toBe(
      'replaced',
    );
    expect(Buffer.from((await store.original('test:txt'))?.bytes ?? []).equals(Buffer.from(es.bytes))).toBe(true);
    expect((await store.saveAgreement(record(rehashed(es.document, 'e5'), 'test:txt'))).status).toBe('replaced');
    expect(await store.original('test:txt')).toBeNull();
  });

  it('reads an original on a read-only open', async () => {
    await store.close();
    const reading = await openStore({ ...fresh.options, readOnly: true });
    try {
      const back = await reading.original('test:pdf');
      expect(Buffer.from(back?.bytes ?? []).equals(Buffer.from(pdf.bytes))).toBe(true);
    } finally {
      await reading.close();
      store = await openStore(fresh.options);
    }
  });
});
