import { Readable } from 'node:stream';
import { CHECK_IDS, type ConventionAtSignature } from '@ccm/contracts';
import type { AgreementSummaryMeta, TagRow } from '@ccm/store';
import { stringify } from 'csv-stringify';
import { hasPages } from './remedy.ts';
import { csvCell } from './safe.ts';

export type ExportFormat = 'csv' | 'json';
export type ExportLevel = 'provision' | 'agreement';

/** One row of `ccm export --level provision`: a tag with its citation. One casing (camelCase) in CSV and JSON. */
export interface ProvisionExportRow {
  agreementId: string;
  agreement: string;
  dateSigned: string | null;
  provisionId: string;
  kind: string;
  article: string | null;
  number: string | null;
  heading: string | null;
  /** Null for sources without pages (ToTA XML, text, HTML, DOCX): cite the article. */
  page: number | null;
  tag: string;
  strength: string;
  confidence: number;
  scope: string | null;
  evidence: string;
  classifier: string;
}

/** One row of `ccm export --level agreement`: metadata and every check's tri-state status. */
export type AgreementExportRow = {
  agreementId: string;
  title: string;
  dateSigned: string | null;
  year: number | null;
  /** ISO alpha-3 codes, `;`-separated. */
  parties: string;
  /** UN M49 regions of the parties, `;`-separated: the region vocabulary of filters. */
  m49Regions: string;
  /** The source's own region (ToTA's), as it says it: not the filter vocabulary. */
  sourceRegion: string | null;
  language: string;
  conventionAtSignature: ConventionAtSignature;
  checksPassed: number;
  checksFailed: number;
  checksNotApplicable: number;
  classifier: string;
} & Record<(typeof CHECK_IDS)[number], 'pass' | 'fail' | 'not_applicable' | null>;

export function provisionRow(row: TagRow, format: string | undefined): ProvisionExportRow {
  return {
    agreementId: row.agreementId,
    agreement: row.title,
    dateSigned: row.dateSigned,
    provisionId: row.provisionId,
    kind: row.kind,
    article: row.article,
    number: row.number,
    heading: row.heading,
    page: format && hasPages(format) ? row.pageStart : null,
    tag: row.tag,
    strength: row.strength,
    confidence: row.confidence,
    scope: row.scope,
    evidence: row.evidence,
    classifier: row.classifier,
  };
}

export function agreementRow(
  meta: AgreementSummaryMeta,
  checks: Map<string, 'pass' | 'fail' | 'not_applicable'>,
  conventionAtSignature: ConventionAtSignature,
): AgreementExportRow {
  const statuses = Object.fromEntries(CHECK_IDS.map((id) => [id, checks.get(id) ?? null])) as Record<
    (typeof CHECK_IDS)[number],
    'pass' | 'fail' | 'not_applicable' | null
  >;
  const values = [...checks.values()];
  return {
    agreementId: meta.id,
    title: meta.title,
    dateSigned: meta.dateSigned ?? null,
    year: meta.dateSigned ? Number(meta.dateSigned.slice(0, 4)) : null,
    parties: meta.parties.join(';'),
    m49Regions: meta.m49Regions.join(';'),
    sourceRegion: meta.sourceRegion ?? null,
    language: meta.language,
    conventionAtSignature,
    checksPassed: values.filter((v) => v === 'pass').length,
    checksFailed: values.filter((v) => v === 'fail').length,
    checksNotApplicable: values.filter((v) => v === 'not_applicable').length,
    ...statuses,
    classifier: meta.classifier,
  };
}

/**
 * Rows as a byte stream: CSV (header from the first row; formulas neutralised; null as an
 * empty cell; booleans as true/false for R and pandas) or a JSON array written row by row.
 */
export function exportStream<R extends object>(rows: Iterable<R>, format: ExportFormat, columns: string[]): Readable {
  if (format === 'json') {
    return Readable.from(
      (function* () {
        let first = true;
        yield '[';
        for (const row of rows) {
          yield `${first ? '\n' : ',\n'}  ${JSON.stringify(row)}`;
          first = false;
        }
        yield first ? ']\n' : '\n]\n';
      })(),
    );
  }
  const csv = stringify({
    header: true,
    columns,
    cast: { boolean: (value) => (value ? 'true' : 'false'), string: (value) => String(csvCell(value)) },
  });
  return Readable.from(rows).pipe(csv);
}
