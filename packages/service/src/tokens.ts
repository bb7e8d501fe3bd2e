import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CcmError } from '@ccm/contracts';
import type { Store, StoreOptions, TokenRow } from '@ccm/store';

/*
 * Draft-upload tokens, kept in the store (the `tokens` table) so that creation is one atomic
 * insert whatever runs at once, every API process sees a new or revoked token at its next
 * request, and no state file can turn a request into a 500. Only a token's SHA-256 is kept: a
 * copy of the store lets nobody upload. The token itself is shown once, at creation.
 */

/** A token as listed: never the token or its hash. */
export type TokenInfo = Omit<TokenRow, 'hash'>;

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const info = ({ hash: _secret, ...rest }: TokenRow): TokenInfo => rest;

/** A new token (`ccm_` + 32 random bytes): its hash is stored, the token returned once with its id. */
export async function createToken(store: Store, label = ''): Promise<{ token: string; info: TokenInfo }> {
  const token = `ccm_${randomBytes(32).toString('base64url')}`;
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const clean = label
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .trim()
    .slice(0, 100);
  const row = await store.insertToken({ id, hash: tokenHash(token), label: clean });
  // 32 random bytes: a hash already stored would be a broken random source, not bad luck.
  if (!row) throw new CcmError('INTERNAL', 'the new token was not stored');
  return { token, info: info(row) };
}

export const listTokens = async (store: Store): Promise<TokenInfo[]> => (await store.listTokens()).map(info);

/** Revokes the token with this id, or every live token with this label; NOT_FOUND when none. */
export async function revokeToken(store: Store, key: string): Promise<TokenInfo[]> {
  const revoked = await store.revokeTokens(key);
  if (revoked.length === 0) throw new CcmError('NOT_FOUND', `no live token with id or label ${JSON.stringify(key)}`);
  return revoked.map(info);
}

/** Where the tokens of versions before the store kept them were: `CCM_TOKENS_FILE`, else `tokens.json` in the data directory. */
export function legacyTokensFile(): string {
  return resolve(process.env.CCM_TOKENS_FILE ?? resolve(process.env.CCM_DATA_DIR || 'data', 'tokens.json'));
}

/**
 * Imports an old `tokens.json` once (its hashes: the tokens keep working), then renames it
 * `tokens.json.imported`. A damaged or missing file imports nothing and breaks nothing.
 */
export async function importLegacyTokens(store: Store, file = legacyTokensFile()): Promise<number> {
  if (store.readOnly) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return 0;
  }
  const list = (parsed as { tokens?: unknown })?.tokens;
  let imported = 0;
  for (const t of Array.isArray(list) ? list : []) {
    const { hash, label, createdAt } = (t ?? {}) as Record<string, unknown>;
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) continue;
    const when = typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) ? createdAt : undefined;
    const row = {
      id: `tok_${hash.slice(0, 12)}`,
      hash,
      label: typeof label === 'string' ? label.slice(0, 100) : '',
      ...(when ? { createdAt: when } : {}),
    };
    if (await store.insertToken(row)) imported++;
  }
  await rename(file, `${file}.imported`).catch(() => undefined);
  return imported;
}

/**
 * Checks bearer tokens against the store on every request (a revoked token is refused at once):
 * the owner key (the token's hash) of a live token, else null. Its last use is noted at most
 * once a minute per token, so a busy client does not write on each request.
 */
export function tokenVerifier(store: Store) {
  const touched = new Map<string, number>();
  return async (token: string | undefined): Promise<string | null> => {
    if (!token || token.length > 200) return null;
    const row = await store.tokenByHash(tokenHash(token));
    if (!row || row.revokedAt) return null;
    const now = Date.now();
    if (now - (touched.get(row.id) ?? 0) > 60_000) {
      touched.set(row.id, now);
      await store.touchToken(row.id).catch(() => undefined);
    }
    return row.hash;
  };
}

/** Token administration: on the store, or through the running `ccm serve` that holds a PGlite store. */
export interface TokenAdmin {
  create(label: string): Promise<{ token: string; info: TokenInfo }>;
  list(): Promise<TokenInfo[]>;
  revoke(key: string): Promise<TokenInfo[]>;
  close(): Promise<void>;
}

/** The token verbs on a store (the caller closes it, or `close` does when given). */
export const storeTokenAdmin = (store: Store, close: () => Promise<void> = async () => {}): TokenAdmin => ({
  create: (label) => createToken(store, label),
  list: () => listTokens(store),
  revoke: (key) => revokeToken(store, key),
  close,
});

/**
 * Opens the token verbs where they can run now: through the running server of a PGlite store
 * (its local administration routes, with the key from its record), else on the store itself,
 * waiting for another command's lock rather than failing (ten `ccm token create` at once all work).
 */
export async function openTokenAdmin(options: StoreOptions = {}): Promise<TokenAdmin> {
  const { serverRequest, servingServer } = await import('./reads.ts');
  const server = servingServer(options);
  if (server?.adminKey) {
    const call = async <T>(path: string, body?: unknown): Promise<T> =>
      (await (
        await serverRequest(server, `/v1/admin/tokens${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      ).json()) as T;
    return {
      create: (label) => call('', { label }),
      list: async () => (await call<{ tokens: TokenInfo[] }>('')).tokens,
      revoke: async (key) => (await call<{ revoked: TokenInfo[] }>('/revoke', { key })).revoked,
      close: async () => {},
    };
  }
  const { openService } = await import('./service.ts');
  const service = await openService({ ...options, lockTimeoutMs: options.lockTimeoutMs ?? 60_000 });
  try {
    await importLegacyTokens(service.store);
  } catch (error) {
    await service.close();
    throw error;
  }
  return storeTokenAdmin(service.store, () => service.close());
}
