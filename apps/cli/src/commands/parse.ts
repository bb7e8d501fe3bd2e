import { writeFile } from 'node:fs/promises';
import { type AgreementDocument, isParseError, parseFile, toMarkdown, toOutline } from '@ccm/parser';
import { Command, Option } from 'commander';
import { type RunAction, UsageError } from '../errors.ts';
import { type OcrMode, ocrOption, ocrProgress } from '../ocr.ts';

type Format = 'json' | 'text' | 'markdown';

function render(document: AgreementDocument, format: Format, pretty: boolean): string {
  if (format === 'markdown') return toMarkdown(document);
  if (format === 'text') return toOutline(document);
  return `${JSON.stringify(document, null, pretty ? 2 : undefined)}\n`;
}

export function parseCommand(runAction: RunAction): Command {
  return new Command('parse')
    .description('Parse agreements (PDF, DOCX, HTML, text or ToTA XML) into cited provisions')
    .argument('<files...>', 'files to parse; several files print one JSON document per line')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['json', 'text', 'markdown']).default('json'),
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--pretty', 'indent JSON (single file only)', false)
    .option('-j, --jobs <n>', 'workers for several files (0 = no workers)', (v) => Number.parseInt(v, 10))
    .option('--max-bytes <n>', 'largest input accepted, in bytes', (v) => Number.parseInt(v, 10))
    .option('--max-pages <n>', 'most PDF pages accepted', (v) => Number.parseInt(v, 10))
    .addOption(ocrOption())
    .addHelpText(
      'after',
      '\nExamples:\n  pnpm ccm parse rcep.pdf --format text\n  pnpm ccm parse draft.docx > draft.json\n  pnpm ccm parse corpus/*.xml --jobs 2 > docs.jsonl\n  pnpm ccm parse scan.pdf --format text       # pages without text are read by OCR (--ocr off to refuse them)',
    )
    .action(
      runAction(
        async (
          files: string[],
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
          const limits = {
            ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
            ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
          };
          if (files.length === 1) {
            const document = await parseFile(files[0] ?? '', { limits, ocr: opts.ocr, onProgress: ocrProgress() });
            const output = render(document, opts.format, opts.pretty);
            if (opts.out) await writeFile(opts.out, output);
            else process.stdout.write(output);
            return;
          }
          if (opts.format !== 'json')
            throw new UsageError('several files can only be written as JSON lines (--format json)');
          const { parseMany } = await import('@ccm/pool');
          const chunks: string[] = [];
          let failed = 0;
          for await (const outcome of parseMany(files, {
            limits,
            ocr: opts.ocr,
            ...(opts.jobs !== undefined ? { workers: opts.jobs } : {}),
          })) {
            if (outcome.ok) {
              const line = `${JSON.stringify(outcome.document)}\n`;
              if (opts.out) chunks.push(line);
              else process.stdout.write(line);
            } else {
              failed++;
              const e = outcome.error;
              process.stderr.write(`error [${isParseError(e) ? e.code : 'ERROR'}] ${outcome.path}: ${e.message}\n`);
            }
          }
          if (opts.out) await writeFile(opts.out, chunks.join(''));
          if (failed > 0) process.exitCode = 2;
        },
      ),
    );
}
