import {
  type AgreementFingerprint,
  CompareError,
  compareAgreements,
  deserialiseFingerprint,
  fingerprint,
  type PreparedAgreement,
  prepare,
  ReuseIndex,
  serialiseFingerprint,
  wordDiff,
} from '@ccm/compare';
import { CcmError, CHECK_IDS, type Comparison, pageSize, parseInput, type ReuseReportResponse } from '@ccm/contracts';
import type { AgreementDocument, Provision } from '@ccm/parser';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './paging.ts';
import type { Service } from './service.ts';

/*
 * Comparing agreements and text reuse for the API. Alignment runs without diffs (the costly
 * part, see @ccm/compare's README); word diffs are computed only for the page of aligned
 * provisions returned.
 */

export const CompareQuerySchema = z.object({
  ids: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(200))
        .min(2, 'two to four agreement ids, comma-separated')
        .max(4, 'two to four agreement ids, comma-separated'),
    ),
  limit: pageSize(100, 20),
  cursor: z.string().max(200).optional(),
});

/** The chapter (or part, title, annex) a provision sits in: the tag matrix's column. */
function chapterOf(p: Provision | undefined, byId: Map<string, Provision>): string {
  const top = new Set(['part', 'title', 'chapter', 'annex', 'protocol', 'appendix', 'preamble', 'side-letter']);
  for (let q = p; q; q = q.parentId ? byId.get(q.parentId) : undefined) {
    if (q.kind === 'chapter' || (top.has(q.kind) && !q.parentId)) {
      const label =
        q.kind === 'preamble' ? 'Preamble' : `${q.kind[0]?.toUpperCase()}${q.kind.slice(1)} ${q.number ?? ''}`.trim();
      return q.heading ? `${label}: ${q.heading}` : label;
    }
  }
  return 'Body';
}

async function documentOf(service: Service, id: string): Promise<AgreementDocument> {
  const d = await service.document(id);
  if (!d) throw new CcmError('NOT_FOUND', `no agreement ${JSON.stringify(id)}`);
  return d;
}

/** Scorecard matrix, tag matrix by chapter, and each pair's aligned provisions (paged, diffed). */
export async function compare(service: Service, input: z.input<typeof CompareQuerySchema>): Promise<Comparison> {
  const q = parseInput(CompareQuerySchema, input, (f) => `?${f}=`);
  // Aligning whole agreements is the dearest read: once per corpus version and query.
  return (await service.corpus()).memo('compare', JSON.stringify(q), () => compared(service, q), 64);
}

