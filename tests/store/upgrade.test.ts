import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '@ccm/store';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';

const MIGRATIONS = resolve(import.meta.dirname, '../../packages/store/migrations');

describe('a store written before the checks table, the text and the unique hash', () => {
  const root = mkdtempSync(join(tmpdir(), 'ccm-store-upgrade-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is migrated in place: hashes and checks backfilled, samples flagged, Parties loaded', async () => {
    // The first migration only, as the store had it.
    const first = join(root, 'migrations');
    mkdirSync(join(first, 'meta'), { recursive: true });
    cpSync(join(MIGRATIONS, '0000_init.sql'), join(first, '0000_init.sql'));
    const journal = (await import(join(MIGRATIONS, 'meta/_journal.json'), { with: { type: 'json' } })).default as {
      entries: unknown[];
    };
    writeFileSync(
      join(first, 'meta/_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }),
    );
    const dir = join(root, 'data');
    const old = await PGlite.create(dir);
    await migrate(drizzle(old), { migrationsFolder: first });
    const card = {
      checks: [
        { id: '19.4-cultural-clause', title: '19.4 · cultural clause', passed: true, explanation: 'yes', evidence: [] },
        {
          id: '18-preferential-treatment',
          title: '18 · preferential treatment',
          passed: false,
          explanation: 'no',
          evidence: [],
        },
      ],
    };
    for (const [id, sha] of [
      ['tota:1', 'a'.repeat(64)],
      ['sample:en-txt', 'b'.repeat(64)],
    ] as const) {
      await old.query(
        `INSERT INTO agreements (id, title, language, classifier, scorecard) VALUES ($1, 'Old', 'en', 'v0', $2)`,
        [id, JSON.stringify(card)],
      );
      await old.query(
        `INSERT INTO documents (sha256, agreement_id, media_type, format, byte_size, page_count, warnings)
         VALUES ($1, $2, 'text/plain', 'text', 10, 1, '[]')`,
        [sha, id],
      );
      await old.query(
        `INSERT INTO provisions (agreement_id, provision_id, ordinal, kind, text, page_start, page_end, start, "end", text_start, language)
         VALUES ($1, 'article-1', 0, 'article', 'Culture is exempt.', 1, 1, 0, 18, 0, 'en')`,
        [id],
      );
    }
    await old.close();

    const store = await openStore({ dataDir: dir });
    try {
      expect([...(await store.documents()).keys()].sort()).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
      const checks = await store.checks({ includeSamples: true });
      expect(checks.map((c) => `${c.agreementId} ${c.checkId} ${c.status}`).sort()).toEqual([
        'sample:en-txt 18-preferential-treatment fail',
        'sample:en-txt 19.4-cultural-clause pass',
        'tota:1 18-preferential-treatment fail',
        'tota:1 19.4-cultural-clause pass',
      ]);
      expect((await store.summary()).samplesExcluded).toBe(1);
      // The text was not kept then: the document says so rather than pretending.
      const loaded = await store.loadDocument('tota:1');
      expect(loaded?.provisions[0]?.text).toBe('Culture is exempt.');
      expect(loaded?.warnings.join(' ')).toMatch(/provisions only/);
    } finally {
      await store.close();
    }
  }, 180_000);
});
