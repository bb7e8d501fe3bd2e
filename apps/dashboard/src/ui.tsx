import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from './api.ts';
import { useT } from './i18n.ts';

export function Loading() {
  const { t } = useT();
  return (
    <p className="state" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useT();
  return <p className="state empty">{children ?? t('empty')}</p>;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useT();
  const detail = error instanceof ApiError && error.problem ? error.problem.detail : String(error);
  return (
    <div className="state error" role="alert">
      <strong>{t('error')}</strong>
      <p>{detail}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Loading, error and empty states around one query, so no view forgets one. */
export function Query<T>({
  query,
  isEmpty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} retry={() => query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty />;
  return <>{children(query.data)}</>;
}

/** A piece of view state kept in the URL's search params, so a link reopens the same view. */
export function useParam(name: string, fallback = ''): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const set = (next: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next === '' || next === fallback) p.delete(name);
        else p.set(name, next);
        return p;
      },
      { replace: true },
    );
  return [value, set];
}

export const pct = (share: number | null | undefined) => (share == null ? '–' : `${Math.round(share * 100)} %`);
export const yearOf = (date: string | null | undefined) => (date ? date.slice(0, 4) : '');