async function compared(service: Service, q: z.output<typeof CompareQuerySchema>): Promise<Comparison> {
  const offset = decodeCursor(q.cursor);
  const found = await Promise.all(q.ids.map((id) => service.agreement(id)));
  const missing = q.ids.filter((_, i) => !found[i]);
  if (missing.length)
    throw new CcmError('NOT_FOUND', `no agreement ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
  const details = found.filter((d) => d !== null);
  const docs = await Promise.all(q.ids.map((id) => documentOf(service, id)));

  const scorecards = CHECK_IDS.map((check) => ({
    check,
    status: Object.fromEntries(
      details.map((d) => [d?.meta.id, d?.scorecard.checks.find((c) => c.id === check)?.status ?? null]),
    ),
  }));

  // tag → agreement → chapter → tagged provisions.
  const tags: Record<string, Record<string, Record<string, number>>> = {};
  for (const [i, d] of details.entries()) {
    if (!d) continue;
    const byId = new Map(docs[i]?.provisions.map((p) => [p.id, p]));
    for (const row of d.tags) {
      const chapter = chapterOf(byId.get(row.provisionId), byId);
      const perTag = tags[row.tag] ?? {};
      const perAgreement = perTag[d.meta.id] ?? {};
      perAgreement[chapter] = (perAgreement[chapter] ?? 0) + 1;
      perTag[d.meta.id] = perAgreement;
      tags[row.tag] = perTag;
    }
  }

  const prepared = docs.map(prepare);
  const textOf = (p: PreparedAgreement) => new Map(p.units.map((u) => [u.ref.provisionId, u.text]));
  const texts = prepared.map(textOf);
  const pairs = [];
  for (let a = 0; a < prepared.length; a++)
    for (let b = a + 1; b < prepared.length; b++) {
      const pa = prepared[a] as PreparedAgreement;
      const pb = prepared[b] as PreparedAgreement;
      const c = compareAgreements(pa, pb, { diff: false });
      const page = c.aligned.slice(offset, offset + q.limit).map((al) => ({
        ...al,
        // Diffs cost O(N·D): only for what is returned.
        diff: wordDiff(texts[a]?.get(al.a.provisionId) ?? '', texts[b]?.get(al.b.provisionId) ?? ''),
      }));
      pairs.push({
        a: q.ids[a] as string,
        b: q.ids[b] as string,
        charJaccard: c.charJaccard,
        wordContainment: c.wordContainment,
        alignedTotal: c.aligned.length,
        aligned: page,
        unmatched: { a: c.unmatched.a.length, b: c.unmatched.b.length },
        more: offset + q.limit < c.aligned.length,
      });
    }
  const more = pairs.some((p) => p.more);
  return {
    agreements: details.map((d) => ({ id: d.meta.id, title: d.meta.title, dateSigned: d.meta.dateSigned ?? null })),
    scorecards,
    tags,
    pairs: pairs.map(({ more: _m, ...p }) => p),
    nextCursor: more ? encodeCursor(offset + q.limit) : null,
  };
}

/**
 * A reuse index over the stored agreements (samples left out: fiction copies nothing), built
 * once per service from the fingerprints stored at ingest and rebuilt when the set of agreements
 * changes. An agreement stored before fingerprints were (or with one of another format) is
 * fingerprinted from its document once, and the fingerprint back-filled when the store is
 * writable; a read-only store keeps it in this process only.
 */
export function reuseOf(service: Service) {
  let built: { key: string; index: ReuseIndex } | null = null;
  let building: Promise<ReuseIndex> | null = null;
  // Fingerprints computed here, by `id@ingestedAt`: a rebuild does not compute them again.
  const computed = new Map<string, AgreementFingerprint>();

  async function fingerprintOf(id: string, version: string, stored: unknown): Promise<AgreementFingerprint> {
    if (stored !== undefined) {
      try {
        return deserialiseFingerprint(stored);
      } catch (error) {
        // A damaged row is recomputed (the store keeps its row: this process uses the recomputed one).
        if (!(error instanceof CompareError)) throw error;
      }
    }
    let fp = computed.get(version);
    if (!fp) {
      fp = fingerprint(await documentOf(service, id));
      computed.set(version, fp);
      // Best effort: a store that refuses (or an agreement removed meanwhile) costs only this write.
      if (!service.store.readOnly) await service.store.saveFingerprint(id, serialiseFingerprint(fp)).catch(() => {});
    }
    return fp;
  }

  async function index(): Promise<ReuseIndex> {
    // Samples left out: fiction copies nothing.
    const cards = (await service.corpus()).cards.filter((c) => !c.meta.sample);
    const key = cards.map((c) => `${c.meta.id}@${c.meta.ingestedAt}`).join('|');
    if (built?.key === key) return built.index;
    building ??= (async () => {
      try {
        const stored = await service.store.fingerprints();
        const entries = [];
        for (const c of cards) {
          const fp = await fingerprintOf(c.meta.id, `${c.meta.id}@${c.meta.ingestedAt}`, stored.get(c.meta.id));
          entries.push({ id: c.meta.id, signed: c.meta.dateSigned ?? null, fingerprint: fp });
        }
        const idx = new ReuseIndex(entries);
        built = { key, index: idx };
        return idx;
      } finally {
        building = null;
      }
    })();
    return building;
  }

  return {
    /** Closest earlier agreements of `id`, with the share of its word 5-grams each supplies. */
    async predecessors(id: string, limit = 10): Promise<ReuseReportResponse> {
      const idx = await index();
      const detail = await service.agreement(id);
      if (!detail || detail.meta.sample) throw new CcmError('NOT_FOUND', `no agreement ${JSON.stringify(id)}`);
      const report = idx.predecessors(id, { limit });
      const titles = new Map((await service.corpus()).cards.map((c) => [c.meta.id, c.meta.title]));
      return { ...report, predecessors: report.predecessors.map((p) => ({ ...p, title: titles.get(p.id) ?? null })) };
    },
  };
}
