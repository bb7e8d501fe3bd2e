import type { Strength, TagId } from '@ccm/classifier';
import type { ProvisionKind } from '@ccm/parser';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from './engine.ts';
import { StoreError } from './errors.ts';
import type { CitedProvision, CorpusQuery } from './types.ts';

export interface SearchQuery extends CorpusQuery {
  /** Words, "quoted phrases", OR, -excluded (web search syntax); empty = filters only. */
  text?: string;
  tag?: TagId;
  strength?: Strength;
  /** ISO 3166-1 alpha-3 of a party. */
  party?: string;
  /** UN M49 region of a party ("Africa", "Europe"…). */
  region?: string;
  /** Years of signature, inclusive. */
  yearFrom?: number;
  yearTo?: number;
  language?: string;
  kind?: ProvisionKind;
  /** Hits per page, 1 to {@link MAX_PAGE}; default 20. */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the first. */
  cursor?: string;
}

export const MAX_PAGE = 200;

/** A hit; `pageStart` is null for sources without pages (ToTA XML, text, HTML, DOCX): no invented "p. 1". */
export interface SearchHit extends Omit<CitedProvision, 'pageStart'> {
  pageStart: number | null;
  language: string;
  rank: number;
  /** The matching words marked with «…» (ts_headline). */
  snippet: string;
  tags: TagId[];
}

/** One page of hits, the number of hits in all, and the cursor of the next page (null on the last). */
export interface SearchPage {
  hits: SearchHit[];
  total: number;
  nextCursor: string | null;
}

/** The query's column in the `q` row (one tsquery per stemmer, computed once per search). */
const queryOf = (language: string) =>
  sql.raw(`q.${({ en: 'en', fr: 'fr', es: 'es' } as Record<string, string>)[language] ?? 'si'}`);

/** The text condition, one branch per language so that each uses its stemmer and the GIN index. */
function textMatch(language?: string): SQL {
  const languages = language ? [language] : ['en', 'fr', 'es'];
  const branches = languages.map((l) => sql`(p.language = ${l} AND p.search @@ ${queryOf(l)})`);
  if (!language) branches.push(sql`(p.language NOT IN ('en', 'fr', 'es') AND p.search @@ q.si)`);
  return sql`(${sql.join(branches, sql` OR `)})`;
}

/** Each provision's query in its own language. */
const localQuery = (alias: string) =>
  sql.raw(`CASE ${alias}.language WHEN 'en' THEN q.en WHEN 'fr' THEN q.fr WHEN 'es' THEN q.es ELSE q.si END`);

/** A page ends at (rank, agreement, ordinal): the next starts strictly after it in the ranking's order. */
type Position = [rank: number, agreementId: string, ordinal: number];

const encodeCursor = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');

function decodeCursor(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(p) &&
      p.length === 3 &&
      Number.isFinite(p[0]) &&
      typeof p[1] === 'string' &&
      Number.isInteger(p[2])
    ) {
      return p as Position;
    }
  } catch {
    // reported below
  }
  throw new StoreError('STORE_BAD_QUERY', 'the search cursor is not one this store gave out');
}

function validate(q: SearchQuery): void {
  const bad = (why: string) => {
    throw new StoreError('STORE_BAD_QUERY', why);
  };
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_PAGE))
    bad(`limit must be a whole number from 1 to ${MAX_PAGE} (page on with the cursor)`);
  for (const [name, year] of [
    ['yearFrom', q.yearFrom],
    ['yearTo', q.yearTo],
  ] as const) {
    if (year !== undefined && (!Number.isInteger(year) || year < 1000 || year > 9999))
      bad(`${name} must be a four-digit year`);
  }
  if (q.yearFrom !== undefined && q.yearTo !== undefined && q.yearFrom > q.yearTo) bad('yearFrom is after yearTo');
}

