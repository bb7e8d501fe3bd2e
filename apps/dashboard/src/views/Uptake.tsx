import type { UptakeSeries } from '@ccm/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { checkLabel, UPTAKE_CHECKS } from '../checks.ts';
import { useT } from '../i18n.ts';
import { ErrorState, Loading, pct, Query, useParam, yearOf } from '../ui.tsx';
import { type UptakeFilters, uptakeFilters, uptakeSeries, yearSeriesQuery } from '../uptake.ts';

// Fetched as soon as this view loads, while its data is on the way, not after.
const chart = import('./UptakeChart.tsx');
const UptakeChart = lazy(() => chart);
const WorldMap = lazy(() => import('./WorldMap.tsx'));

const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];

/** A figure whose agreements are listed: `year|party`, its key, and the check. */
export type Drill = { by: 'year' | 'party'; key: string; check: string };

export default function Uptake() {
  const { t, lang } = useT();
  const [measure, setMeasure] = useParam('measure', 'share');
  const [denominator, setDenominator] = useParam('denominator', 'all');
  const [party, setParty] = useParam('party');
  const [region, setRegion] = useParam('region');
  const [mapCheck, setMapCheck] = useParam('mapCheck', UPTAKE_CHECKS[0]!.id);
  const [drillParam, setDrillParam] = useParam('drill');
  const drill = parseDrill(drillParam);
  const openDrill = (d: Drill) => setDrillParam(`${d.by}:${d.key}:${d.check}`);

  const filters = uptakeFilters(party, region, denominator);
  const series = useQueries({ queries: UPTAKE_CHECKS.map((c) => yearSeriesQuery(c.id, filters)) });
  const failed = series.find((s) => s.isError);
  const ready = series.every((s) => s.isSuccess);
  const data = ready ? series.map((s) => s.data as UptakeSeries) : [];
  const years = [...new Set(data.flatMap((s) => s.points.map((p) => p.key)))].filter((k) => /^\d{4}$/.test(k)).sort();

  return (
    <section aria-labelledby="uptake-title">
      <h2 id="uptake-title">{t('uptakeTitle')}</h2>
      <p>{t('uptakeLead')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('measure')}</legend>
          {(['share', 'count'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="measure" checked={measure === m} onChange={() => setMeasure(m)} /> {t(m)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('denominator')}</legend>
          {(['all', 'convention'] as const).map((d) => (
            <label key={d}>
              <input type="radio" name="denominator" checked={denominator === d} onChange={() => setDenominator(d)} />{' '}
              {t(d === 'all' ? 'denomAll' : 'denomConvention')}
            </label>
          ))}
        </fieldset>
        <label>
          {t('party')}{' '}
          <input
            value={party}
            placeholder={t('partyPlaceholder')}
            maxLength={3}
            size={6}
            onChange={(e) => setParty(e.target.value.toUpperCase())}
          />
        </label>
        <label>
          {t('region')}{' '}
          <select value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">{t('anyRegion')}</option>
            {REGIONS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </form>

      {failed ? (
        <ErrorState
          error={failed.error}
          retry={() => {
            for (const s of series) void s.refetch();
          }}
        />
      ) : !ready ? (
        <Loading />
      ) : years.length === 0 ? (
        <p className="state empty">{t('empty')}</p>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <UptakeChart series={data} measure={measure === 'count' ? 'count' : 'share'} onPick={openDrill} />
          </Suspense>
          <FiguresTable series={data} years={years} measure={measure} onPick={openDrill} />
        </>
      )}

      {drill && <DrillDown drill={drill} filters={filters} onClose={() => setDrillParam('')} />}

      <h3 id="map-title">{t('map')}</h3>
      <label>
        {t('series')}{' '}
        <select value={mapCheck} onChange={(e) => setMapCheck(e.target.value)}>
          {UPTAKE_CHECKS.map((c) => (
            <option key={c.id} value={c.id}>
              {c[lang]}
            </option>
          ))}
        </select>
      </label>
      <PartyUptake check={mapCheck} convention={filters.convention} onPick={openDrill} />
    </section>
  );
}

function parseDrill(value: string): Drill | null {
  const [by, key, ...rest] = value.split(':');
  if ((by !== 'year' && by !== 'party') || !key || rest.length === 0) return null;
  return { by, key, check: rest.join(':') };
}

/** The chart's figures as a table: the keyboard's way to every drill-down, and what a screen reader reads. */
function FiguresTable({
  series,
  years,
  measure,
  onPick,
}: {
  series: UptakeSeries[];
  years: string[];
  measure: string;
  onPick: (d: Drill) => void;
}) {
  const { t, lang } = useT();
  const signed = (year: string) =>
    Math.max(0, ...series.map((s) => s.points.find((p) => p.key === year)?.agreements ?? 0));
  return (
    <details className="figures">
      <summary>{t('figuresTable')}</summary>
      <div className="scroll">
        <table>
          <caption>{t('uptakeTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('year')}</th>
              <th scope="col">{t('restsOn')}</th>
              {series.map((s) => (
                <th scope="col" key={s.check}>
                  {checkLabel(s.check, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                <td>{signed(y)}</td>
                {series.map((s) => {
                  const p = s.points.find((x) => x.key === y);
                  return (
                    <td key={s.check}>
                      {p ? (
                        <button
                          type="button"
                          className="link"
                          onClick={() => onPick({ by: 'year', key: y, check: s.check })}
                          title={`${p.passed} ${t('of')} ${p.applicable} ${t('applicable')}`}
                        >
                          {measure === 'count' ? p.passed : pct(p.share)}
                        </button>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function DrillDown({ drill, filters, onClose }: { drill: Drill; filters: UptakeFilters; onClose: () => void }) {
  const { t, lang } = useT();
  const params =
    drill.by === 'year'
      ? { yearFrom: drill.key, yearTo: drill.key, party: filters.party, region: filters.region }
      : { party: drill.key };
  const query = useQuery({
    queryKey: ['drill', drill, filters],
    queryFn: () =>
      api.allAgreements({
        ...params,
        check: drill.check,
        checkStatus: 'pass',
        convention: filters.convention ? 'yes' : undefined,
      }),
  });
  const keep = lang === 'fr' ? '?lang=fr' : '';
  return (
    <aside className="drill" aria-labelledby="drill-title">
      <h3 id="drill-title">
        {t('agreementsBehind')}: {checkLabel(drill.check, lang)}, {drill.key}
      </h3>
      <button type="button" onClick={onClose}>
        {t('close')}
      </button>
      <Query query={query} isEmpty={(d) => d.length === 0}>
        {(items) => (
          <ul data-testid="drill-list">
            {items.map((a) => (
              <li key={a.id}>
                <Link to={`/agreements/${encodeURIComponent(a.id)}${keep}`}>{a.title}</Link> ({yearOf(a.dateSigned)};{' '}
                {a.parties.join(', ')})
              </li>
            ))}
          </ul>
        )}
      </Query>
    </aside>
  );
}

function PartyUptake({
  check,
  convention,
  onPick,
}: {
  check: string;
  convention?: boolean;
  onPick: (d: Drill) => void;
}) {
  const { t } = useT();
  const id = UPTAKE_CHECKS.find((c) => c.id === check)?.id ?? UPTAKE_CHECKS[0]!.id;
  const query = useQuery({
    queryKey: ['uptake', 'party', id, convention],
    queryFn: () => uptakeSeries(id, 'party', { convention }),
  });
  return (
    <Query query={query} isEmpty={(d) => d.points.length === 0}>
      {(s) => {
        const ranked = [...s.points]
          .filter((p) => /^[A-Z]{3}$/.test(p.key))
          .sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || b.passed - a.passed);
        return (
          <div className="map-row">
            <Suspense fallback={<Loading />}>
              <WorldMap points={ranked} onPick={(iso3) => onPick({ by: 'party', key: iso3, check })} />
            </Suspense>
            <div className="scroll ranked">
              <table>
                <caption>{t('rankedParties')}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('party')}</th>
                    <th scope="col">{t('share')}</th>
                    <th scope="col">{t('passed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ranked.map((p, i) => (
                    <tr key={p.key}>
                      <td>{i + 1}</td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => onPick({ by: 'party', key: p.key, check })}
                        >
                          {p.key}
                        </button>
                      </td>
                      <td>{pct(p.share)}</td>
                      <td>
                        {p.passed} {t('of')} {p.applicable}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      }}
    </Query>
  );
}
