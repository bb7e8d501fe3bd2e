import { type AgreementDocument, agreementId } from '@ccm/parser';
import type { AgreementMeta } from '@ccm/store';
import type { ManifestEntry } from './manifest.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const day = (v: unknown): string | null => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
};

/** An agreement's metadata: from ToTA's `meta` when there is one, a manifest entry overriding. */
export function agreementMeta(document: AgreementDocument, entry?: ManifestEntry): AgreementMeta {
  const m = document.metadata;
  const tota = document.source.format === 'tota-xml';
  const sources = (m.sources as { url?: string }[] | undefined)?.map((s) => s.url).filter(Boolean) ?? [];
  const parties = (Array.isArray(m.parties) ? (m.parties as string[]) : []).filter((p) => /^[A-Z]{3}$/.test(p));
  return {
    id: entry?.id ?? agreementId(document),
    title: entry?.title ?? (tota ? (str(m.name) ?? document.title) : document.title),
    type: entry?.type ?? str(m.type),
    status: entry?.status ?? str(m.status),
    dateSigned: entry?.date_signed ?? day(m.date_signed),
    dateInForce: entry?.date_in_force ?? day(m.date_into_force),
    wtoRtaId: str(m.wto_rta_id),
    composition: str(m.composition),
    sourceRegion: entry?.region ?? str(m.region),
    language: document.language,
    source:
      entry?.source ??
      (tota ? `ToTA ${sources[0] ? `(${sources[0]})` : ''}`.trim() : (document.source.fileName ?? null)),
    parties: entry?.parties ?? parties,
  };
}
