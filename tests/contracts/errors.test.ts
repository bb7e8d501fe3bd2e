import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CompareError } from '@ccm/compare';
import { CcmError, EXIT_CODES, errorKind, httpStatus, problemOf } from '@ccm/contracts';
import { FetchError } from '@ccm/corpus';
import { ParseError } from '@ccm/parser';
import { TaskTimeout, WorkerDied } from '@ccm/pool';
import { StoreError } from '@ccm/store';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every .ts file under the server side's sources: the packages and the CLI and API (not the browser's dashboard). */
function serverSources(): string[] {
  const dirs = [
    ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'src')),
    join(ROOT, 'apps/api/src'),
    join(ROOT, 'apps/cli/src'),
  ];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}

describe('one error base', () => {
  it('no class on the server side extends Error but CcmError itself', () => {
    const extending = serverSources().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/class\s+(\w+)\s+extends\s+Error\b/g)].map(
        (m) => `${relative(ROOT, file)}: ${m[1]}`,
      ),
    );
    expect(extending).toEqual(['packages/contracts/src/errors.ts: CcmError']);
  });

  it("every package's error is a CcmError with its stable code", () => {
    const errors = [
      new CompareError('COMPARE_UNKNOWN_AGREEMENT', 'x'),
      new FetchError('FETCH_TIMEOUT', 'x'),
      new ParseError('PARSER_NOT_A_PDF', 'x'),
      new StoreError('STORE_LOCKED', 'x'),
      new TaskTimeout(10),
      new WorkerDied('x'),
    ];
    for (const e of errors) expect(e, e.name).toBeInstanceOf(CcmError);
    expect(errors.map((e) => e.code)).toEqual([
      'COMPARE_UNKNOWN_AGREEMENT',
      'FETCH_TIMEOUT',
      'PARSER_NOT_A_PDF',
      'STORE_LOCKED',
      'POOL_TIMEOUT',
      'POOL_WORKER_DIED',
    ]);
  });

  // One registry gives both: the API's status and the CLI's exit code (through the error's kind).
  it.each([
    ['API_UNAUTHORIZED', 401, 1],
    ['API_RATE_LIMITED', 429, 3],
    ['API_BUSY', 503, 3],
    ['API_BODY_TOO_LARGE', 413, 2],
    ['API_UNSUPPORTED_MEDIA_TYPE', 415, 2],
    ['API_URI_TOO_LONG', 414, 1],
    ['DRAFT_INTERRUPTED', 503, 3],
    ['COMPARE_UNKNOWN_AGREEMENT', 404, 2],
    ['COMPARE_AGREEMENT_COUNT', 400, 1],
    ['POOL_TIMEOUT', 413, 2],
    ['FETCH_TIMEOUT', 503, 3],
    ['PARSER_NOT_A_PDF', 422, 2],
    ['STORE_LOCKED', 423, 3],
    ['INTERNAL', 500, 70],
  ] as const)('%s is HTTP %i and exit %i', (code, status, exit) => {
    expect(httpStatus(code)).toBe(status);
    expect(EXIT_CODES[errorKind(code)]).toBe(exit);
    const problem = problemOf(new CcmError(code, 'what happened'));
    expect(problem.status).toBe(status);
    // A person reads what happened, unless it is a bug (never shown).
    expect(problem.detail).toBe(status === 500 ? 'internal error' : 'what happened');
  });
});
