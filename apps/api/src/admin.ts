import { timingSafeEqual } from 'node:crypto';
import { CcmError, parseInput } from '@ccm/contracts';
import type { TokenAdmin } from '@ccm/service';
import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';

/*
 * Local administration of draft tokens, for `ccm token …` while this process holds a PGlite
 * store (which no other process can open). Mounted only with a key, which the server writes into
 * its record in the data directory (mode 0600): whoever can read that file can read the store
 * itself, so the routes grant nothing the files do not. Left out of the public OpenAPI document.
 */

const CreateSchema = z.object({ label: z.string().max(100).default('') });
const RevokeSchema = z.object({ key: z.string().min(1).max(200) });

export function adminRoutes(app: Hono, key: string, tokens: TokenAdmin): void {
  const expected = Buffer.from(key);
  const admin: MiddlewareHandler = async (c, next) => {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new CcmError('API_UNAUTHORIZED', 'the administration key is required');
    await next();
  };
  const body = async <S extends z.ZodType>(schema: S, raw: Promise<unknown>): Promise<z.output<S>> =>
    parseInput(schema, await raw.catch(() => ({})), (field) => field);

  app.get('/v1/admin/tokens', admin, async (c) => c.json({ tokens: await tokens.list() }));
  app.post('/v1/admin/tokens', admin, async (c) => {
    const { label } = await body(CreateSchema, c.req.json());
    return c.json(await tokens.create(label), 201);
  });
  app.post('/v1/admin/tokens/revoke', admin, async (c) => {
    const { key: which } = await body(RevokeSchema, c.req.json());
    return c.json({ revoked: await tokens.revoke(which) });
  });
}
