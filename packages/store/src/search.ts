import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from './engine.ts';

export interface SearchQuery {
  /** Words, "quoted phrases", OR, -excluded (web search syntax); empty = filters only. */
  text?: string;
  tag?: string;
  strength?: string;
  /** ISO 3166-1 alpha-3 of a party. */
  party?: string;
  /** UN M49 region of a party ("Africa", "Europe"…). */
  region?: string;
  yearFrom?: number;
  yearTo?: number;
  language?: string;
  kind?: string;
  limit?: number;
  offset?: number;
}

/** A provision with what a citation needs: its agreement, article, number and page. */
export interface CitedProvision {
  agreementId: string;
  title: string;
  dateSigned: string | null;
  provisionId: string;
  kind: string;
  /** Number of the article the provision belongs to. */
  article: string | null;
  number: string | null;
  heading: string | null;
  pageStart: number;
}

export interface SearchHit extends CitedProvision {
  language: string;
  rank: number;
  /** The matching words marked with «…» (ts_headline). */
  snippet: string;
  tags: string[];
}

const CONFIG: Record<string, string> = { en: 'english', fr: 'french', es: 'spanish' };
const config = (language: string) => sql.raw(`'${CONFIG[language] ?? 'simple'}'::regconfig`);

/** The text condition, one branch per language so that each uses its stemmer and the GIN index. */
function textMatch(text: string, language?: string): SQL {
  const languages = language ? [language] : ['en', 'fr', 'es'];
  const branches = languages.map(
    (l) => sql`(p.language = ${l} AND p.search @@ websearch_to_tsquery(${config(l)}, ${text}))`,
  );
  if (!language) {
    branches.push(
      sql`(p.language NOT IN ('en', 'fr', 'es') AND p.search @@ websearch_to_tsquery('simple'::regconfig, ${text}))`,
    );
  }
  return sql`(${sql.join(branches, sql` OR `)})`;
}

const rankOf = (text: string) =>
  sql`ts_rank(p.search, CASE p.language WHEN 'en' THEN websearch_to_tsquery('english'::regconfig, ${text})
    WHEN 'fr' THEN websearch_to_tsquery('french'::regconfig, ${text})
    WHEN 'es' THEN websearch_to_tsquery('spanish'::regconfig, ${text})
    ELSE websearch_to_tsquery('simple'::regconfig, ${text}) END)`;

/** Full-text search over provisions with filters; ranked, with highlighted snippets. */
export async function searchProvisions(db: Db, q: SearchQuery): Promise<SearchHit[]> {
  const text = q.text?.trim() ?? '';
  const where: SQL[] = [];
  if (text) where.push(textMatch(text, q.language));
  else if (q.language) where.push(sql`p.language = ${q.language}`);
  if (q.kind) where.push(sql`p.kind = ${q.kind}`);
  if (q.tag || q.strength) {
    const tagCond: SQL[] = [sql`t.agreement_id = p.agreement_id`, sql`t.provision_id = p.provision_id`];
    if (q.tag) tagCond.push(sql`t.tag = ${q.tag}`);
    if (q.strength) tagCond.push(sql`t.strength = ${q.strength}`);
    where.push(sql`EXISTS (SELECT 1 FROM tags t WHERE ${sql.join(tagCond, sql` AND `)})`);
  }
  if (q.party) {
    where.push(
      sql`EXISTS (SELECT 1 FROM agreement_parties ap WHERE ap.agreement_id = a.id AND ap.iso3 = ${q.party.toUpperCase()})`,
    );
  }
  if (q.region) {
    where.push(sql`EXISTS (SELECT 1 FROM agreement_parties ap JOIN parties pa ON pa.iso3 = ap.iso3
      WHERE ap.agreement_id = a.id AND pa.region = ${q.region})`);
  }
  if (q.yearFrom !== undefined) where.push(sql`a.date_signed >= make_date(${q.yearFrom}::int, 1, 1)`);
  if (q.yearTo !== undefined) where.push(sql`a.date_signed < make_date(${q.yearTo + 1}::int, 1, 1)`);
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 200);
  const offset = Math.max(q.offset ?? 0, 0);
  const rank = text ? rankOf(text) : sql`0`;
  const headline = text
    ? sql`ts_headline(CASE h.language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig
        WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END, h.text,
        CASE h.language WHEN 'en' THEN websearch_to_tsquery('english'::regconfig, ${text})
          WHEN 'fr' THEN websearch_to_tsquery('french'::regconfig, ${text})
          WHEN 'es' THEN websearch_to_tsquery('spanish'::regconfig, ${text})
          ELSE websearch_to_tsquery('simple'::regconfig, ${text}) END,
        'StartSel=«, StopSel=», MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')`
    : sql`left(h.text, 240)`;
  // Rank and cut first, then build snippets for the page of hits only (ts_headline is costly).
  const result = await db.execute(sql`
    WITH hits AS (
      SELECT p.agreement_id, p.provision_id, p.kind, p.article, p.number, p.heading, p.page_start,
             p.language, p.text, p.ordinal, a.title, a.date_signed, ${rank} AS rank
      FROM provisions p JOIN agreements a ON a.id = p.agreement_id
      ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
      ORDER BY rank DESC, p.agreement_id, p.ordinal
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT h.agreement_id, h.provision_id, h.kind, h.article, h.number, h.heading, h.page_start, h.language,
           h.title, h.date_signed::text AS date_signed, h.rank, ${headline} AS snippet,
           coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM tags t
                     WHERE t.agreement_id = h.agreement_id AND t.provision_id = h.provision_id), '{}') AS tags
    FROM hits h
    ORDER BY h.rank DESC, h.agreement_id, h.ordinal`);
  const rows = rowsOf<Record<string, unknown>>(result);
  return rows.map((r) => ({
    agreementId: String(r.agreement_id),
    title: String(r.title),
    dateSigned: (r.date_signed as string | null) ?? null,
    provisionId: String(r.provision_id),
    kind: String(r.kind),
    article: (r.article as string | null) ?? null,
    number: (r.number as string | null) ?? null,
    heading: (r.heading as string | null) ?? null,
    pageStart: Number(r.page_start),
    language: String(r.language),
    rank: Number(r.rank),
    snippet: String(r.snippet ?? ''),
    tags: (r.tags as string[]) ?? [],
  }));
}
