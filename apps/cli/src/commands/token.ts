import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';

/**
 * `ccm token create | list | revoke`: bearer tokens for draft uploads, kept in the store (only
 * their hashes). A token is printed once, as the last line of `create`.
 */
export function tokenCommand(runAction: RunAction): Command {
  const token = new Command('token').description('Tokens for confidential draft uploads to the API');
  const withStore = async <T>(work: (store: import('@ccm/store').Store) => Promise<T>): Promise<T> => {
    const { importLegacyTokens, openService } = await import('@ccm/service');
    // Token commands queue behind each other on an embedded store rather than fail at once.
    const service = await openService({ lockTimeoutMs: 60_000 });
    try {
      await importLegacyTokens(service.store);
      return await work(service.store);
    } finally {
      await service.close();
    }
  };
  token
    .command('create')
    .description('Create a token (printed once, as the last line; only its SHA-256 is stored)')
    .option('--label <label>', 'a note saying whose token it is (revoke accepts it too)', '')
    .action(
      runAction(async (opts: { label: string }) => {
        const { createToken } = await import('@ccm/service');
        const { token: value, info } = await withStore((store) => createToken(store, opts.label));
        process.stdout.write(
          `Token ${info.id} created (only its hash is stored); it will not be shown again:\n${value}\n`,
        );
      }),
    );
  token
    .command('list')
    .description('The tokens: id, label, created, last used, revoked (never the tokens themselves)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(
      runAction(async (opts: { format: 'table' | 'json' }) => {
        const { listTokens, terminalText } = await import('@ccm/service');
        const tokens = await withStore(listTokens);
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
          return;
        }
        if (tokens.length === 0) process.stdout.write('no tokens: ccm token create --label <who>\n');
        for (const t of tokens)
          process.stdout.write(
            `${t.id}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}  ${terminalText(t.label)}\n`,
          );
      }),
    );
  token
    .command('revoke')
    .description('Revoke a token by its id, or every live token with a label: refused at its next request')
    .argument('<id|label>', 'a token id (tok_…) from ccm token list, or a label')
    .action(
      runAction(async (key: string) => {
        const { revokeToken } = await import('@ccm/service');
        const revoked = await withStore((store) => revokeToken(store, key));
        for (const t of revoked) process.stdout.write(`revoked ${t.id} (${t.label || 'no label'})\n`);
      }),
    );
  return token;
}
