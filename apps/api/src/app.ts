import { Readable } from 'node:stream';
import {
  AgreementDetailSchema,
  CcmError,
  ComparisonSchema,
  ModelClausesSchema,
  pageSize,
  parseInput,
  problemOf,
  ReuseReportSchema,
  SearchFiltersSchema,
  SearchPageSchema,
  UptakeFiltersSchema,
  UptakeSeriesSchema,
  yearsInOrder,
} from '@ccm/contracts';
import {
  AgreementListQuerySchema,
  AgreementListSchema,
  agreementProvisions,
  ClausesQuerySchema,
  CompareQuerySchema,
  compare,
  type DraftOptions,
  type DraftStore,
  draftStore,
  listAgreements,
  modelClauses,
  ProvisionPageSchema,
  ProvisionQuerySchema,
  reuseOf,
  type Service,
  storeTokenAdmin,
  tokenVerifier,
} from '@ccm/service';
import { Scalar } from '@scalar/hono-api-reference';
import { create as contentDisposition } from 'content-disposition';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeRoute, openAPIRouteHandler, validator } from 'hono-openapi';
import { z } from 'zod';
import { adminRoutes } from './admin.ts';
import { mountDashboard } from './dashboard.ts';
import { draftRoutes } from './drafts.ts';
import { guardRequest } from './guard.ts';
import { json, PROBLEM, problems } from './openapi.ts';
import { TAXONOMY, TaxonomySchema } from './taxonomy.ts';

export interface ApiOptions {
  /** Origins allowed by CORS (`*` for any); none by default: same-origin only. */
  corsOrigins?: string[];
  /** Largest request body, in bytes, outside uploads. */
  maxBodyBytes?: number;
  /** One line per request (method, path without its query, status, ms): never a query or a text. */
  log?: (line: string) => void;
  /** Largest draft upload, in bytes (default 20 MiB). */
  maxUploadBytes?: number;
  /** Drafts: rate, queue depth, stream cap, parser limits (see `DraftOptions`). */
  drafts?: DraftOptions;
  /** Mounts the local token administration (`admin.ts`) under this key. */
  adminKey?: string;
}

/** A problem details response: the one error shape of the API. */
export function problemResponse(c: Context, error: unknown): Response {
  const problem = problemOf(error, new URL(c.req.url).pathname);
  const headers: Record<string, string> = { 'content-type': PROBLEM };
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer';
  const retry = (error as { retryAfterS?: unknown })?.retryAfterS;
  if (typeof retry === 'number') headers['retry-after'] = String(retry);
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, headers);
}

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
/** `/v1/search` as a query string: `q` is the text; the same filters as the CLI's search. */
const SearchParamsSchema = SearchFiltersSchema.extend({
  q: z.string().max(500).default(''),
  includeSamples: flag,
}).refine(...yearsInOrder);

const UptakeParamsSchema = UptakeFiltersSchema.extend({ includeSamples: flag }).refine(...yearsInOrder);
const IdParam = z.object({ id: z.string().min(1).max(200) });
const ExportParamsSchema = z.object({
  level: z.enum(['provision', 'agreement']).default('provision'),
  format: z.enum(['csv', 'json']).default('csv'),
  includeSamples: flag,
});
const ReuseParamsSchema = z.object({
  limit: pageSize(50, 10),
});

/**
 * Validates one part of the request with `schema`; a failure throws the contracts' one-line
 * `UsageError` naming the field (`?limit=`), which the error handler turns into a 400 problem.
 */
function valid<S extends z.ZodType, T extends 'query' | 'param'>(target: T, schema: S) {
  const label = (field: string) => (target === 'query' ? `?${field}=` : `{${field}}`);
  return validator(target, schema, (result) => {
    if (!result.success) {
      parseInput(schema, result.data, label);
      throw new CcmError('USAGE_INVALID', `invalid ${target}`);
    }
  });
}

/** Media types a browser may show in place: neither runs a script in the API's (the dashboard's) origin. */
const INLINE = new Set(['application/pdf', 'text/plain']);
const EXTENSION: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'text/html': '.html',
  'text/plain': '.txt',
  'application/xml': '.xml',
};

/**
 * `Content-Disposition` of a stored file: `inline` for PDF and plain text, `attachment` for
 * anything else (stored HTML is untrusted: never rendered). The name is the ingested file's
 * (control characters and slashes replaced; non-ASCII as RFC 8187 `filename*` with an ASCII
 * fallback, by the `content-disposition` package), else one made from the id.
 */
function disposition(id: string, file: { mediaType: string; fileName: string | null }): string {
  const type = INLINE.has(file.mediaType) ? 'inline' : 'attachment';
  const named = (file.fileName ?? '').replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, '_').trim();
  const name =
    named && named !== '.' && named !== '..'
      ? named
      : `${id.replace(/[^A-Za-z0-9._-]+/g, '_')}${EXTENSION[file.mediaType] ?? ''}`;
  try {
    return contentDisposition(name, { type });
  } catch {
    // A name the encoder refuses (it should not happen once sanitised): the file without a name.
    return type;
  }
}

