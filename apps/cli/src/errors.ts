import { isParseError } from '@ccm/parser';

/**
 * Wraps a command action: a known error prints one line (`error [CODE]: message`) and sets a
 * non-zero exit code; no stack trace reaches the user. Unexpected errors keep theirs.
 */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (isParseError(error)) {
        process.stderr.write(`error [${error.code}]: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      // Known failures of the other packages: a bad manifest, an unreachable archive or database.
      const e = error as { name?: string; code?: string; message?: string };
      if (e?.name === 'ManifestError' || e?.name === 'FetchError') {
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND') {
        process.stderr.write(
          `error [STORE_UNAVAILABLE]: cannot reach the database named by DATABASE_URL (${e.code})\n`,
        );
        process.exitCode = 2;
        return;
      }
      if (error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = 1;
        return;
      }
      throw error;
    }
  };
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type RunAction = typeof runAction;
