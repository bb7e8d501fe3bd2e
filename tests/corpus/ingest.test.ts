import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { classify } from '@ccm/classifier';
import { parse } from '@ccm/parser';
import { openStore } from '@ccm/store';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, hasShared, isRunning, TOTA_DIR } from '../parser/helpers.ts';
import { ENGINES, freshStore } from '../store/engines.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
// 20 ToTA agreements of middling size: enough for a run to be caught half-way.
const TWENTY = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22].map((id) =>
  resolve(TOTA_DIR, `pta_${id}.xml`),
);

function ccm(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', CCM_DATA_DIR: '', ...env },
  });
}

describe.each(ENGINES)('ccm ingest on %s', (engine) => {
  let env: Record<string, string>;
  let options: Parameters<typeof openStore>[0];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshStore(engine);
    env = fresh.env;
    options = fresh.options;
    drop = fresh.drop;
  });
  afterAll(async () => drop?.());

  it('stores the samples with their manifest, and a second run stores nothing new', () => {
    const args = ['ingest', SAMPLES, '--manifest', resolve(SAMPLES, 'manifest.yaml')];
    const first = ccm(args, env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^9 agreement\(s\) added .* 0 unchanged, 0 failed/m);
    const second = ccm(args, env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(
      /^0 agreement\(s\) added \(0 provisions, 0 tags\), 9 unchanged, 0 failed.*Nothing new to store\./m,
    );
  });

  it('exports tags with citations and per-agreement scorecards (samples only when asked)', () => {
    const none = ccm(['export', '--format', 'json'], env);
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const csv = ccm(['export', '--include-samples'], env);
    expect(csv.status).toBe(0);
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    const exemption = rows.find((r) => r.agreementId === 'sample:en-pdf' && r.tag === 'culture.exemption');
    expect(exemption).toMatchObject({
      article: '1.3',
      page: '1',
      strength: 'binding',
      scope: 'agreement',
      evidence: 'cultural industries',
    });
    // A page is cited only where the source has pages: the text and DOCX samples cite the article.
    const fromText = rows.find((r) => r.agreementId === 'sample:en-txt' && r.tag === 'culture.exemption');
    expect(fromText).toMatchObject({ article: '1.3', page: '' });
    expect(new Set(rows.map((r) => r.agreementId)).size).toBe(9);
    const json = ccm(['export', '--level', 'agreement', '--format', 'json', '--include-samples'], env);
    const agreements = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(agreements).toHaveLength(9);
    const fr = agreements.find((a) => a.agreementId === 'sample:fr-docx');
    expect(fr).toMatchObject({
      language: 'fr',
      dateSigned: '2025-06-01',
      '18-preferential-treatment': 'fail',
      '19.4-cultural-clause': 'pass',
    });
    expect(fr?.title).toMatch(/\(DOCX\)$/);
  });

  it('reclassifies stored agreements without parsing them again, and records the run', async () => {
    const run = ccm(['ingest', '--reclassify', '--force'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^9 agreement\(s\) reclassified/m);
    const store = await openStore(options);
    try {
      expect((await store.summary({ includeSamples: true })).agreements).toBe(9);
    } finally {
      await store.close();
    }
  });

  it('reports a bad file with its code, skips it, and leaves what is stored intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-bad-'));
    try {
      writeFileSync(join(dir, 'corrupt.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 7)]));
      writeFileSync(join(dir, 'broken.xml'), '<treaty><meta><name>x</name></meta><body><chapter></body>');
      writeFileSync(
        join(dir, 'good.txt'),
        readFileSync(resolve(SAMPLES, 'culture-trade-agreement-en.txt'), 'utf8').replace('ARCADIA', 'ARCADIA (BIS)'),
      );
      const run = ccm(['ingest', dir], env);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/error \[PARSER_CORRUPT_PDF\].*corrupt\.pdf/);
      expect(run.stderr).toMatch(/error \[PARSER_MALFORMED_XML\].*broken\.xml/);
      expect(run.stdout).toMatch(/^1 agreement\(s\) added .* 2 failed/m);
      const store = await openStore(options);
      try {
        expect((await store.summary({ includeSamples: true })).agreements).toBe(10);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(hasShared).each(ENGINES)('ccm ingest killed half-way on %s', (engine) => {
  it('leaves no agreement half-written, and a second run completes the rest', async () => {
    const fresh = await freshStore(engine);
    try {
      const child: ChildProcess = spawn(process.execPath, [CLI, 'ingest', ...TWENTY, '--jobs', '1'], {
        env: { ...process.env, DATABASE_URL: '', CCM_DATA_DIR: '', ...fresh.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stored = 0;
      let workers: number[] = [];
      const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_code, signal) => ok(signal)));
      for await (const line of createInterface({ input: child.stderr as NodeJS.ReadableStream })) {
        // Kill it as soon as five agreements are in: the sixth is on its way to the database.
        if (line.startsWith('stored ') && ++stored === 5) {
          workers = childrenOf(child.pid ?? 0);
          child.kill('SIGKILL');
        }
      }
      expect(await exited).toBe('SIGKILL');
      // Its worker process does not go on parsing for nobody.
      if (process.platform === 'linux') {
        expect(workers.length).toBeGreaterThan(0);
        await expect.poll(() => workers.filter(isRunning), { timeout: 5000 }).toEqual([]);
      }

      const store = await openStore(fresh.options);
      let before: number;
      try {
        const documents = await store.documents();
        before = documents.size;
        expect(before).toBeGreaterThanOrEqual(5);
        expect(before).toBeLessThan(20);
        // Every agreement in the store is whole: all its provisions and all its tags.
        for (const { agreementId } of documents.values()) {
          const file = resolve(TOTA_DIR, `pta_${agreementId.replace('tota:', '')}.xml`);
          const expected = classify(await parse(readFileSync(file)));
          const loaded = await store.loadDocument(agreementId);
          expect(loaded?.provisions.length).toBe(expected.provisions.length);
          const detail = await store.agreement(agreementId);
          expect(detail?.tags.length).toBe(expected.provisions.reduce((n, p) => n + p.tags.length, 0));
        }
        const summary = await store.summary();
        const all = await Promise.all([...documents.values()].map((d) => store.loadDocument(d.agreementId)));
        expect(summary.provisions).toBe(all.reduce((n, d) => n + (d?.provisions.length ?? 0), 0));
      } finally {
        await store.close();
      }

      const rerun = ccm(['ingest', ...TWENTY], fresh.env);
      expect(rerun.status).toBe(0);
      expect(rerun.stdout).toMatch(
        new RegExp(`^${20 - before} agreement\\(s\\) added .* ${before} unchanged, 0 failed`, 'm'),
      );
      const after = await openStore(fresh.options);
      try {
        expect((await after.documents()).size).toBe(20);
      } finally {
        await after.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