/**
 * The API over a service. The caller owns the service (and closes it), and closes `drafts` (its
 * timers) with it; a draft store made here is closed by nobody, which tests accept.
 */
export function createApp(
  service: Service,
  options: ApiOptions = {},
  drafts: DraftStore = draftStore(service, options.drafts),
): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    options.log?.(
      `${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  });
  if (options.corsOrigins?.length) {
    const origins = options.corsOrigins;
    app.use('*', cors({ origin: origins.includes('*') ? '*' : origins, exposeHeaders: ['Location'] }));
  }
  // After CORS: a refused request still carries its CORS headers, so a browser can read the problem.
  app.use('*', guardRequest);
  const bodyLimited = bodyLimit({
    maxSize: options.maxBodyBytes ?? 64 * 1024,
    onError: (c) =>
      problemResponse(c, new CcmError('API_BODY_TOO_LARGE', 'the request body is larger than this endpoint accepts')),
  });
  // Uploads have their own, larger limit (drafts.ts).
  app.use('/v1/*', (c, next) =>
    c.req.method === 'POST' && c.req.path === '/v1/drafts' ? next() : bodyLimited(c, next),
  );

  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) =>
    problemResponse(c, new CcmError('NOT_FOUND', `no route ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );

  app.get(
    '/health',
    describeRoute({
      summary: 'Liveness: the process answers',
      responses: { 200: json(z.object({ status: z.literal('ok') }), 'alive') },
    }),
    (c) => c.json({ status: 'ok' as const }),
  );

  app.get(
    '/v1/tags',
    describeRoute({
      summary: 'The taxonomy: tags, strengths and scorecard checks',
      responses: { 200: json(TaxonomySchema, 'taxonomy') },
    }),
    (c) => c.json(TAXONOMY),
  );

  app.get(
    '/v1/agreements',
    describeRoute({
      summary: 'Agreements, filtered and sorted, paged by cursor',
      responses: { 200: json(AgreementListSchema, 'a page of agreements'), ...problems(400) },
    }),
    valid('query', AgreementListQuerySchema),
    async (c) => c.json(await listAgreements(service, c.req.valid('query'))),
  );

  app.get(
    '/v1/agreements/:id',
    describeRoute({
      summary: 'One agreement: metadata, parties, tags and scorecard',
      responses: { 200: json(AgreementDetailSchema, 'the agreement'), ...problems(404) },
    }),
    valid('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const detail = await service.agreement(id);
      if (!detail) throw new CcmError('NOT_FOUND', `no agreement ${JSON.stringify(id)}`);
      return c.json(detail);
    },
  );

  app.get(
    '/v1/agreements/:id/provisions',
    describeRoute({
      summary: "An agreement's provisions (the tree as a list with parent ids), by kind or number",
      responses: { 200: json(ProvisionPageSchema, 'a page of provisions'), ...problems(400, 404) },
    }),
    valid('param', IdParam),
    valid('query', ProvisionQuerySchema),
    async (c) => c.json(await agreementProvisions(service, c.req.valid('param').id, c.req.valid('query'))),
  );

  app.get(
    '/v1/agreements/:id/file',
    describeRoute({
      summary: 'The original file of an agreement, as it was ingested',
      description:
        'The bytes of the file the agreement was read from, with its media type and size. PDF and ' +
        'plain text are served `inline` (a PDF page can be opened with `#page=N`), anything else ' +
        '(DOCX, HTML, ToTA XML) as an `attachment`, always with `X-Content-Type-Options: nosniff`. ' +
        'HEAD gives the same headers without the body: whether the file is stored. 404 for an ' +
        'unknown agreement and for one whose file the store does not hold (stored before files ' +
        'were kept). Confidential drafts are never stored and have no file here.',
      responses: {
        200: {
          description: 'the file',
          headers: {
            'Content-Disposition': {
              description: '`inline` (PDF, plain text) or `attachment`, with the file name (RFC 6266)',
              schema: { type: 'string' },
            },
            'Content-Length': { description: 'the file size in bytes', schema: { type: 'integer' } },
            'X-Content-Type-Options': { schema: { type: 'string', enum: ['nosniff'] } },
          },
          content: Object.fromEntries(
            Object.keys(EXTENSION).map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
          ),
        },
        ...problems(404),
      },
    }),
    valid('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await service.agreement(id))) throw new CcmError('NOT_FOUND', `no agreement ${JSON.stringify(id)}`);
      const file = await service.original(id);
      if (!file) throw new CcmError('NOT_FOUND', `the original file of ${JSON.stringify(id)} is not stored`);
      return c.body(file.bytes, 200, {
        'content-type': file.mediaType,
        'content-length': String(file.bytes.byteLength),
        'content-disposition': disposition(id, file),
        'x-content-type-options': 'nosniff',
        // Should a browser render stored HTML anyway: no script, no origin of its own. Not on a
        // PDF: browsers' PDF viewers refuse to show a sandboxed one.
        ...(file.mediaType === 'application/pdf' ? {} : { 'content-security-policy': "sandbox; default-src 'none'" }),
      });
    },
  );

  app.get(
    '/v1/search',
    describeRoute({
      summary: 'Full-text search over provisions: ranked hits with highlighted snippets and citations',
      responses: { 200: json(SearchPageSchema, 'a page of hits'), ...problems(400) },
    }),
    valid('query', SearchParamsSchema),
    async (c) => {
      const { q, includeSamples, ...rest } = c.req.valid('query');
      return c.json(await service.search({ ...rest, text: q, includeSamples: includeSamples ?? false }));
    },
  );

  app.get(
    '/v1/uptake',
    describeRoute({
      summary: 'Uptake of a check by year of signature, party or region, with denominators',
      responses: { 200: json(UptakeSeriesSchema, 'the series'), ...problems(400) },
    }),
    valid('query', UptakeParamsSchema),
    async (c) => {
      const { includeSamples, ...rest } = c.req.valid('query');
      return c.json(await service.uptake({ ...rest, includeSamples: includeSamples ?? false }));
    },
  );

  app.get(
    '/v1/compare',
    describeRoute({
      summary:
        'Compare 2–4 agreements: scorecard matrix, tag matrix by chapter, aligned provisions with similarity and word diff',
      responses: { 200: json(ComparisonSchema, 'the comparison'), ...problems(400, 404) },
    }),
    valid('query', CompareQuerySchema),
    // compare() parses the raw query itself (ids as given); the validator above documents it.
    async (c) => c.json(await compare(service, c.req.query() as z.input<typeof CompareQuerySchema>)),
  );

  const reuse = reuseOf(service);
  app.get(
    '/v1/agreements/:id/reuse',
    describeRoute({
      summary: 'Closest earlier agreements and the share of its word 5-grams each supplies',
      responses: { 200: json(ReuseReportSchema, 'predecessors'), ...problems(404) },
    }),
    valid('param', IdParam),
    valid('query', ReuseParamsSchema),
    async (c) => {
      const { id } = c.req.valid('param');
      const { limit } = c.req.valid('query');
      const snapshot = await service.corpus();
      return c.json(await snapshot.memo('reuse', `${limit}:${id}`, () => reuse.predecessors(id, limit), 1024));
    },
  );

  app.get(
    '/v1/clauses',
    describeRoute({
      summary:
        'Model clauses: the strongest examples of a tag or of what passes a check, binding first, one per agreement',
      responses: { 200: json(ModelClausesSchema, 'model clauses with citations'), ...problems(400) },
    }),
    valid('query', ClausesQuerySchema),
    async (c) => c.json(await modelClauses(service, c.req.valid('query'))),
  );

  app.get(
    '/v1/export',
    describeRoute({
      summary: 'Every stored tag with its citation, or every agreement with its checks, as CSV or JSON',
      description:
        'Exactly what `ccm export` writes, streamed: `level=provision` (default) is one row per tag ' +
        '(agreement, article, page for PDFs only, strength, confidence, evidence); `level=agreement` one ' +
        'row per agreement with every check `pass`, `fail` or `not_applicable`. Columns are camelCase ' +
        "in CSV and JSON alike; a CSV cell a spreadsheet would run as a formula starts with `'`. " +
        'The sample agreements only with `includeSamples=true`.',
      responses: {
        200: {
          description: 'the rows (CSV with a header line, or a JSON array)',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/json': { schema: { type: 'array', items: { type: 'object' } } },
          },
        },
        ...problems(400),
      },
    }),
    valid('query', ExportParamsSchema),
    async (c) => {
      const { level, format, includeSamples } = c.req.valid('query');
      const rows = await service.export(level, format, { includeSamples: includeSamples ?? false });
      return c.body(Readable.toWeb(rows) as ReadableStream, 200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="ccm-${level === 'agreement' ? 'scorecards' : 'tags'}.${format}"`,
      });
    },
  );

  draftRoutes(app, {
    drafts,
    verify: tokenVerifier(service.store),
    ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
  });
  if (options.adminKey) adminRoutes(app, options.adminKey, storeTokenAdmin(service.store));

  app.get(
    '/v1/openapi.json',
    openAPIRouteHandler(app, {
      documentation: {
        openapi: '3.1.0',
        info: {
          title: 'Cultural Clause Monitor API',
          version: '1',
          description:
            'How trade agreements treat culture: agreements, provisions, tags, scorecards, search and uptake.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      },
      exclude: ['/v1/openapi.json', '/v1/docs', '/v1/admin/tokens', '/v1/admin/tokens/revoke'],
      defaultValidationErrorResponse: false,
    }),
  );
  app.get('/v1/docs', Scalar({ url: '/v1/openapi.json', pageTitle: 'Cultural Clause Monitor API' }));
  mountDashboard(app);

  return app;
}
