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

/** C0 controls, DEL and C1; the second lets tab, LF and CR through (text pasted from a document). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Throws `USAGE_INVALID` naming `field` when `value` holds a control character (tab, LF and CR
 * pass with `breaks`) or a lone surrogate. No query, id or tool argument means one, and
 * PostgreSQL refuses NUL in text: caught here, it is the caller's 400, not the store's 500.
 */
export function assertPlainText(field: string, value: string, options: { breaks?: boolean } = {}): void {
  const control = (options.breaks ? CONTROL_BUT_BREAKS : CONTROL).exec(value)?.[0];
  if (control !== undefined) {
    const point = `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new UsageError(`${field} holds a control character (${point}): not allowed`);
  }
  if (!value.isWellFormed()) throw new UsageError(`${field} holds a lone surrogate: not Unicode text`);
}
