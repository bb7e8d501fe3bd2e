import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
// Internal parts of the store, tested directly: the public entry stays small.
import { storeError } from '../../packages/store/src/errors.ts';
import { referenceParties, referenceSql } from '../../packages/store/src/reference.ts';
import { sanitiseJson, sanitiseText } from '../../packages/store/src/sanitize.ts';

const STORE = resolve(import.meta.dirname, '../../packages/store');
const csv = (file: string) =>
  parse(readFileSync(resolve(STORE, 'reference', file)), { columns: true }) as Record<string, string>[];

describe('reference data', () => {
  it('reaches the store as the migration written from the CSVs, unchanged since', () => {
    const migration = readFileSync(resolve(STORE, 'migrations/0002_reference.sql'), 'utf8');
    expect(migration).toBe(referenceSql());
  });

  it('holds every M49 country and every Party of both lists, dated or not', () => {
    const rows = referenceParties();
    const parties = new Set([...csv('cdce-parties.csv'), ...csv('cdce-parties-undated.csv')].map((r) => r.iso3));
    expect(new Set(rows.filter((r) => r.cdceStatus === 'party').map((r) => r.iso3))).toEqual(parties);
    const countries = csv('countries.csv').map((r) => r.iso3);
    expect(rows.map((r) => r.iso3)).toEqual(expect.arrayContaining(countries));
    expect(rows.length).toBe(new Set([...countries, ...parties]).size);
    const undated = rows.find((r) => r.iso3 === 'GTM');
    expect(undated).toMatchObject({ cdceDeposit: null, cdceDepositEarliest: null, cdceDepositLatest: '2007-06-30' });
    // The shipped copies are the shared reference tables (where ../shared is at hand).
    const shared = resolve(STORE, '../../../shared/reference');
    for (const [copy, original] of [
      ['cdce-parties.csv', 'cdce-parties.csv'],
      ['countries.csv', 'development-status.csv'],
    ] as const) {
      if (!existsSync(resolve(shared, original))) continue;
      expect(readFileSync(resolve(STORE, 'reference', copy), 'utf8')).toBe(
        readFileSync(resolve(shared, original), 'utf8'),
      );
    }
  });
});

describe('text bound for PostgreSQL', () => {
  it('loses NUL, control characters and lone surrogates one for one; keeps layout and pairs', () => {
    const dirty = 'a\u0000b\u0007c\u001b[0m\u0085d\ud800e\udc00f\t\n\r\f😀';
    const clean = sanitiseText(dirty);
    expect(clean).toBe('a\uFFFDb\uFFFDc\uFFFD[0m\uFFFDd\uFFFDe\uFFFDf\t\n\r\f😀');
    expect(clean.length).toBe(dirty.length);
    expect(sanitiseJson({ 'k\u0000': ['v\u0000', 1, null] })).toEqual({ 'k\uFFFD': ['v\uFFFD', 1, null] });
  });
});

describe('driver errors', () => {
  // What Drizzle throws: its message carries the query and the parameters, the driver's is its cause.
  const wrapped = (code: string, message: string) =>
    Object.assign(new Error('Failed query: insert into "provisions" values ($1)\nparams: SECRET DRAFT TEXT'), {
      cause: Object.assign(new Error(message), { code }),
    });

  it('become one-line StoreErrors with a stable code and no parameters', () => {
    const cases: [string, string, string][] = [
      ['53100', 'could not extend file "base/5/16384": No space left on device', 'STORE_DISK_FULL'],
      ['23505', 'duplicate key value violates unique constraint "agreements_sha256_unique"', 'STORE_CONFLICT'],
      ['57014', 'canceling statement due to statement timeout', 'STORE_TIMEOUT'],
      ['08006', 'connection failure', 'STORE_UNAVAILABLE'],
      ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432', 'STORE_UNAVAILABLE'],
      ['25006', 'cannot execute INSERT in a read-only transaction', 'STORE_READ_ONLY'],
      ['22P02', 'invalid input syntax for type integer: "SECRET DRAFT TEXT"', 'STORE_FAILED'],
    ];
    for (const [sqlstate, message, code] of cases) {
      const error = storeError(wrapped(sqlstate, message), 'saving an agreement');
      expect(error.code).toBe(code);
      expect(error.message).not.toContain('SECRET');
      expect(error.message).not.toContain('insert into');
      expect(error.message.split('\n')).toHaveLength(1);
      expect(String((error.cause as Error).message)).not.toContain('SECRET');
    }
  });
});
