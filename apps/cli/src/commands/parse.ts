import type { AgreementDocument } from '@ccm/parser';
import { Command, Option } from 'commander';
import { type RunAction, UsageError, wholeNumber } from '../errors.ts';
import { expandInputs, outputFile } from '../inputs.ts';
import { type OcrMode, ocrOption, ocrProgress } from '../ocr.ts';

type Format = 'json' | 'text' | 'markdown';

async function render(document: AgreementDocument, format: Format, pretty: boolean): Promise<string> {
  const { toMarkdown, toOutline } = await import('@ccm/parser');
  const { terminalText } = await import('@ccm/service/safe');
  // Text renderings go to terminals: a document's escape sequences must not act there.
  if (format === 'markdown') return terminalText(toMarkdown(document));
  if (format === 'text') return terminalText(toOutline(document));
  return `${JSON.stringify(document, null, pretty ? 2 : undefined)}\n`;
}

export function parseCommand(runAction: RunAction): Command {
  return new Command('parse')
    .description('Parse agreements (PDF, DOCX, HTML, text or ToTA XML) into cited provisions')
    .argument('<files...>', 'files or directories; several files print one JSON document per line')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['json', 'text', 'markdown']).default('json'),
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--pretty', 'indent JSON (single file only)', false)
    .option('-j, --jobs <n>', 'workers for several files (0 = no workers)', wholeNumber(0))
    .option('--max-bytes <n>', 'largest input accepted, in bytes', wholeNumber(1))
    .option('--max-pages <n>', 'most PDF pages accepted', wholeNumber(1))
    .addOption(ocrOption())
    .addHelpText(
      'after',
      '\nExamples:\n  pnpm ccm parse rcep.pdf --format text\n  pnpm ccm parse draft.docx --out draft.json\n  pnpm -s ccm parse corpus/*.xml --jobs 2 > docs.jsonl\n  pnpm ccm parse scan.pdf --format text       # pages without text are read by OCR (--ocr off to refuse them)',
    )
    .action(
      runAction(
        async (
          inputs: string[],
          opts: {
            format: Format;
            out?: string;
            pretty: boolean;
            jobs?: number;
            maxBytes?: number;
            maxPages?: number;
            ocr: OcrMode;
          },
        ) => {
          const out = opts.out ? await outputFile(opts.out) : undefined;
          const files = await expandInputs(inputs);
          const { writeFile } = await import('node:fs/promises');
          const limits = {
            ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
            ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
          };
          if (files.length === 1) {
            const { parseFile } = await import('@ccm/parser');
            const document = await parseFile(files[0] ?? '', { limits, ocr: opts.ocr, onProgress: ocrProgress() });
            const output = await render(document, opts.format, opts.pretty);
            if (out) await writeFile(out, output);
            else process.stdout.write(output);
            return;
          }
          if (opts.format !== 'json')
            throw new UsageError('several files can only be written as JSON lines (--format json)');
          const [{ parseMany }, { shownName }] = await Promise.all([import('@ccm/pool'), import('@ccm/service/safe')]);
          const chunks: string[] = [];
          let failed = 0;
          for await (const outcome of parseMany(files, {
            limits,
            ocr: opts.ocr,
            ...(opts.jobs !== undefined ? { workers: opts.jobs } : {}),
          })) {
            if (outcome.ok) {
              const line = `${JSON.stringify(outcome.document)}\n`;
              if (out) chunks.push(line);
              else process.stdout.write(line);
            } else {
              failed++;
              const e = outcome.error as { code?: string; message: string };
              process.stderr.write(`error [${e.code ?? 'ERROR'}] ${shownName(outcome.path)}: ${e.message}\n`);
            }
          }
          if (out) await writeFile(out, chunks.join(''));
          if (failed > 0) process.exitCode = 2;
        },
      ),
    );
}
