import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';

/**
 * `ccm token create | list | revoke`: bearer tokens for draft uploads, kept in the store (only
 * their hashes). A token is printed once, as the last line of `create`.
 */
export function tokenCommand(runAction: RunAction): Command {
  const token = new Command('token').description('Tokens for confidential draft uploads to the API');
  // On the store, or through the running server that holds an embedded one.
  const withAdmin = async <T>(work: (admin: import('@ccm/service').TokenAdmin) => Promise<T>): Promise<T> => {
    const { openTokenAdmin } = await import('@ccm/service');
    const admin = await openTokenAdmin();
    try {
      return await work(admin);
    } finally {
      await admin.close();
    }
  };
  token
    .command('create')
    .description('Create a token (printed once, as the last line; only its SHA-256 is stored)')
    .option('--label <label>', 'a note saying whose token it is (revoke accepts it too)', '')
    .action(
      runAction(async (opts: { label: string }) => {
        const { token: value, info } = await withAdmin((admin) => admin.create(opts.label));
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
        const { terminalText } = await import('@ccm/service');
        const tokens = await withAdmin((admin) => admin.list());
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
        const revoked = await withAdmin((admin) => admin.revoke(key));
        for (const t of revoked) process.stdout.write(`revoked ${t.id} (${t.label || 'no label'})\n`);
      }),
    );
  return token;
}
