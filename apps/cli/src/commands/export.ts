import { writeFile } from 'node:fs/promises';
import type { ExportFormat } from '@ccm/corpus';
import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';

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
    .addHelpText(
      'after',
      '\nExamples:\n  pnpm ccm export > tags.csv\n  pnpm ccm export --level agreement --format json --out scorecards.json',
    )
    .action(
      runAction(async (opts: { format: ExportFormat; level: 'provision' | 'agreement'; out?: string }) => {
        const [{ exportAgreements, exportProvisions }, { openStore }] = await Promise.all([
          import('@ccm/corpus'),
          import('@ccm/store'),
        ]);
        const store = await openStore();
        try {
          const text =
            opts.level === 'agreement'
              ? await exportAgreements(store, opts.format)
              : await exportProvisions(store, opts.format);
          if (opts.out) await writeFile(opts.out, text);
          else process.stdout.write(text);
        } finally {
          await store.close();
        }
      }),
    );
}
