import { Command } from 'commander';
import type { RunAction } from '../errors.ts';

/** `ccm token create`: a bearer token for draft uploads, printed once as the last line; only its hash is kept. */
export function tokenCommand(runAction: RunAction): Command {
  const token = new Command('token').description('Tokens for confidential draft uploads to the API');
  token
    .command('create')
    .description('Create a token (printed once, as the last line; only its SHA-256 is stored)')
    .option('--label <label>', 'a note saying whose token it is', '')
    .action(
      runAction(async (opts: { label: string }) => {
        const { createToken, tokensFile } = await import('@ccm/service');
        const file = tokensFile();
        const value = await createToken(opts.label, file);
        process.stdout.write(`Token created (its hash is in ${file}); it will not be shown again:\n${value}\n`);
      }),
    );
  return token;
}
