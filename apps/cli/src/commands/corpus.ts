import { Command } from 'commander';
import { type RunAction, UsageError } from '../errors.ts';

/** Where `corpus fetch tota` writes by default, and where `start` looks for it. */
export const TOTA_DEFAULT_DIR = 'data/tota';

export function corpusCommand(runAction: RunAction): Command {
  const corpus = new Command('corpus').description('Public corpora: download them for ingestion');
  corpus
    .command('fetch')
    .description('Download a public corpus (tota: the 450 ToTA agreements, CC BY-NC 4.0)')
    .argument('<name>', 'corpus to fetch: tota')
    .option('-o, --out <dir>', 'folder to write the agreements to', TOTA_DEFAULT_DIR)
    .option('--source <url-or-zip>', 'archive to read instead of ToTA on GitHub (a URL or a local zip)')
    .addHelpText('after', `\nThen: pnpm start (it finds ${TOTA_DEFAULT_DIR}), or pnpm ccm ingest <dir>`)
    .action(
      runAction(async (name: string, opts: { out: string; source?: string }) => {
        if (name !== 'tota')
          throw new UsageError(`unknown corpus "${name}"; valid values: tota`, { code: 'USAGE_UNKNOWN_VALUE' });
        const { fetchTota, TOTA_ARCHIVE } = await import('@ccm/corpus');
        const { shownName } = await import('@ccm/service/safe');
        const source = opts.source ?? TOTA_ARCHIVE;
        process.stderr.write(`fetching ToTA from ${shownName(source)}\n`);
        const { CcmError, isCcmError, systemCode } = await import('@ccm/contracts/errors');
        const { files, out } = await fetchTota(opts.out, source).catch((error: unknown) => {
          if (isCcmError(error)) throw error;
          // fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND…): say it in one line.
          const e = error as { message?: string; cause?: { message?: string } } | undefined;
          const why = systemCode(error) ?? e?.cause?.message ?? e?.message;
          throw new CcmError('FETCH_UNREACHABLE', `${shownName(source)}: cannot download (${why})`, { cause: error });
        });
        process.stdout.write(`${files} agreements written to ${shownName(out)}\n`);
      }),
    );
  return corpus;
}
