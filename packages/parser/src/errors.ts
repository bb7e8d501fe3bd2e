import { CcmError } from '@ccm/contracts/errors';

export type ParseErrorCode =
  | 'PARSER_EMPTY_INPUT'
  | 'PARSER_TOO_LARGE'
  | 'PARSER_TOO_MANY_PAGES'
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
  constructor(code: ParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export function isParseError(error: unknown): error is ParseError {
  return error instanceof ParseError || (error as { name?: string } | null)?.name === 'ParseError';
}
