import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleDescendants } from '../../bench/tree-memory.ts';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');

/** Runs the CLI, sampling its process tree every 50 ms: the exit code, lines of stdout, and the most processes seen at once. */
function runCounting(args: string[]): Promise<{ code: number | null; lines: number; most: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      lines += chunk.toString('utf8').split('\n').length - 1;
    });
    const processes = sampleDescendants(child.pid ?? 0);
    child.once('error', fail);
    child.once('close', (code) => {
      done({ code, lines, most: processes.stop() });
    });
  });
}

describe.runIf(hasShared)('one analysis engine per process', () => {
  // 60 files used to start 60 worker processes (one per file).
  const files = readdirSync(TOTA_DIR)
    .filter((n) => n.endsWith('.xml'))
    .sort()
    .slice(0, 60)
    .map((n) => resolve(TOTA_DIR, n));

  it('classifies 60 files on at most one worker per core (+1), and every file gets its lines', async () => {
    const cores = availableParallelism();
    const run = await runCounting(['classify', ...files]);
    expect(run.code).toBe(0);
    expect(run.lines).toBeGreaterThan(60);
    expect(run.most).toBeGreaterThan(0);
    expect(run.most).toBeLessThanOrEqual(cores + 1);
  }, 300_000);

  it('--jobs sizes the engine: one worker for --jobs 1', async () => {
    const run = await runCounting(['classify', '--jobs', '1', ...files.slice(0, 8)]);
    expect(run.code).toBe(0);
    expect(run.most).toBe(1);
  }, 300_000);
});
