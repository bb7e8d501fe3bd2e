import type { Classification } from '@ccm/classifier';
import type { AgreementDocument } from '@ccm/parser';
import { Command, Option } from 'commander';
import { type RunAction, wholeNumber } from '../errors.ts';
import { expandInputs } from '../inputs.ts';
import { type OcrMode, ocrOption } from '../ocr.ts';

type Format = 'jsonl' | 'json' | 'table';

/** One output line per provision: the documented shape of `ccm classify --format jsonl`. */
function lines(id: string, classification: Classification) {
  return classification.provisions.map((p) => ({
    agreementId: id,
    provisionId: p.provisionId,
    parentId: p.parentId,
    kind: p.kind,
    number: p.number,
    pageStart: p.pageStart,
    sourceId: p.sourceId ?? null,
    tags: p.tags,
  }));
}

async function table(document: AgreementDocument, id: string, classification: Classification): Promise<string> {
  const [{ citation }, { hasPages, terminalText }] = await Promise.all([import('@ccm/parser'), import('@ccm/service')]);
  const paged = hasPages(document.source.format);
  const out = [terminalText(`${document.title} (${id})`)];
  const byId = new Map(document.provisions.map((p) => [p.id, p]));
  for (const p of classification.provisions) {
    const provision = byId.get(p.provisionId);
    for (const t of p.tags) {
      // A paragraph alone ("Paragraph 2") says little: cite it under its article.
      const parent = provision?.kind === 'paragraph' && provision.parentId ? byId.get(provision.parentId) : undefined;
      const where = provision
        ? parent
          ? `${citation(parent).split(':')[0]} ¶${provision.number ?? ''}`
          : citation(provision)
        : p.provisionId;
      const quote = terminalText(t.evidence[0]?.text ?? '');
      // Pages only where the source has them: ToTA XML, text, HTML and DOCX cite the article.
      const page = paged ? `${`p. ${p.pageStart}`.padEnd(8)} ` : '';
      out.push(
        `  ${page}${terminalText(where).slice(0, 48).padEnd(48)} ${t.tag.padEnd(31)} ${t.strength.padEnd(10)} ${t.confidence.toFixed(2)}  “${quote}”`,
      );
    }
  }
  if (out.length === 1) out.push('  (no cultural or e-commerce provisions found)');
  return `${out.join('\n')}\n`;
}

export function classifyCommand(runAction: RunAction): Command {
  return new Command('classify')
    .description('Tag every provision with cultural clauses (taxonomy v1), with evidence, strength and confidence')
    .argument('<inputs...>', 'files or directories (PDF, DOCX, HTML, text, ToTA XML)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['jsonl', 'json', 'table']).default('jsonl'),
    )
    .option('-j, --jobs <n>', 'parser workers (0 = parse in this process)', wholeNumber(0))
    .option('--explain', 'add the model features behind each tag to `why`', false)
    .option('--no-progress', 'no progress bar on stderr')
    .addOption(ocrOption())
    .addHelpText(
      'after',
      '\nOne JSON line per provision: agreementId, provisionId, parentId, kind, number, pageStart,\nsourceId (ToTA article_identifier, or null) and tags [{tag, strength, confidence, evidence, why}].\n\nExamples:\n  pnpm ccm classify draft.pdf --format table\n  pnpm -s ccm classify ../shared/corpus/tota > tags.jsonl',
    )
    .action(
      runAction(
        async (
          inputs: string[],
          opts: { format: Format; jobs?: number; explain: boolean; progress: boolean; ocr: OcrMode },
        ) => {
          const files = await expandInputs(inputs);
          const [{ analyseMany, shownName }, { agreementId }] = await Promise.all([
            import('@ccm/service'),
            import('@ccm/parser'),
          ]);
          const { SingleBar } = await import('cli-progress');
          const bar =
            opts.progress && files.length > 1 && process.stderr.isTTY
              ? new SingleBar({
                  stream: process.stderr,
                  format: 'classify {bar} {value}/{total} agreements  {eta_formatted} left',
                })
              : null;
          bar?.start(files.length, 0);
          let failed = 0;
          const all: unknown[] = [];
          // The service yields outcomes in input order: printed as they come, reproducibly.
          for await (const outcome of analyseMany(files, {
            ocr: opts.ocr,
            explain: opts.explain,
            ...(opts.jobs !== undefined ? { workers: opts.jobs } : {}),
          })) {
            if (outcome.ok) {
              const { document, classification } = outcome;
              const id = agreementId(document);
              if (opts.format === 'jsonl')
                process.stdout.write(
                  lines(id, classification)
                    .map((l) => `${JSON.stringify(l)}\n`)
                    .join(''),
                );
              else if (opts.format === 'table') process.stdout.write(await table(document, id, classification));
              else all.push({ agreementId: id, title: document.title, file: outcome.path, ...classification });
            } else {
              failed++;
              bar?.stop();
              process.stderr.write(
                `error [${outcome.error.code}] ${shownName(outcome.path)}: ${outcome.error.message}\n`,
              );
            }
            bar?.increment();
          }
          bar?.stop();
          if (opts.format === 'json') process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
          if (failed > 0) process.exitCode = 2;
        },
      ),
    );
}
