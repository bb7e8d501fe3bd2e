import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseMany } from '@ccm/parser/pool';
import { describe, expect, it } from 'vitest';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');

describe('parseMany', () => {
  it('gives the same documents on worker threads as on the calling thread, and reports bad files without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-pool-'));
    const bad = join(dir, 'broken.pdf');
    writeFileSync(bad, 'not a pdf at all');
    const paths = [
      resolve(SAMPLES, 'culture-trade-agreement-en.txt'),
      bad,
      resolve(SAMPLES, 'accord-culture-commerce-fr.txt'),
      resolve(SAMPLES, 'acuerdo-cultura-comercio-es.txt'),
    ];
    const collect = async (workers: number) => {
      const out = new Map<string, string>();
      for await (const o of parseMany(paths, { workers }))
        out.set(o.path, o.ok ? o.document.source.sha256 + o.document.provisions.length : o.error.code);
      return out;
    };
    const inline = await collect(0);
    const pooled = await collect(2);
    rmSync(dir, { recursive: true, force: true });
    expect(pooled).toEqual(inline);
    expect(pooled.get(bad)).toBe('PARSER_NOT_A_PDF');
    expect([...pooled.values()].filter((v) => !v.startsWith('PARSER_'))).toHaveLength(3);
  });
});
