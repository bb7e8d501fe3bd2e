import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { Link, useParams } from 'react-router';
import { type AgreementDetail, ApiError, api, type Provision, type Reuse } from '../api.ts';
import { TAG_COLORS } from '../checks.ts';
import type { Lang } from '../i18n.ts';
import { type Key, useT } from '../i18n.ts';
import { pct, Query, useParam } from '../ui.tsx';

type TagRow = AgreementDetail['tags'][number] & { why?: string[] };

export default function Agreement() {
  const { id = '' } = useParams();
  const { t } = useT();
  const detail = useQuery({ queryKey: ['agreement', id], queryFn: () => api.agreement(id) });
  const provisions = useQuery({ queryKey: ['provisions', id], queryFn: () => api.provisions(id) });
  return (
    <Query query={detail}>
      {(d) => (
        <article aria-labelledby="agreement-title">
          <h2 id="agreement-title">{d.meta.title}</h2>
          <Meta d={d} />
          <Scorecard d={d} />
          <h3>{t('text')}</h3>
          <Legend />
          <Query query={provisions} isEmpty={(p) => p.length === 0}>
            {(list) => <ProvisionTree detail={d} provisions={list} />}
          </Query>
          <Similar id={id} />
        </article>
      )}
    </Query>
  );
}

