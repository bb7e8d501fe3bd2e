import type { AgreementDocument } from './types.ts';

/**
 * A stable id for an agreement: `tota:<treaty_identifier>` for ToTA XML, otherwise
 * `sha256:<first 16 hex digits of the source bytes>` (the same file always gets the same id,
 * and the id reveals nothing of a confidential draft).
 */
export function agreementId(document: AgreementDocument): string {
  const tota = document.metadata.treaty_identifier;
  if (document.source.format === 'tota-xml' && (typeof tota === 'string' || typeof tota === 'number'))
    return `tota:${tota}`;
  return `sha256:${document.source.sha256.slice(0, 16)}`;
}
