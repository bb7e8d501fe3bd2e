import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AgreementDocument } from '@ccm/parser';
import { parseMany } from '@ccm/pool';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { childrenOf, hasShared, isRunning, PDF_DIR } from './helpers.ts';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
const POOL = resolve(import.meta.dirname, '../../packages/pool/src/index.ts');

describe('parseMany', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const collect = async (paths: string[], options: Parameters<typeof parseMany>[1]) => {
    const out = new Map<string, AgreementDocument | string>();
    for await (const o of parseMany(paths, options)) out.set(o.path, o.ok ? o.document : o.error.code);
    return out;
  };

  it('gives the same documents on worker processes and threads as on the calling thread, and reports bad files without stopping', async () => {
    const bad = join(dir, 'broken.pdf');
    writeFileSync(bad, 'not a pdf at all');
    const paths = [
      resolve(SAMPLES, 'culture-trade-agreement-en.txt'),
      bad,
      resolve(SAMPLES, 'accord-culture-commerce-fr.pdf'),
      resolve(SAMPLES, 'acuerdo-cultura-comercio-es.docx'),
    ];
    const inline = await collect(paths, { workers: 0 });
    expect(await collect(paths, { workers: 2 })).toEqual(inline);
    expect(await collect(paths, { workers: 2, isolation: 'thread' })).toEqual(inline);
    expect(inline.get(bad)).toBe('PARSER_NOT_A_PDF');
    expect([...inline.values()].filter((v) => typeof v !== 'string')).toHaveLength(3);
  });

  it.runIf(hasShared)('reports a worker that runs out of heap for that file alone, and goes on', async () => {
    const paths = [
      resolve(PDF_DIR, 'rcep-agreement-all-chapters.pdf'),
      resolve(SAMPLES, 'culture-trade-agreement-en.txt'),
    ];
    // The dying worker's V8 prints "FATAL ERROR … heap out of memory" on the stderr the pool pipes
    // into ours: captured here and asserted, so a green log reads green.
    const captured: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    });
    let outcomes: Awaited<ReturnType<typeof collect>>;
    try {
      outcomes = await collect(paths, { workers: 1, workerHeapMb: 24 });
    } finally {
      write.mockRestore();
    }
    expect(captured.join('')).toMatch(/heap out of memory|Reached heap limit/);
    expect(outcomes.get(paths[0] ?? '')).toBe('PARSER_WORKER_FAILED');
    expect(typeof outcomes.get(paths[1] ?? '')).toBe('object');
  });

  it.runIf(hasShared && process.platform === 'linux')(
    'stops a worker process mid-document when its parent is killed',
    async () => {
      const rcep = resolve(PDF_DIR, 'rcep-agreement-all-chapters.pdf');
      const script = `import { parseMany } from ${JSON.stringify(POOL)};
        for await (const o of parseMany([${JSON.stringify(rcep)}, ${JSON.stringify(rcep)}], { workers: 1 })) {}`;
      const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
      const pid = parent.pid ?? 0;
      await expect.poll(() => childrenOf(pid).length, { timeout: 10_000 }).toBe(1);
      const [worker = 0] = childrenOf(pid);
      // RCEP takes seconds to parse: kill the parent well inside the first document.
      await new Promise((r) => setTimeout(r, 800));
      parent.kill('SIGKILL');
      const killed = performance.now();
      await expect.poll(() => isRunning(worker), { timeout: 1000, interval: 10 }).toBe(false);
      expect(performance.now() - killed).toBeLessThan(1000);
    },
    15_000,
  );
});
