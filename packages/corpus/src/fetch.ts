import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CcmError } from '@ccm/contracts/errors';
import { unzipSync } from 'fflate';

/** The public ToTA repository (mappingtreaties/tota) as a zip archive of its default branch. */
export const TOTA_ARCHIVE = 'https://codeload.github.com/mappingtreaties/tota/zip/refs/heads/master';

const AGREEMENT = /(?:^|\/)pta_\d+\.xml$/;
const MAX_FILE = 64 * 1024 * 1024;
const MAX_TOTAL = 2 * 1024 * 1024 * 1024;

export class FetchError extends CcmError {
  override name = 'FetchError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('FETCH_FAILED', message, options);
  }
}

/**
 * Downloads the ToTA corpus and writes its agreements (`pta_<n>.xml`) into `out`. `source` is
 * the archive URL (default: GitHub) or a local zip file; nothing else is read from it.
 */
export async function fetchTota(out: string, source = TOTA_ARCHIVE): Promise<{ files: number; out: string }> {
  let bytes: Uint8Array;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new FetchError(`${source}: HTTP ${response.status} ${response.statusText}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } else {
    bytes = new Uint8Array(await readFile(source));
  }
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      // Only the agreements, and never more than the archive can honestly hold (zip bombs).
      filter: (file) => {
        if (!AGREEMENT.test(file.name)) return false;
        total += file.originalSize;
        if (file.originalSize > MAX_FILE || total > MAX_TOTAL) {
          throw new FetchError(`${source}: ${file.name} unpacks to more than the limit; refusing the archive`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError(`${source}: not a readable zip archive (${(error as Error).message})`);
  }
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  const names = Object.keys(entries).sort();
  if (names.length === 0) throw new FetchError(`${source}: the archive holds no pta_<n>.xml agreements`);
  for (const name of names) await writeFile(resolve(dir, basename(name)), entries[name] ?? new Uint8Array());
  return { files: names.length, out: dir };
}