/** Full-text search over provisions with filters; ranked, with highlighted snippets, a page at a time. */
export async function searchProvisions(db: Db, q: SearchQuery): Promise<SearchPage> {
  validate(q);
  const text = q.text?.trim() ?? '';
  const where: SQL[] = [];
  if (!q.includeSamples) where.push(sql`NOT a.sample`);
  if (text) where.push(textMatch(q.language));
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
  const filter = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const limit = q.limit ?? 20;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rank = text ? sql`ts_rank(p.search, ${localQuery('p')})::real` : sql`0::real`;
  const headline = text
    ? sql`ts_headline(CASE h.language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig
        WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END, h.text, ${localQuery('h')},
        'StartSel=«, StopSel=», MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')`
    : sql`left(h.text, 240)`;
  const cursorCond = after
    ? sql`WHERE m.rank < ${after[0]}::real OR (m.rank = ${after[0]}::real AND (m.agreement_id, m.ordinal) > (${after[1]}, ${after[2]}::int))`
    : sql``;
  // One pass: each stemmer's query computed once, the matches ranked and counted together, and
  // snippets (ts_headline is costly) built for the page of hits only. The total comes with the
  // page, or alone on an empty one.
  const result = await db.execute(sql`
    WITH q AS MATERIALIZED (
      SELECT websearch_to_tsquery('english'::regconfig, ${text}) AS en, websearch_to_tsquery('french'::regconfig, ${text}) AS fr,
             websearch_to_tsquery('spanish'::regconfig, ${text}) AS es, websearch_to_tsquery('simple'::regconfig, ${text}) AS si
    ), matched AS MATERIALIZED (
      SELECT p.agreement_id, p.provision_id, p.kind, p.article, p.number, p.heading, p.page_start,
             p.language, p.text, p.ordinal, a.title, a.date_signed, ${rank} AS rank
      FROM q, provisions p JOIN agreements a ON a.id = p.agreement_id
      ${filter}
    ), counted AS (
      SELECT count(*)::int AS total FROM matched
    ), hits AS (
      SELECT * FROM matched m ${cursorCond}
      ORDER BY m.rank DESC, m.agreement_id, m.ordinal
      LIMIT ${limit + 1}
    )
    SELECT c.total, h.agreement_id, h.provision_id, h.kind, h.article, h.number, h.heading, h.page_start,
           (SELECT d.format FROM documents d WHERE d.agreement_id = h.agreement_id) AS format, h.language,
           h.title, h.date_signed::text AS date_signed, h.rank, h.ordinal, ${headline} AS snippet,
           coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM tags t
                     WHERE t.agreement_id = h.agreement_id AND t.provision_id = h.provision_id), '{}') AS tags
    FROM counted c CROSS JOIN q LEFT JOIN hits h ON true
    ORDER BY h.rank DESC, h.agreement_id, h.ordinal`);
  const all = rowsOf<Record<string, unknown>>(result);
  const total = Number(all[0]?.total ?? 0);
  // An empty page is one row of nulls beside the total.
  const rows = all.filter((r) => r.agreement_id !== null && r.agreement_id !== undefined);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    total,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor([Number(last.rank), String(last.agreement_id), Number(last.ordinal)])
        : null,
    hits: page.map((r) => ({
      agreementId: String(r.agreement_id),
      title: String(r.title),
      dateSigned: (r.date_signed as string | null) ?? null,
      provisionId: String(r.provision_id),
      kind: r.kind as ProvisionKind,
      article: (r.article as string | null) ?? null,
      number: (r.number as string | null) ?? null,
      heading: (r.heading as string | null) ?? null,
      // PDF is the one paged format (PAGED_FORMATS in @ccm/contracts).
      pageStart: r.format === 'pdf' ? Number(r.page_start) : null,
      language: String(r.language),
      rank: Number(r.rank),
      snippet: String(r.snippet ?? ''),
      tags: (r.tags as TagId[]) ?? [],
    })),
  };
}
