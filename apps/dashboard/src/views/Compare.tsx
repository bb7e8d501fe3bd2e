import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type AlignedProvision, api, type ComparedPair, type WordChange } from '../api.ts';
import { type Key, useT } from '../i18n.ts';
import { pct, Query, useParam } from '../ui.tsx';
import { Predecessors, reuseOrNone } from './Agreement.tsx';

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
  const origin = useQuery({ queryKey: ['reuse', ids[0]], queryFn: () => reuseOrNone(ids[0]!), enabled: valid });
  const keep = lang === 'fr' ? '?lang=fr' : '';
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
                            <Link to={`/agreements/${encodeURIComponent(a.id)}${keep}`}>{a.title}</Link>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {c.scorecards.map((row) => (
                        <tr key={row.check}>
                          <th scope="row">{row.check}</th>
                          {c.agreements.map((a) => {
                            const status = row.status[a.id];
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
                <h3>{t('aligned')}</h3>
                <PairPicker pairs={c.pairs} titleOf={titleOf} />
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
          <Query query={origin} isEmpty={(r) => !r || r.predecessors.length === 0}>
            {(r) => r && <Predecessors reuse={r} id={ids[0]!} lang={lang} />}
          </Query>
        </>
      )}
    </section>
  );
}

/** With three or four agreements, one pair of them at a time (`with=`). */
function PairPicker({ pairs, titleOf }: { pairs: ComparedPair[]; titleOf: (id: string) => string }) {
  const { t } = useT();
  const [which, setWhich] = useParam('with', '0');
  const pair = pairs[Math.min(pairs.length - 1, Number(which) || 0)];
  if (!pair) return <p className="state empty">{t('empty')}</p>;
  return (
    <>
      {pairs.length > 1 && (
        <label>
          {t('pair')}{' '}
          <select value={which} onChange={(e) => setWhich(e.target.value)}>
            {pairs.map((p, i) => (
              <option key={`${p.a}-${p.b}`} value={i}>
                {titleOf(p.a)} ↔ {titleOf(p.b)}
              </option>
            ))}
          </select>
        </label>
      )}
      <p>
        {t('similarity')} (5-gram Jaccard): {pct(pair.charJaccard)}; {t('containment')}:{' '}
        {pct(pair.wordContainment.aInB)} / {pct(pair.wordContainment.bInA)}; {pair.alignedTotal}{' '}
        {t('aligned').toLowerCase()}
      </p>
      {pair.aligned.length === 0 ? (
        <p className="state empty">{t('empty')}</p>
      ) : (
        <Pairs pair={pair} titleOf={titleOf} />
      )}
    </>
  );
}

/** The two sides of a word diff: A is what is kept and deleted, B what is kept and inserted. */
function Side({ diff, side }: { diff: WordChange[]; side: 'a' | 'b' }) {
  const drop = side === 'a' ? 'insert' : 'delete';
  return (
    <p className="text">
      {diff.map((part, k) =>
        part.op === drop ? null : part.op === 'equal' ? (
          <span key={k}>{part.text}</span>
        ) : side === 'a' ? (
          <del key={k}>{part.text}</del>
        ) : (
          <ins key={k}>{part.text}</ins>
        ),
      )}
    </p>
  );
}

/** Aligned provisions side by side with word-level differences; previous/next jump between them. */
function Pairs({ pair, titleOf }: { pair: ComparedPair; titleOf: (id: string) => string }) {
  const { t } = useT();
  const [pairParam, setPair] = useParam('pair', '0');
  const list = pair.aligned;
  const index = Math.min(list.length - 1, Math.max(0, Number(pairParam) || 0));
  const refs = useRef<(HTMLElement | null)[]>([]);
  useEffect(() => {
    const el = refs.current[index];
    if (pairParam !== '0' && el) {
      el.focus();
      el.scrollIntoView({ block: 'nearest' });
    }
  }, [index, pairParam]);
  const key = (p: AlignedProvision) => `${p.a.provisionId}-${p.b.provisionId}`;
  return (
    <>
      <nav className="pager" aria-label={t('aligned')}>
        <button type="button" disabled={index === 0} onClick={() => setPair(String(index - 1))}>
          {t('prevPair')}
        </button>
        <span>
          {index + 1} / {list.length}
        </span>
        <button type="button" disabled={index >= list.length - 1} onClick={() => setPair(String(index + 1))}>
          {t('nextPair')}
        </button>
      </nav>
      <ol className="pairs" data-testid="pairs">
        {list.map((p, i) => (
          <li
            key={key(p)}
            ref={(el) => {
              refs.current[i] = el;
            }}
            tabIndex={-1}
            className={i === index ? 'pair current' : 'pair'}
          >
            <p className="sim">
              {t('similarity')}: {pct(p.charJaccard)}
            </p>
            <div className="side-by-side">
              <div>
                <h4>
                  {titleOf(pair.a)}, {p.a.citation}
                </h4>
                {p.diff ? <Side diff={p.diff} side="a" /> : <p>{t('tooDifferent')}</p>}
              </div>
              <div>
                <h4>
                  {titleOf(pair.b)}, {p.b.citation}
                </h4>
                {p.diff ? <Side diff={p.diff} side="b" /> : <p>{t('tooDifferent')}</p>}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
