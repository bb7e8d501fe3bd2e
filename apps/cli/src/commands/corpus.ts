import { Command } from 'commander';
import { type RunAction, UsageError } from '../errors.ts';

export function corpusCommand(runAction: RunAction): Command {
  const corpus = new Command('corpus').description('Public corpora: download them for ingestion');
  corpus
    .command('fetch')
    .description('Download a public corpus (tota: the 450 ToTA agreements, CC BY-NC 4.0)')
    .argument('<name>', 'corpus to fetch: tota')
    .option('-o, --out <dir>', 'folder to write the agreements to', 'data/tota')
    .option('--source <url-or-zip>', 'archive to read instead of ToTA on GitHub (a URL or a local zip)')
    .addHelpText('after', '\nThen: pnpm ccm ingest data/tota')
    .action(
      runAction(async (name: string, opts: { out: string; source?: string }) => {
        if (name !== 'tota') throw new UsageError(`unknown corpus "${name}" (known: tota)`);
        const { fetchTota, TOTA_ARCHIVE } = await import('@ccm/corpus');
        const source = opts.source ?? TOTA_ARCHIVE;
        process.stderr.write(`fetching ToTA from ${source}\n`);
        const { files, out } = await fetchTota(opts.out, source);
        process.stdout.write(`${files} agreements written to ${out}\n`);
      }),
    );
  return corpus;
}