function Meta({ d }: { d: AgreementDetail }) {
  const { t } = useT();
  const rows: [string, ReactNode][] = [
    [t('signed'), d.meta.dateSigned ?? '–'],
    [t('type'), d.meta.type ?? '–'],
    [t('lang'), d.meta.language],
    [t('parties'), d.parties.map((p) => `${p.name ?? p.iso3} (${p.iso3})`).join(', ') || d.meta.parties.join(', ')],
    ['2005 Convention', d.conventionAtSignature],
  ];
  return (
    <section aria-label={t('metadata')}>
      <dl className="meta">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Page links only when the original is a stored PDF: a link to a 404 helps no one. */
function usePdfLinks(d: AgreementDetail): boolean {
  const pdf = d.document.format === 'pdf';
  const stored = useQuery({
    queryKey: ['file', d.meta.id],
    queryFn: () => api.fileStored(d.meta.id),
    enabled: pdf,
  });
  return pdf && stored.data === true;
}

function Scorecard({ d }: { d: AgreementDetail }) {
  const { t } = useT();
  const pdf = usePdfLinks(d);
  return (
    <section aria-labelledby="scorecard-title">
      <h3 id="scorecard-title">
        {t('scorecard')}: {d.scorecard.passed} / {d.scorecard.total - d.scorecard.notApplicable}
      </h3>
      <table className="data scorecard">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {d.scorecard.checks.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.title}
                <br />
                <small>{c.explanation}</small>
              </th>
              <td className={`status ${c.status}`}>{t(c.status as Key)}</td>
              <td>
                {c.evidence.map((e) => (
                  <p key={`${e.provisionId}-${e.tag}`}>
                    <q>{e.quote}</q> — {e.citation} ({e.strength})
                    {pdf && e.pageStart > 0 && (
                      <>
                        {' '}
                        <a href={api.fileUrl(d.meta.id, e.pageStart)} target="_blank" rel="noreferrer">
                          {t('openPdf')} {e.pageStart}
                        </a>
                      </>
                    )}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Legend() {
  return (
    <ul className="legend" aria-label="tags">
      {Object.entries(TAG_COLORS).map(([tag, color]) => (
        <li key={tag}>
          <span className="swatch" style={{ background: color }} /> {tag}
        </li>
      ))}
    </ul>
  );
}

/** The provision tree, each provision's text with its tags' evidence highlighted. */
function ProvisionTree({ detail, provisions }: { detail: AgreementDetail; provisions: Provision[] }) {
  const { t } = useT();
  const [only, setOnly] = useParam('tagged', '1');
  const tagsBy = new Map<string, TagRow[]>();
  for (const tag of detail.tags) tagsBy.set(tag.provisionId, [...(tagsBy.get(tag.provisionId) ?? []), tag]);
  const children = new Map<string | null, Provision[]>();
  for (const p of provisions) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p]);
  // A provision is shown when it or one of its descendants is tagged (or when the reader asks for all).
  const tagged = new Set<string>();
  const byId = new Map(provisions.map((p) => [p.id, p]));
  for (const id of tagsBy.keys()) {
    let p = byId.get(id);
    while (p && !tagged.has(p.id)) {
      tagged.add(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
  }
  const pdf = usePdfLinks(detail);
  // Pages are real only for paged formats; the others cite the article alone.
  const paged = detail.document.format === 'pdf';
  const render = (parent: string | null, depth: number): ReactNode => {
    const list = (children.get(parent) ?? []).filter((p) => only !== '1' || tagged.has(p.id));
    if (list.length === 0) return null;
    return (
      <ul className={depth === 0 ? 'tree' : undefined}>
        {list.map((p) => (
          <li key={p.id} id={`p-${p.id}`}>
            <div className="provision">
              <strong>
                {p.kind} {p.number ?? ''} {p.heading ?? ''}
              </strong>{' '}
              {p.pageStart > 0 &&
                (pdf ? (
                  <a className="page" href={api.fileUrl(detail.meta.id, p.pageStart)} target="_blank" rel="noreferrer">
                    p. {p.pageStart}
                  </a>
                ) : (
                  paged && <span className="page">p. {p.pageStart}</span>
                ))}
              {tagsBy.has(p.id) && <Highlighted text={p.text} tags={tagsBy.get(p.id)!} paged={paged} />}
            </div>
            {render(p.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <section aria-label={t('provisions')}>
      <label>
        <input type="checkbox" checked={only === '1'} onChange={(e) => setOnly(e.target.checked ? '1' : '0')} />{' '}
        {t('tags')} only
      </label>
      {render(null, 0)}
    </section>
  );
}

/** The provision's text with each tag's evidence marked: colour per tag, strength shown, `why` on hover or focus. */
export function Highlighted({ text, tags, paged }: { text: string; tags: TagRow[]; paged: boolean }) {
  const uid = useId();
  const spans: { start: number; end: number; tag: TagRow }[] = [];
  for (const tag of tags) {
    const at = tag.evidence ? text.indexOf(tag.evidence) : -1;
    if (at >= 0) spans.push({ start: at, end: at + tag.evidence.length, tag });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // Overlaps keep the first span; the tag is still listed below.
    out.push(text.slice(pos, s.start));
    const why = [`${s.tag.tag} — ${s.tag.strength} (${pct(s.tag.confidence)})`, ...(s.tag.why ?? [])].join('\n');
    out.push(
      <mark
        key={`${s.start}-${s.tag.tag}`}
        style={{ background: TAG_COLORS[s.tag.tag] ?? '#eee' }}
        className={`tag strength-${s.tag.strength}`}
        data-tag={s.tag.tag}
        title={why}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focus shows the `why` to keyboard users
        tabIndex={0}
        aria-describedby={`${uid}-${s.start}`}
      >
        {text.slice(s.start, s.end)}
        <sup>{s.tag.strength[0]}</sup>
        <span className="why" role="tooltip" id={`${uid}-${s.start}`}>
          {why}
        </span>
      </mark>,
    );
    pos = s.end;
  }
  out.push(text.slice(pos));
  return (
    <>
      <p className="text">{out}</p>
      <p className="tag-list">
        {tags.map((tg) => (
          <span key={`${tg.tag}-${tg.strength}`} className="chip" style={{ background: TAG_COLORS[tg.tag] ?? '#eee' }}>
            {tg.tag} · {tg.strength}
            {paged ? ` · p. ${tg.pageStart}` : ''}
          </span>
        ))}
      </p>
    </>
  );
}

function Similar({ id }: { id: string }) {
  const { t, lang } = useT();
  const reuse = useQuery({ queryKey: ['reuse', id], queryFn: () => reuseOrNone(id) });
  return (
    <section aria-labelledby="similar-title">
      <h3 id="similar-title">{t('similar')}</h3>
      <Query query={reuse} isEmpty={(r) => !r || r.predecessors.length === 0}>
        {(r) => r && <Predecessors reuse={r} id={id} lang={lang} />}
      </Query>
    </section>
  );
}

/** Earlier agreements that supply this one's wording, each a link to the side-by-side comparison. */
export function Predecessors({ reuse, id, lang }: { reuse: Reuse; id: string; lang: Lang }) {
  const { t } = useT();
  return (
    <>
      <p>
        {t('earlierShare')}: {pct(reuse.earlierShare)}
      </p>
      <ul>
        {reuse.predecessors.map((p) => (
          <li key={p.id}>
            <Link to={`/compare?ids=${encodeURIComponent(`${p.id},${id}`)}${lang === 'fr' ? '&lang=fr' : ''}`}>
              {p.title ?? p.id}
            </Link>{' '}
            ({p.signed?.slice(0, 4) ?? '–'}) — {pct(p.share)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Reuse of an agreement, or null for one the reuse index leaves out (the samples: 404). */
export async function reuseOrNone(id: string): Promise<Reuse | null> {
  try {
    return await api.reuse(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
