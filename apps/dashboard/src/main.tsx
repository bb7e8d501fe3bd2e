import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, NavLink, Outlet, RouterProvider, useLocation, useSearchParams } from 'react-router';
import { UPTAKE_CHECKS } from './checks.ts';
import { type Key, useT } from './i18n.ts';
import { Loading } from './ui.tsx';
import { uptakeFilters, yearSeriesQuery } from './uptake.ts';
import './styles.css';

// The landing view ships in the first chunk's graph but its chart and map load lazily; the other
// views are their own chunks.
const landing = location.pathname === '/';
// On the landing page its view and chart load in parallel with its data, not one after the other.
const uptakeView = landing ? import('./views/Uptake.tsx') : null;
if (landing) void import('./views/UptakeChart.tsx');
const Uptake = lazy(() => uptakeView ?? import('./views/Uptake.tsx'));
const Agreements = lazy(() => import('./views/Agreements.tsx'));
const Agreement = lazy(() => import('./views/Agreement.tsx'));
const Compare = lazy(() => import('./views/Compare.tsx'));
const DraftCheck = lazy(() => import('./views/Draft.tsx'));

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1 } } });

// The landing view's data is requested before React renders anything: it is what people wait for.
if (landing) {
  const p = new URLSearchParams(location.search);
  const filters = uptakeFilters(p.get('party') ?? '', p.get('region') ?? '', p.get('denominator') ?? '');
  for (const c of UPTAKE_CHECKS) void queryClient.prefetchQuery(yearSeriesQuery(c.id, filters));
}

const nav: [string, Key][] = [
  ['/', 'navUptake'],
  ['/agreements', 'navAgreements'],
  ['/compare', 'navCompare'],
  ['/draft', 'navDraft'],
];

function Shell() {
  const { t, lang } = useT();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const keepLang = lang === 'fr' ? '?lang=fr' : '';
  document.documentElement.lang = lang;
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header>
        <h1>{t('appTitle')}</h1>
        <nav aria-label="main">
          {nav.map(([to, key]) => (
            <NavLink key={to} to={`${to}${keepLang}`} end={to === '/'}>
              {t(key)}
            </NavLink>
          ))}
        </nav>
        <label className="lang">
          {t('language')}{' '}
          <select
            value={lang}
            onChange={(e) => {
              const p = new URLSearchParams(params);
              if (e.target.value === 'fr') p.set('lang', 'fr');
              else p.delete('lang');
              setParams(p, { replace: true });
            }}
          >
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      </header>
      <main id="main" key={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Uptake /> },
      { path: 'agreements', element: <Agreements /> },
      { path: 'agreements/:id', element: <Agreement /> },
      { path: 'compare', element: <Compare /> },
      { path: 'draft', element: <DraftCheck /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
