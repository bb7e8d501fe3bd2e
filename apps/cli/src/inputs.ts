import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Extensions `ccm` reads when given a directory. */
const READABLE = /\.(?:pdf|docx|html?|xhtml|txt|md|xml)$/i;

/**
 * Files named on the command line, with directories expanded (recursively, readable files
 * only, in natural order: pta_2.xml before pta_10.xml).
 */
export async function expandInputs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      out.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && READABLE.test(e.name))
      .map((e) => join(e.parentPath, e.name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    out.push(...files);
  }
  return out;
}
