import { CcmError, DraftAcceptedSchema, DraftListSchema, DraftViewSchema, isCcmError } from '@ccm/contracts';
import type { DraftHolder, DraftStore } from '@ccm/service';
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { describeRoute } from 'hono-openapi';
import { json, problems } from './openapi.ts';

export interface DraftRouteOptions {
  drafts: DraftStore;
  /** Bearer token → its owner key (the token's hash), or null. */
  verify: (token: string | undefined) => Promise<string | null>;
  /** Largest upload, in bytes (default 20 MiB). */
  maxUploadBytes?: number;
}

type Env = { Variables: { holder: DraftHolder } };

export function draftRoutes(app: Hono, options: DraftRouteOptions): void {
  const auth: MiddlewareHandler<Env> = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1];
    const owner = await options.verify(token);
    if (!owner || !token)
      throw new CcmError('API_UNAUTHORIZED', match ? 'this token is not known' : 'a Bearer token is required');
    // The token itself stays in this request: it is the key the draft is sealed with.
    c.set('holder', { owner, token });
    await next();
  };
  const maxBytes = options.maxUploadBytes ?? 20 * 1024 * 1024;
  const drafts = app as unknown as Hono<Env>;
  const security = [{ bearer: [] }];

  drafts.post(
    '/v1/drafts',
    describeRoute({
      summary: 'Upload a confidential draft (multipart field `file`: PDF, DOCX, HTML or text) for analysis',
      security,
      responses: {
        202: json(DraftAcceptedSchema, 'accepted: the draft id'),
        ...problems(400, 401, 413, 415, 429, 503),
      },
    }),
    auth,
    bodyLimit({
      // Multipart framing on top of the file itself.
      maxSize: maxBytes + 64 * 1024,
      onError: () => {
        throw new CcmError('API_BODY_TOO_LARGE', `an upload is at most ${maxBytes} bytes`);
      },
    }),
    async (c) => {
      const holder = c.get('holder');
      // A full queue answers before the body is read: parsing megabytes only to refuse them
      // would take the main thread from the requests it can serve.
      options.drafts.assertCapacity();
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith('multipart/form-data'))
        throw new CcmError('USAGE_INVALID', 'file: send the draft as multipart/form-data in the field `file`');
      const body = await c.req.parseBody().catch((error: unknown) => {
        // A size or stream refusal keeps its own code; any other failure is a body that is not multipart.
        if (isCcmError(error) || error instanceof HTTPException) throw error;
        throw new CcmError(
          'USAGE_INVALID',
          'file: the body is not valid multipart/form-data (no boundary, or garbled)',
        );
      });
      const file = body.file;
      if (!(file instanceof File)) throw new CcmError('USAGE_INVALID', 'file: the multipart field `file` is missing');
      if (file.size > maxBytes) throw new CcmError('API_BODY_TOO_LARGE', `an upload is at most ${maxBytes} bytes`);
      if (file.size === 0) throw new CcmError('USAGE_INVALID', 'file: the upload is empty');
      // The part's name and type: bytes that contradict them are refused with the parser's code.
      const declared = { fileName: file.name, mediaType: file.type };
      const draft = await options.drafts.submit(holder, new Uint8Array(await file.arrayBuffer()), declared);
      c.header('location', `/v1/drafts/${draft.id}`);
      return c.json({ id: draft.id, status: draft.status, events: `/v1/drafts/${draft.id}/events` }, 202);
    },
  );

  drafts.get(
    '/v1/drafts',
    describeRoute({
      summary: "This token's drafts",
      security,
      responses: { 200: json(DraftListSchema, 'drafts'), ...problems(401) },
    }),
    auth,
    async (c) => c.json({ drafts: await options.drafts.list(c.get('holder')) }),
  );

  drafts.get(
    '/v1/drafts/:id',
    describeRoute({
      summary: 'A draft: its scorecard, tags and, for every failed check, the nearest model clause of the corpus',
      security,
      responses: {
        200: json(DraftViewSchema, 'the draft, analysed'),
        202: json(DraftViewSchema, 'the draft, still being analysed'),
        ...problems(401, 404, 422),
      },
    }),
    auth,
    async (c) => {
      const draft = await options.drafts.get(c.get('holder'), c.req.param('id'));
      // A draft the parser refused answers with the parser's code, as a synchronous parse would.
      if (draft.status === 'failed' && draft.error) throw new CcmError(draft.error.code, draft.error.message);
      return c.json(draft, draft.status === 'done' ? 200 : 202);
    },
  );

  drafts.get(
    '/v1/drafts/:id/events',
    describeRoute({
      summary: "A draft's progress as Server-Sent Events (queued, parsing, done or failed)",
      security,
      responses: { 200: { description: 'text/event-stream' }, ...problems(401, 404, 429) },
    }),
    auth,
    async (c) => {
      // Ownership and the stream cap are checked before the stream opens: a 404 or 429 problem, not an empty stream.
      const events = await options.drafts.follow(c.get('holder'), c.req.param('id'), c.req.raw.signal);
      return streamSSE(c, async (stream) => {
        for await (const e of events) await stream.writeSSE({ event: e.status, data: JSON.stringify(e) });
      });
    },
  );

  drafts.delete(
    '/v1/drafts/:id',
    describeRoute({
      summary: 'Delete a draft and every trace of it',
      security,
      responses: { 204: { description: 'deleted' }, ...problems(401, 404) },
    }),
    auth,
    async (c) => {
      await options.drafts.remove(c.get('holder'), c.req.param('id'));
      return c.body(null, 204);
    },
  );
}
