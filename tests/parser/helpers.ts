import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AgreementDocument } from '@ccm/parser';
import { expect } from 'vitest';

/** The shared corpus beside the repository (CI has it too). */
export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const PDF_DIR = resolve(SHARED, 'corpus/pdf');
export const TOTA_DIR = process.env.CCM_TOTA_DIR ?? resolve(SHARED, 'corpus/tota');
export const hasShared = existsSync(PDF_DIR) && existsSync(TOTA_DIR);
// Locally the corpus tests skip without the shared corpus; in CI it must be there, or the run fails.
if (!hasShared && process.env.CI === 'true') {
  throw new Error(`CI expects the shared corpus at ${SHARED} (beside the repository)`);
}

/** Child processes of `pid` (Linux /proc; empty elsewhere or once it is gone). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process still runs: gone, or a zombie waiting for init to reap it, counts as stopped (Linux /proc). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

/** The structural promises every parsed document keeps, whatever its format. */
export function expectWellFormed(document: AgreementDocument): void {
  const byId = new Map(document.provisions.map((p) => [p.id, p]));
  expect(byId.size).toBe(document.provisions.length);
  for (const p of document.provisions) {
    expect(document.text.slice(p.textStart, p.textStart + p.text.length)).toBe(p.text);
    expect(p.start).toBeLessThanOrEqual(p.textStart);
    expect(p.textStart).toBeLessThanOrEqual(p.end);
    expect(p.pageStart).toBeGreaterThanOrEqual(1);
    expect(p.pageEnd).toBeGreaterThanOrEqual(p.pageStart);
    expect(p.pageEnd).toBeLessThanOrEqual(document.pageCount);
    if (p.parentId) {
      const parent = byId.get(p.parentId);
      expect(parent).toBeDefined();
      expect(parent?.start).toBeLessThanOrEqual(p.start);
      expect(parent?.end).toBeGreaterThanOrEqual(p.end);
    }
  }
  for (const f of document.footnotes) {
    if (f.provisionId) expect(byId.get(f.provisionId)?.footnoteIds).toContain(f.id);
    expect(document.text).not.toContain(f.text);
  }
}
