import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CcmError } from '@ccm/contracts/errors';
import { parse as parseYaml } from 'yaml';

/** What a manifest may say of a file that carries no metadata of its own (a PDF, a draft). */
export interface ManifestEntry {
  /** The file, relative to the manifest. */
  file: string;
  id?: string;
  title?: string;
  type?: string;
  status?: string;
  date_signed?: string;
  date_in_force?: string;
  /** ISO 3166-1 alpha-3 codes. */
  parties?: string[];
  region?: string;
  source?: string;
}

export class ManifestError extends CcmError {
  override name = 'ManifestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('MANIFEST_INVALID', message, options);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO3 = /^[A-Z]{3}$/;

/** Reads a manifest (`.yaml`, `.yml` or `.json`: `{ agreements: [...] }`), keyed by absolute file path. */
export async function readManifest(path: string): Promise<Map<string, ManifestEntry>> {
  const text = await readFile(path, 'utf8');
  const data = (path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as { agreements?: unknown };
  if (!data || !Array.isArray(data.agreements)) {
    throw new ManifestError(`${path}: expected a list under "agreements"`);
  }
  const out = new Map<string, ManifestEntry>();
  for (const [i, raw] of data.agreements.entries()) {
    const e = raw as ManifestEntry;
    const where = `${path}: agreements[${i}]`;
    if (typeof e?.file !== 'string') throw new ManifestError(`${where}: "file" is required`);
    for (const key of ['date_signed', 'date_in_force'] as const) {
      // YAML reads an unquoted 2024-05-01 as a Date.
      const value = e[key] as unknown;
      if (value instanceof Date) e[key] = value.toISOString().slice(0, 10);
      if (e[key] !== undefined && !DATE.test(String(e[key])))
        throw new ManifestError(`${where}: ${key} must be YYYY-MM-DD`);
    }
    for (const p of e.parties ?? [])
      if (!ISO3.test(p)) throw new ManifestError(`${where}: party "${p}" is not ISO alpha-3`);
    out.set(resolve(dirname(path), e.file), e);
  }
  return out;
}
