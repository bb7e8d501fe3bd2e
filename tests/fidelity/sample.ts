import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
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

/** The treaty's language from the head of its XML (meta/language), without reading the whole file. */
function languageOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return /<language>\s*([a-z]{2})/.exec(head.subarray(0, n).toString('utf8'))?.[1] ?? 'en';
  } finally {
    closeSync(fd);
  }
}

/**
 * Agreements in other languages than English, which an even sample hardly reaches: every
 * French one, and `spanish` Spanish ones taken every other one from the smallest up (the
 * large ones cost minutes per layout).
 */
export function languageSample(dir: string, spanish: number): string[] {
  const files = readdirSync(dir)
    .filter((f) => /^pta_\d+\.xml$/.test(f))
    .map((f) => join(dir, f));
  const bySize = (a: string, b: string) => statSync(a).size - statSync(b).size;
  const french = files.filter((f) => languageOf(f) === 'fr').sort(bySize);
  const spanishFiles = files
    .filter((f) => languageOf(f) === 'es')
    .sort(bySize)
    .filter((_, i) => i % 2 === 0)
    .slice(0, spanish);
  return [...french, ...spanishFiles];
}
