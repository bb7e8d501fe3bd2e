import { CcmError, EXIT_CODES, errorKind, toCcmError, UsageError } from '@ccm/contracts/errors';
import { InvalidArgumentError } from 'commander';

export { UsageError };

// Control characters would let a message rewrite the terminal (issue 12): shown escaped.
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

/**
 * Prints any error as one line, `error [CODE]: message`, and sets the exit code its kind maps
 * to (contracts' EXIT_CODES). No stack trace reaches a user; CCM_DEBUG=1 adds it for developers.
 */
export function report(error: unknown): void {
  const e = toCcmError(error);
  const kind = errorKind(e.code);
  const message = kind === 'internal' ? `${e.message} (a bug: please report it; CCM_DEBUG=1 shows where)` : e.message;
  process.stderr.write(`error [${e.code}]: ${oneLine(message)}\n`);
  if (process.env.CCM_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = EXIT_CODES[kind];
}

/** Wraps a command action: whatever it throws is reported by {@link report}. */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      report(error);
    }
  };
}

export type RunAction = typeof runAction;

/** Commander option parsers: a bad value is commander's one-line error naming the option. */
export const wholeNumber =
  (min: number, what = `a whole number ≥ ${min}`) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected ${what}.`);
    return n;
  };

export { CcmError };
