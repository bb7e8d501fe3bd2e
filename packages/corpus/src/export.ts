import type { Store } from '@ccm/store';
import { stringify } from 'csv-stringify/sync';

export type ExportFormat = 'csv' | 'json';

function render(rows: Record<string, unknown>[], format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  return stringify(rows, {
    header: true,
    columns: rows[0] ? Object.keys(rows[0]) : [],
    // true/false rather than csv-stringify's 1/"": what R and pandas read as logicals.
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

/** One row per tag, with its citation (agreement, article, page) and the evidence words. */
export async function exportProvisions(store: Store, format: ExportFormat): Promise<string> {
  const rows = (await store.tagRows()).map((r) => ({
    agreement_id: r.agreementId,
    agreement: r.title,
    date_signed: r.dateSigned ?? '',
    provision_id: r.provisionId,
    kind: r.kind,
    article: r.article ?? '',
    number: r.number ?? '',
    heading: r.heading ?? '',
    page: r.pageStart,
    tag: r.tag,
    strength: r.strength,
    confidence: r.confidence,
    scope: r.scope ?? '',
    evidence: r.evidence,
    classifier: r.classifier,
  }));
  return render(rows, format);
}

/** One row per agreement: metadata, Convention status of its parties at signature, and every scorecard check. */
export async function exportAgreements(store: Store, format: ExportFormat): Promise<string> {
  const rows = (await store.scorecards()).map(({ meta, scorecard, conventionAtSignature }) => {
    // pass, fail or not_applicable (taxonomy v1.1): a missing e-commerce chapter is no pass.
    const checks = Object.fromEntries(scorecard.checks.map((c) => [c.id, c.status]));
    return {
      agreement_id: meta.id,
      title: meta.title,
      date_signed: meta.dateSigned ?? '',
      year: meta.dateSigned ? Number(meta.dateSigned.slice(0, 4)) : '',
      parties: meta.parties.join(';'),
      // UN M49 regions of the parties; the source's own label (ToTA's region) apart.
      region: meta.m49Regions.join(';'),
      source_region: meta.sourceRegion ?? '',
      language: meta.language,
      convention_party_at_signature: conventionAtSignature,
      checks_passed: scorecard.passed,
      ...checks,
      classifier: meta.classifier,
    };
  });
  return render(rows, format);
}
