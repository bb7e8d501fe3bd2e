import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Db } from './engine.ts';
import { parties } from './schema.ts';

const DIR = resolve(import.meta.dirname, '../reference');

interface CountryRow {
  iso3: string;
  name: string;
  m49_region: string;
  m49_subregion: string;
  developing: string;
  ldc: string;
  source: string;
}
interface CdceRow {
  iso3: string;
  name: string;
  instrument: string;
  deposit_date: string;
  source: string;
}

const read = <T>(file: string): T[] =>
  parse(readFileSync(resolve(DIR, file)), { columns: true, skip_empty_lines: true, trim: true }) as T[];
const bool = (v: string) => (v === 'true' ? true : v === 'false' ? false : null);

/** The party rows of the reference tables: every M49 country, plus Convention Parties outside M49 (the EU). */
export function referenceParties(): (typeof parties.$inferInsert)[] {
  const cdce = new Map(read<CdceRow>('cdce-parties.csv').map((r) => [r.iso3, r]));
  const out: (typeof parties.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (const c of read<CountryRow>('countries.csv')) {
    const party = cdce.get(c.iso3);
    seen.add(c.iso3);
    out.push({
      iso3: c.iso3,
      name: c.name,
      region: c.m49_region || null,
      subregion: c.m49_subregion || null,
      developing: bool(c.developing),
      ldc: bool(c.ldc),
      cdceDeposit: party?.deposit_date || null,
      cdceInstrument: party?.instrument || null,
      cdceStatus: party ? 'party' : 'unknown',
      source: [c.source, party?.source].filter(Boolean).join(' ; '),
    });
  }
  for (const [iso3, party] of cdce) {
    if (seen.has(iso3)) continue;
    out.push({
      iso3,
      name: party.name,
      cdceDeposit: party.deposit_date || null,
      cdceInstrument: party.instrument || null,
      cdceStatus: 'party',
      source: party.source,
    });
  }
  return out;
}

/** Loads (or refreshes) the reference tables: cheap, so done on every open. */
export async function loadReference(db: Db): Promise<void> {
  const rows = referenceParties();
  await db
    .insert(parties)
    .values(rows)
    .onConflictDoUpdate({
      target: parties.iso3,
      set: {
        name: sql`excluded.name`,
        region: sql`excluded.region`,
        subregion: sql`excluded.subregion`,
        developing: sql`excluded.developing`,
        ldc: sql`excluded.ldc`,
        cdceDeposit: sql`excluded.cdce_deposit`,
        cdceInstrument: sql`excluded.cdce_instrument`,
        cdceStatus: sql`excluded.cdce_status`,
        source: sql`excluded.source`,
      },
    });
}
