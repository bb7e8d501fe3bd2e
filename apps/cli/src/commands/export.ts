import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';
import { outputFile } from '../inputs.ts';

export function exportCommand(runAction: RunAction): Command {
  return new Command('export')
    .description('Export the stored tags (with citations) or per-agreement scorecards, for R, pandas or a spreadsheet')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(
      new Option('-l, --level <level>', 'one row per tag, or one per agreement')
        .choices(['provision', 'agreement'])
        .default('provision'),
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--include-samples', 'include the fictional sample agreements', false)
    .addHelpText(
      'after',
      '\nColumns are camelCase in CSV and JSON alike. Checks are pass, fail or not_applicable; `page` is\nempty for sources without pages (ToTA XML, text, HTML, DOCX): cite the article. Cells that a\nspreadsheet would run as formulas start with an apostrophe.\n\nExamples:\n  pnpm ccm export --out tags.csv\n  pnpm ccm export --level agreement --format json --out scorecards.json',
    )
    .action(
      runAction(
        async (opts: {
          format: 'csv' | 'json';
          level: 'provision' | 'agreement';
          out?: string;
          includeSamples: boolean;
        }) => {
          // A bad --out fails before the store opens.
          const out = opts.out ? await outputFile(opts.out) : undefined;
          // From the store, or from the `ccm serve` that holds it.
          const [{ openReads }, { pipeline }, { createWriteStream }] = await Promise.all([
            import('@ccm/service/reads'),
            import('node:stream/promises'),
            import('node:fs'),
          ]);
          const reads = await openReads();
          try {
            const stream = await reads.export(opts.level, opts.format, { includeSamples: opts.includeSamples });
            if (out) await pipeline(stream, createWriteStream(out));
            else await pipeline(stream, process.stdout, { end: false });
          } finally {
            await reads.close();
          }
        },
      ),
    );
}
