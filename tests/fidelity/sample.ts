import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the shared ToTA corpus lives: CCM_TOTA_DIR, or ../shared/corpus/tota beside the repository. */
export function totaDir(): string | null {
  const dir = process.env.CCM_TOTA_DIR ?? resolve(import.meta.dirname, '../../../shared/corpus/tota');
  if (!existsSync(dir) && process.env.CI === 'true') throw new Error(`CI expects the ToTA corpus at ${dir}`);
  return existsSync(dir) ? dir : null;
}

/** A deterministic, evenly spread sample: every k-th agreement by treaty id, `count` in all. */
export function sampleAgreements(dir: string, count: number): string[] {
  const files = readdirSync(dir)
    .filter((f) => /^pta_\d+\.xml$/.test(f))
    .sort((a, b) => Number(a.slice(4, -4)) - Number(b.slice(4, -4)));
  const step = Math.max(1, Math.floor(files.length / count));
  const out: string[] = [];
  for (let i = 0; i < files.length && out.length < count; i += step) out.push(join(dir, files[i] ?? ''));
  return out;
}
