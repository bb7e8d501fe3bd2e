import type { z } from 'zod';
import { UsageError } from './errors.ts';

/**
 * Parses `input` with `schema`, or throws one `UsageError` line naming the field (as the caller
 * calls it: `--limit`, `?limit=`) and, for a closed vocabulary, every valid value.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  label: (field: string) => string = (f) => f,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new UsageError('invalid input');
  const field = issue.path.length ? label(String(issue.path[0])) : 'input';
  const given = issue.path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined),
    input,
  );
  const shown = given === undefined ? '' : ` ${JSON.stringify(given)}`;
  if (issue.code === 'invalid_value') {
    throw new UsageError(`${field}${shown} is not valid; valid values: ${issue.values.map(String).join(', ')}`, {
      code: 'USAGE_UNKNOWN_VALUE',
    });
  }
  if (issue.code === 'custom') throw new UsageError(`${field}${shown} ${issue.message}`, { code: 'USAGE_INVALID' });
  throw new UsageError(`${field}${shown}: expected ${issue.message}`, { code: 'USAGE_INVALID' });
}
