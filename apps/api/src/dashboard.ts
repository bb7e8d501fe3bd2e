import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';

/** The built dashboard (`pnpm --filter @ccm/dashboard build`), or CCM_DASHBOARD_DIR. */
export const DASHBOARD_DIR = process.env.CCM_DASHBOARD_DIR ?? resolve(import.meta.dirname, '../../dashboard/dist');

/**
 * Serves the dashboard on the API's port when it is built: its hashed assets (compressed,
 * cached for a year) and, for any other path outside the API, its index.html, so a shared
 * link like /agreements/x?lang=fr opens in the browser's router. The API's own routes and
 * its 404 problems for unknown /v1 paths are untouched. Returns whether it mounted.
 */
export function mountDashboard(app: Hono, root = DASHBOARD_DIR): boolean {
  const indexFile = resolve(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile, 'utf8');
  app.use('/assets/*', compress(), async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root }));
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/health' || path === '/v1' || path.startsWith('/v1/') || path.startsWith('/assets/')) return next();
    c.header('cache-control', 'no-cache');
    return c.html(index);
  });
  return true;
}
