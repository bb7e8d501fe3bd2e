import { CcmError } from '@ccm/contracts/errors';
import type { ParseLimits } from './types.ts';

export type ParseErrorCode =
  | 'PARSER_EMPTY_INPUT'
  | 'PARSER_TOO_LARGE'
  | 'PARSER_TOO_MANY_PAGES'
  | 'PARSER_LIMIT_EXCEEDED'
  | 'PARSER_UNKNOWN_FORMAT'
  | 'PARSER_NOT_A_PDF'
  | 'PARSER_CORRUPT_PDF'
  | 'PARSER_ENCRYPTED_PDF'
  | 'PARSER_NO_TEXT_LAYER'
  | 'PARSER_GARBLED_TEXT'
  | 'PARSER_NOT_A_DOCX'
  | 'PARSER_ZIP_BOMB'
  | 'PARSER_MALFORMED_XML'
  | 'PARSER_NOT_TOTA'
  | 'PARSER_UNREADABLE_FILE'
  | 'PARSER_WORKER_FAILED';

/**
 * The one error the parser throws for bad input. `code` is stable (match on it, not on the
 * message); the message is one line a person can act on; `cause` keeps the underlying error.
 */
export class ParseError extends CcmError {
  override name = 'ParseError';
  declare readonly code: ParseErrorCode;
  /** The budget of {@link ParseLimits} that was exceeded, with `PARSER_LIMIT_EXCEEDED`. */
  readonly limit?: keyof ParseLimits;
  constructor(code: ParseErrorCode, message: string, options?: { cause?: unknown; limit?: keyof ParseLimits }) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.limit) this.limit = options.limit;
  }
}

/** `PARSER_LIMIT_EXCEEDED` for budget `limit`: what was found, and how to raise the budget. */
export function limitExceeded(limit: keyof ParseLimits, found: string, allowed: number): ParseError {
  return new ParseError(
    'PARSER_LIMIT_EXCEEDED',
    `The document exceeds the ${limit} limit: ${found}, the limit is ${allowed}; refusing to read further (raise ${limit} if the document is genuine).`,
    { limit },
  );
}

export function isParseError(error: unknown): error is ParseError {
  return error instanceof ParseError || (error as { name?: string } | null)?.name === 'ParseError';
}
