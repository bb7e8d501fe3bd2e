import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/*
 * Draft-upload tokens. Only a token's SHA-256 is kept (a file of hashes, mode 0600, beside the
 * store's data): a stolen file lets nobody upload. The token itself is shown once, at creation.
 */

export interface TokenRecord {
  hash: string;
  label: string;
  createdAt: string;
}

/** Where token hashes live: `CCM_TOKENS_FILE`, else `tokens.json` in the PGlite data directory. */
export function tokensFile(): string {
  return resolve(process.env.CCM_TOKENS_FILE ?? resolve(process.env.CCM_DATA_DIR || 'data', 'tokens.json'));
}

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

async function readTokens(file: string): Promise<TokenRecord[]> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { tokens?: TokenRecord[] };
    return Array.isArray(parsed.tokens) ? parsed.tokens : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A new token (`ccm_` + 32 random bytes): its hash is stored, the token is returned once. */
export async function createToken(label = '', file = tokensFile()): Promise<string> {
  const token = `ccm_${randomBytes(32).toString('base64url')}`;
  const tokens = await readTokens(file);
  tokens.push({ hash: tokenHash(token), label: label.slice(0, 100), createdAt: new Date().toISOString() });
  await mkdir(dirname(file), { recursive: true });
  // Written aside then renamed: a crash never leaves half a file of hashes.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return token;
}

/**
 * Checks bearer tokens against the stored hashes; the file is read again when it changes, so
 * a token created while the server runs works at once.
 */
export function tokenVerifier(file = tokensFile()) {
  let hashes: Buffer[] = [];
  let seen = -1;
  return async (token: string | undefined): Promise<string | null> => {
    if (!token || token.length > 200) return null;
    const mtime = await stat(file).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (mtime !== seen) {
      hashes = (await readTokens(file)).map((t) => Buffer.from(t.hash, 'hex'));
      seen = mtime;
    }
    const hash = Buffer.from(tokenHash(token), 'hex');
    const match = hashes.find((h) => h.length === hash.length && timingSafeEqual(h, hash));
    return match ? match.toString('hex') : null;
  };
}
