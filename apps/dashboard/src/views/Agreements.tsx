import { useQuery } from '@tanstack/react-query';
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { type AgreementListItem, api } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorState, Loading, useParam, yearOf } from '../ui.tsx';

interface Row {
  id: string;
  title: string;
  parties: string;
  year: string;
  type: string;
  language: string;
  tags: string;
  passed: number;
}

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  rowPaginationFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Row>();
const PAGE_SIZE = 25;
const noRows: Row[] = [];

const toRow = (a: AgreementListItem): Row => ({
  id: a.id,
  title: a.title,
  parties: a.parties.join(', '),
  year: yearOf(a.dateSigned),
  type: a.type ?? '',
  language: a.language,
  tags: a.tags.join(', '),
  passed: a.passed,
});

/** CSV of exactly the rows shown, with cells that a spreadsheet would run as formulas neutralised. */
function csv(rows: Row[]): string {
  const cell = (v: unknown) => {
    let s = v == null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const head: (keyof Row)[] = ['id', 'title', 'parties', 'year', 'type', 'language', 'tags', 'passed'];
  return [head.join(','), ...rows.map((r) => head.map((k) => cell(r[k])).join(','))].join('\r\n');
}

export default function Agreements() {
  const { t, lang } = useT();
  const [filter, setFilter] = useParam('filter');
  const [q, setQ] = useParam('q');
  const [sort, setSort] = useParam('sort', 'year:desc');
  const [pageParam, setPage] = useParam('page', '1');
  const pageIndex = Math.max(0, Number(pageParam) - 1 || 0);

  const list = useQuery({ queryKey: ['agreements', {}], queryFn: () => api.allAgreements({}) });
  // Full-text search runs on the API; the table keeps the agreements with a matching provision.
  const hits = useQuery({ queryKey: ['search', q], queryFn: () => api.search(q), enabled: q.trim() !== '' });
  const matching = q.trim() && hits.data ? new Set(hits.data.hits.map((h) => h.agreementId)) : null;

  const data = useMemo(() => {
    if (!list.data) return noRows;
    const rows = list.data.map(toRow);
    return matching ? rows.filter((r) => matching.has(r.id)) : rows;
  }, [list.data, matching]);

  const [sortId, sortDir] = sort.split(':');
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('title', {
          header: t('title'),
          sortFn: 'alphanumeric',
          cell: (info) => (
            <Link to={`/agreements/${encodeURIComponent(info.row.original.id)}${lang === 'fr' ? '?lang=fr' : ''}`}>
              {info.getValue()}
            </Link>
          ),
        }),
        helper.accessor('parties', { sortFn: 'alphanumeric', header: t('parties') }),
        helper.accessor('year', { header: t('year') }),
        helper.accessor('type', { sortFn: 'alphanumeric', header: t('type') }),
        helper.accessor('language', { sortFn: 'alphanumeric', header: t('lang') }),
        helper.accessor('tags', {
          sortFn: 'alphanumeric',
          header: t('tags'),
          cell: (info) => <small>{info.getValue()}</small>,
        }),
        helper.accessor('passed', { header: t('checksPassed'), sortFn: 'basic' }),
      ]),
    [t, lang],
  );

  const table = useTable({
    features,
    columns,
    data,
    state: {
      sorting: sortId ? [{ id: sortId, desc: sortDir === 'desc' }] : [],
      globalFilter: filter,
      pagination: { pageIndex, pageSize: PAGE_SIZE },
    },
    globalFilterFn: 'includesString',
    onSortingChange: (updater) => {
      const current = sortId ? [{ id: sortId, desc: sortDir === 'desc' }] : [];
      const next = typeof updater === 'function' ? updater(current) : updater;
      const first = next[0];
      setSort(first ? `${first.id}:${first.desc ? 'desc' : 'asc'}` : '');
    },
    onPaginationChange: (updater) => {
      const next = typeof updater === 'function' ? updater({ pageIndex, pageSize: PAGE_SIZE }) : updater;
      setPage(String(next.pageIndex + 1));
    },
  });

  const shown = table.getRowModel().rows.map((r) => r.original);
  const download = () => {
    const url = URL.createObjectURL(new Blob([csv(shown)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'agreements.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="agreements-title">
      <h2 id="agreements-title">{t('agreementsTitle')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filter')}{' '}
          <input
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
            }}
          />
        </label>
        <label>
          {t('search')}{' '}
          <input
            type="search"
            defaultValue={q}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
          />
        </label>
        <button type="button" onClick={download} disabled={shown.length === 0}>
          {t('exportCsv')}
        </button>
      </form>
      {list.isPending || (q && hits.isPending) ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : hits.isError ? (
        <ErrorState error={hits.error} retry={() => hits.refetch()} />
      ) : shown.length === 0 ? (
        <p className="state empty">{t('empty')}</p>
      ) : (
        <>
          <div className="scroll">
            <table className="data" data-testid="agreements-table">
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => {
                      const dir = header.column.getIsSorted();
                      return (
                        <th
                          key={header.id}
                          scope="col"
                          aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                        >
                          <button type="button" className="link" onClick={header.column.getToggleSortingHandler()}>
                            <table.FlexRender header={header} /> {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                          </button>
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id}>
                    {row.getAllCells().map((cell) => (
                      <td key={cell.id}>
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('page')}>
            <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
              {t('previous')}
            </button>
            <span>
              {t('page')} {pageIndex + 1} / {table.getPageCount()} ({table.getFilteredRowModel().rows.length})
            </span>
            <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
              {t('next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
