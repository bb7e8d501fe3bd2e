/** The dev gold joined to the parsed ToTA agreements: what training and evaluation read. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AgreementDocument, parse } from '@ccm/parser';
import type { ProvisionContext } from '../src/_internal/context.ts';
import type { Candidate } from '../src/_internal/rules.ts';
import { candidateSet } from '../src/classify.ts';
import type { Strength, TagId } from '../src/types.ts';
import { type Family, familyOf } from './families.ts';

export const SHARED = process.env.CCM_SHARED_DIR ?? resolve(import.meta.dirname, '../../../../shared');
export const GOLD_FILE = resolve(SHARED, 'gold/dev-articles.jsonl');

export interface GoldArticle {
  tota: number;
  article_id: number;
  lang: string;
  tags: { tag: TagId; strength: Strength }[];
  ambiguous: TagId[];
  note: string;
}

export interface DevAgreement {
  id: string;
  name: string;
  family: Family;
  document: AgreementDocument;
  /** Article keys (ToTA article_identifier) of the parsed agreement, every one a unit of scoring. */
  articles: Set<string>;
  candidates: { context: ProvisionContext; candidate: Candidate; features: string[]; article: string }[];
}

export interface Dataset {
  gold: Map<string, GoldArticle>;
  agreements: DevAgreement[];
  sha256: string;
}

export const articleKey = (tota: string | number, article: string | number) => `${tota}:${article}`;

export async function loadDataset(): Promise<Dataset> {
  if (!existsSync(GOLD_FILE)) throw new Error(`Gold labels not found at ${GOLD_FILE}; set CCM_SHARED_DIR`);
  const raw = readFileSync(GOLD_FILE);
  const gold = new Map<string, GoldArticle>();
  for (const line of raw.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as GoldArticle;
    gold.set(articleKey(g.tota, g.article_id), g);
  }
  const ids = JSON.parse(readFileSync(resolve(SHARED, 'gold/dev-agreements.json'), 'utf8')) as number[];
  const agreements: DevAgreement[] = [];
  for (const id of ids) {
    const document = await parse(readFileSync(resolve(SHARED, `corpus/tota/pta_${id}.xml`)), {
      fileName: `pta_${id}.xml`,
    });
    const articles = new Set<string>();
    for (const p of document.provisions) if (p.sourceId) articles.add(p.sourceId);
    const candidates = candidateSet(document).map((c) => ({
      ...c,
      article: c.context.sourceId ?? c.context.articleId,
    }));
    agreements.push({
      id: String(id),
      name: String(document.metadata.name ?? document.title),
      family: familyOf(document.metadata),
      document,
      articles,
      candidates,
    });
  }
  return { gold, agreements, sha256: createHash('sha256').update(raw).digest('hex') };
}

/**
 * The dev agreements kept aside: never listed in the error report, never looked at while rules
 * were written, scored only by a model trained on the others. A fixed hash of the id picks about
 * a fifth of them, so the choice cannot drift towards easy agreements.
 */
export function isAside(agreementId: string): boolean {
  let h = 2166136261;
  for (const ch of `aside:${agreementId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 5 === 0;
}

/** Whether the gold says `tag` for an article: true, false, or null when annotators disagreed. */
export function goldLabel(dataset: Dataset, tota: string, article: string, tag: TagId): boolean | null {
  const g = dataset.gold.get(articleKey(tota, article));
  if (!g) return false;
  if (g.ambiguous.includes(tag)) return null;
  return g.tags.some((t) => t.tag === tag);
}

/** The labelled candidates of one tag in the agreements `include` accepts (ambiguous ones left out). */
export function examplesFor(dataset: Dataset, tag: TagId, include: (agreementId: string) => boolean = () => true) {
  const out: { features: string[]; label: boolean; group: string }[] = [];
  for (const a of dataset.agreements) {
    if (!include(a.id)) continue;
    for (const c of a.candidates) {
      if (c.candidate.tag !== tag) continue;
      const label = goldLabel(dataset, a.id, c.article, tag);
      if (label !== null) out.push({ features: c.features, label, group: a.id });
    }
  }
  return out;
}
