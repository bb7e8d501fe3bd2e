import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { classify } from '@ccm/classifier';
import { fetchTota } from '@ccm/corpus';
import { parseFile } from '@ccm/parser';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');

describe('the sample agreements', () => {
  it.each(['culture-trade-agreement-en', 'accord-culture-commerce-fr', 'acuerdo-cultura-comercio-es'])(
    '%s: text, PDF and DOCX give the same articles and the same tags',
    async (base) => {
      const tagsOf = async (ext: string) => {
        const c = classify(await parseFile(resolve(SAMPLES, `${base}.${ext}`)));
        return c.provisions.flatMap((p) => p.tags.map((t) => `${p.provisionId} ${t.tag} ${t.strength}`)).sort();
      };
      const text = await tagsOf('txt');
      expect(text.length).toBeGreaterThanOrEqual(10);
      expect(await tagsOf('pdf')).toEqual(text);
      expect(await tagsOf('docx')).toEqual(text);
    },
  );
});

describe('ccm corpus fetch tota', () => {
  const archive = () =>
    zipSync({
      'tota-master/README.md': new TextEncoder().encode('# ToTA'),
      'tota-master/xml/pta_1.xml': new TextEncoder().encode('<treaty><meta><name>One</name></meta><body/></treaty>'),
      'tota-master/xml/pta_2.xml': new TextEncoder().encode('<treaty><meta><name>Two</name></meta><body/></treaty>'),
    });

  it('downloads the archive over HTTP and writes only the agreements', async () => {
    const bytes = archive();
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.end(bytes);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const out = mkdtempSync(join(tmpdir(), 'ccm-fetch-'));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await fetchTota(out, `http://127.0.0.1:${port}/tota.zip`);
      expect(result.files).toBe(2);
      expect(readdirSync(out).sort()).toEqual(['pta_1.xml', 'pta_2.xml']);
      expect(readFileSync(join(out, 'pta_2.xml'), 'utf8')).toContain('<name>Two</name>');
    } finally {
      server.close();
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reads a local zip, and refuses a zip bomb or a file that is no archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-fetch-'));
    try {
      writeFileSync(join(dir, 'tota.zip'), archive());
      expect((await fetchTota(join(dir, 'out'), join(dir, 'tota.zip'))).files).toBe(2);
      writeFileSync(
        join(dir, 'bomb.zip'),
        zipSync({ 'xml/pta_9.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 9 }),
      );
      await expect(fetchTota(join(dir, 'out2'), join(dir, 'bomb.zip'))).rejects.toThrow(/more than the limit/);
      writeFileSync(join(dir, 'not.zip'), 'hello');
      await expect(fetchTota(join(dir, 'out3'), join(dir, 'not.zip'))).rejects.toThrow(/not a readable zip/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
