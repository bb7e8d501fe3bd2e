import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '@ccm/contracts/errors';

/** Extensions `ccm` reads when given a directory. */
const READABLE = /\.(?:pdf|docx|html?|xhtml|txt|md|xml)$/i;

/**
 * Files named on the command line, with directories expanded (recursively, readable files
 * only, in natural order: pta_2.xml before pta_10.xml). A name that is not there is kept: the
 * parser reports it (PARSER_UNREADABLE_FILE) with the other files' outcomes.
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
  if (out.length === 0)
    throw new UsageError('no readable files (pdf, docx, html, txt, md, xml) in the inputs', { code: 'USAGE_NO_INPUT' });
  return out;
}

/** One file, not a directory: what `analyze` takes. */
export async function singleFile(path: string, command: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory())
    throw new UsageError(
      `${JSON.stringify(path)} is a directory; ${command} reads one file (ccm classify reads directories)`,
      {
        code: 'USAGE_IS_A_DIRECTORY',
      },
    );
  return path;
}

/** `--out` must name a file in a folder that exists, checked before any work. */
export async function outputFile(path: string): Promise<string> {
  const target = resolve(path);
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory())
    throw new UsageError(`--out ${JSON.stringify(path)} is a directory`, { code: 'USAGE_IS_A_DIRECTORY' });
  const parent = await stat(dirname(target)).catch(() => null);
  if (!parent?.isDirectory())
    throw new UsageError(
      `--out ${JSON.stringify(path)}: the folder ${JSON.stringify(dirname(target))} does not exist`,
      {
        code: 'USAGE_NO_SUCH_FILE',
      },
    );
  return target;
}
