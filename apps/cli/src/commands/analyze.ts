import type { CorpusReads } from '@ccm/service';
import { Command, Option } from 'commander';
import { type RunAction, wholeNumber } from '../errors.ts';
import { singleFile } from '../inputs.ts';
import { type OcrMode, ocrOption } from '../ocr.ts';
import { storeExists } from '../store.ts';

type Format = 'table' | 'markdown' | 'json';

export function analyzeCommand(runAction: RunAction): Command {
  return new Command('analyze')
    .description('The Guidelines 18–19 scorecard of one agreement or draft, with the evidence for each check')
    .argument('<file>', 'PDF, DOCX, HTML, text or ToTA XML')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'),
    )
    .option('--no-corpus', 'do not look up model clauses in the stored corpus')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', wholeNumber(1))
    .addOption(ocrOption())
    .addHelpText(
      'after',
      '\nA failed check says what would make it pass and, when a corpus is stored (pnpm start), quotes\nthe strongest clause of the corpus that passes it.\n\nExamples:\n  pnpm ccm analyze draft.docx\n  pnpm ccm analyze draft.pdf --format markdown --out memo.md',
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(
      runAction(
        async (
          file: string,
          opts: { format: Format; corpus: boolean; maxBytes?: number; ocr: OcrMode; out?: string },
        ) => {
          const path = await singleFile(file, 'analyze');
          const { outputFile } = await import('../inputs.ts');
          const out = opts.out ? await outputFile(opts.out) : undefined;
          const { analyse, analysisMarkdown, analysisTable, openReads, reportChecks } = await import('@ccm/service');
          const { agreementId } = await import('@ccm/parser');
          const { document, scorecard } = await analyse(
            { path },
            { ocr: opts.ocr, ...(opts.maxBytes ? { limits: { maxBytes: opts.maxBytes } } : {}) },
          );
          const id = agreementId(document);
          let models: Awaited<ReturnType<CorpusReads['modelClauses']>> | undefined;
          if (opts.corpus && scorecard.failed > 0 && storeExists()) {
            // Only the model clauses come from the corpus (or the `ccm serve` holding it): the analysis ran here.
            const reads = await openReads();
            try {
              models = await reads.modelClauses(scorecard, id);
            } finally {
              await reads.close();
            }
          }
          const analysis = {
            agreementId: id,
            title: document.title,
            fileName: document.source.fileName ?? null,
            format: document.source.format,
            scorecard: { ...scorecard, checks: reportChecks(scorecard, models) },
          };
          const text =
            opts.format === 'json'
              ? `${JSON.stringify(analysis, null, 2)}\n`
              : opts.format === 'markdown'
                ? analysisMarkdown(analysis)
                : analysisTable(analysis);
          if (out) {
            const { writeFile } = await import('node:fs/promises');
            await writeFile(out, text);
          } else process.stdout.write(text);
        },
      ),
    );
}
