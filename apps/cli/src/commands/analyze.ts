import { agreementId, parseFile } from '@ccm/parser';
import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';

type Format = 'table' | 'markdown' | 'json';

export function analyzeCommand(runAction: RunAction): Command {
  return new Command('analyze')
    .description('The Guidelines 18–19 scorecard of one agreement or draft, with the evidence for each check')
    .argument('<file>', 'PDF, DOCX, HTML, text or ToTA XML')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  pnpm ccm analyze draft.docx\n  pnpm ccm analyze draft.pdf --format markdown > memo.md',
    )
    .action(
      runAction(async (file: string, opts: { format: Format }) => {
        const { classify, scorecard, scorecardMarkdown, scorecardTable } = await import('@ccm/classifier');
        const document = await parseFile(file);
        const card = scorecard(classify(document));
        const title = `${document.title} (${document.source.fileName ?? file})`;
        if (opts.format === 'json') {
          process.stdout.write(
            `${JSON.stringify({ agreementId: agreementId(document), title: document.title, ...card }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(
            `${opts.format === 'markdown' ? scorecardMarkdown(card, title) : scorecardTable(card, title)}\n`,
          );
        }
      }),
    );
}
