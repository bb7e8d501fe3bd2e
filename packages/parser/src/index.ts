export { retainOcrEngines } from './_internal/ocr.ts';
export { readFileBounded } from './_internal/read-file.ts';
export { isParseError, ParseError, type ParseErrorCode } from './errors.ts';
export { agreementId } from './identity.ts';
export { parse, parseFile, sniffFormat } from './parse.ts';
export { provisionBody, provisionPath } from './provisions.ts';
export { citation, toMarkdown, toOutline } from './render.ts';
export {
  type AgreementDocument,
  DEFAULT_LIMITS,
  DOCUMENT_FORMAT,
  type Footnote,
  type OcrMode,
  type PageSpan,
  type ParseLimits,
  type ParseOptions,
  type ParseProgress,
  type Provision,
  type ProvisionKind,
  type SourceFormat,
  type SourceInfo,
} from './types.ts';
