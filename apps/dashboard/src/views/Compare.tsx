import { useQuery } from '@tanstack/react-query';
import { diffWords } from 'diff';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type AlignedPair, api } from '../api.ts';
import { type Key, useT } from '../i18n.ts';
import { pct, Query, useParam } from '../ui.tsx';

export default function Compare() {
  const { t, lang } = useT();
  const [idsParam, setIds] = useParam('ids');
  const [draft, setDraft] = useState(idsParam);
  const ids = idsParam
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const valid = ids.length >= 2 && ids.length <= 4;
  const query = useQuery({ queryKey: ['compare', ids], queryFn: () => api.compare(ids), enabled: valid });
  const origin = useQuery({ queryKey: ['reuse', ids[0]], queryFn: () => api.reuse(ids[0]!), enabled: valid });
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">{t('compareTitle')}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setIds(draft);
        }}
      >
        <label>
          {t('compareIds')} <input value={draft} size={50} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">{t('compareGo')}</button>
      </form>
      {!valid ? (
        <p className="state empty">{t('compareIds')}</p>
      ) : (
        <Query query={query}>
          {(c) => {
            const titleOf = (id: string) => c.agreements.find((a) => a.id === id)?.title ?? id;
            const checkIds = [...new Set(c.scorecards.flatMap((s) => s.checks.map((x) => x.id)))];
            return (
              <>
                <h3>{t('matrix')}</h3>
                <div className="scroll">
                  <table className="data" data-testid="matrix">
                    <thead>
                      <tr>
                        <th scope="col">Check</th>
                        {c.agreements.map((a) => (
                          <th scope="col" key={a.id}>
                            <Link to={`/agreements/${encodeURIComponent(a.id)}${lang === 'fr' ? '?lang=fr' : ''}`}>
                              {a.title}
                            </Link>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {checkIds.map((cid) => (
                        <tr key={cid}>
                          <th scope="row">{cid}</th>
                          {c.agreements.map((a) => {
                            const status = c.scorecards
                              .find((s) => s.agreementId === a.id)
                              ?.checks.find((x) => x.id === cid)?.status;
                            return (
                              <td key={a.id} className={`status ${status ?? ''}`}>
                                {status ? t(status as Key) : '–'}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <h3>
                  {t('aligned')} ({c.aligned.length})
                </h3>
                {c.aligned.length === 0 ? (
                  <p className="state empty">{t('empty')}</p>
                ) : (
                  <Pairs pairs={c.aligned} titleOf={titleOf} />
                )}
              </>
            );
          }}
        </Query>
      )}
      {valid && (
        <>
          <h3>
            {t('origins')}: {ids[0]}
          </h3>
          <Query query={origin} isEmpty={(r) => (r.sources ?? []).length === 0}>
            {(r) => (
              <ul>
                {r.sources.map((s) => (
                  <li key={s.agreementId}>
                    {s.title ?? s.agreementId} — {pct(s.share)}
                  </li>
                ))}
              </ul>
            )}
          </Query>
        </>
      )}
    </section>
  );
}

/** Aligned pairs side by side with jsdiff's word-level differences; previous/next jump between pairs. */
function Pairs({ pairs, titleOf }: { pairs: AlignedPair[]; titleOf: (id: string) => string }) {
  const { t } = useT();
  const [pairParam, setPair] = useParam('pair', '0');
  const index = Math.min(pairs.length - 1, Math.max(0, Number(pairParam) || 0));
  const refs = useRef<(HTMLElement | null)[]>([]);
  useEffect(() => {
    if (pairParam !== '0') refs.current[index]?.focus();
  }, [index, pairParam]);
  return (
    <>
      <nav className="pager" aria-label={t('aligned')}>
        <button type="button" disabled={index === 0} onClick={() => setPair(String(index - 1))}>
          {t('prevPair')}
        </button>
        <span>
          {index + 1} / {pairs.length}
        </span>
        <button type="button" disabled={index >= pairs.length - 1} onClick={() => setPair(String(index + 1))}>
          {t('nextPair')}
        </button>
      </nav>
      <ol className="pairs" data-testid="pairs">
        {pairs.map((p, i) => {
          const parts = diffWords(p.a.text, p.b.text);
          return (
            <li
              key={`${p.a.provisionId}-${p.b.provisionId}`}
              ref={(el) => {
                refs.current[i] = el;
              }}
              tabIndex={-1}
              className={i === index ? 'pair current' : 'pair'}
            >
              <p className="sim">
                {t('similarity')}: {pct(p.similarity)}
              </p>
              <div className="side-by-side">
                <div>
                  <h4>
                    {titleOf(p.a.agreementId)} {p.a.citation ?? ''}
                  </h4>
                  <p className="text">
                    {parts.map((part, k) =>
                      part.added ? null : part.removed ? (
                        <del key={k}>{part.value}</del>
                      ) : (
                        <span key={k}>{part.value}</span>
                      ),
                    )}
                  </p>
                </div>
                <div>
                  <h4>
                    {titleOf(p.b.agreementId)} {p.b.citation ?? ''}
                  </h4>
                  <p className="text">
                    {parts.map((part, k) =>
                      part.removed ? null : part.added ? (
                        <ins key={k}>{part.value}</ins>
                      ) : (
                        <span key={k}>{part.value}</span>
                      ),
                    )}
                  </p>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
