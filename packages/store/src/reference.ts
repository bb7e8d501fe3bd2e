import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { parties } from './schema.ts';

/**
 * The reference tables (UN M49 countries, Parties to the Convention) reach the store as a
 * migration, `migrations/0002_reference.sql`, written from the CSVs in `reference/` by
 * `pnpm --filter @ccm/store reference`: opening a store never writes them, so a read-only open
 * works. A test keeps the migration equal to the CSVs; a later change of the CSVs goes into a new
 * migration written the same way (its upserts refresh every row).
 */
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
interface UndatedRow {
  iso3: string;
  name: string;
  deposit_earliest: string;
  deposit_latest: string;
  as_given: string;
  source: string;
}

type PartyRow = typeof parties.$inferInsert;

const read = <T>(file: string): T[] =>
  parse(readFileSync(resolve(DIR, file)), { columns: true, skip_empty_lines: true, trim: true }) as T[];
const bool = (v: string) => (v === 'true' ? true : v === 'false' ? false : null);

/**
 * One row per country or area of M49, plus Convention Parties outside M49 (the EU). A State
 * found in neither Parties list is `unknown`, never a non-Party: the lists are incomplete.
 */
export function referenceParties(): PartyRow[] {
  const dated = new Map(read<CdceRow>('cdce-parties.csv').map((r) => [r.iso3, r]));
  const undated = new Map(read<UndatedRow>('cdce-parties-undated.csv').map((r) => [r.iso3, r]));
  const standing = (iso3: string): Partial<PartyRow> & { source?: string } => {
    const d = dated.get(iso3);
    if (d) {
      const day = d.deposit_date || null;
      return {
        cdceStatus: 'party',
        cdceDeposit: day,
        cdceDepositEarliest: day,
        cdceDepositLatest: day,
        cdceInstrument: d.instrument || null,
        source: d.source,
      };
    }
    const u = undated.get(iso3);
    if (u) {
      return {
        cdceStatus: 'party',
        cdceDeposit: null,
        cdceDepositEarliest: u.deposit_earliest || null,
        cdceDepositLatest: u.deposit_latest || null,
        cdceInstrument: null,
        source: `deposit ${u.as_given}: ${u.source}`,
      };
    }
    return { cdceStatus: 'unknown' };
  };
  const out: PartyRow[] = [];
  const seen = new Set<string>();
  for (const c of read<CountryRow>('countries.csv')) {
    seen.add(c.iso3);
    const { source, ...party } = standing(c.iso3);
    out.push({
      iso3: c.iso3,
      name: c.name,
      region: c.m49_region || null,
      subregion: c.m49_subregion || null,
      developing: bool(c.developing),
      ldc: bool(c.ldc),
      cdceStatus: 'unknown',
      ...party,
      source: [c.source, source].filter(Boolean).join(' ; '),
    });
  }
  for (const [iso3, row] of [...dated, ...undated]) {
    if (seen.has(iso3)) continue;
    seen.add(iso3);
    const { source, ...party } = standing(iso3);
    out.push({ iso3, name: row.name, cdceStatus: 'party', ...party, source: source ?? '' });
  }
  return out;
}

const COLUMNS: [keyof PartyRow, string][] = [
  ['iso3', 'iso3'],
  ['name', 'name'],
  ['region', 'region'],
  ['subregion', 'subregion'],
  ['developing', 'developing'],
  ['ldc', 'ldc'],
  ['cdceDeposit', 'cdce_deposit'],
  ['cdceDepositEarliest', 'cdce_deposit_earliest'],
  ['cdceDepositLatest', 'cdce_deposit_latest'],
  ['cdceInstrument', 'cdce_instrument'],
  ['cdceStatus', 'cdce_status'],
  ['source', 'source'],
];

const literal = (v: unknown): string =>
  v === null || v === undefined ? 'NULL' : typeof v === 'boolean' ? String(v) : `'${String(v).replaceAll("'", "''")}'`;

/** The SQL of the reference migration: one upsert of every party row. */
export function referenceSql(): string {
  const names = COLUMNS.map(([, c]) => `"${c}"`).join(', ');
  const values = referenceParties()
    .map((row) => `  (${COLUMNS.map(([k]) => literal(row[k])).join(', ')})`)
    .join(',\n');
  const updates = COLUMNS.slice(1)
    .map(([, c]) => `"${c}" = excluded."${c}"`)
    .join(', ');
  return [
    '-- Written by `pnpm --filter @ccm/store reference` from reference/*.csv: do not edit by hand.',
    `INSERT INTO "parties" (${names}) VALUES\n${values}\nON CONFLICT ("iso3") DO UPDATE SET ${updates};`,
    '',
  ].join('\n');
}
