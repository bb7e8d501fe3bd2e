import type { Classification } from '@ccm/classifier';
import { type AgreementDocument, agreementId, citation, isParseError } from '@ccm/parser';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { type RunAction, UsageError } from '../errors.ts';
import { expandInputs } from '../inputs.ts';
import { type OcrMode, ocrOption, ocrProgress } from '../ocr.ts';

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

function table(document: AgreementDocument, id: string, classification: Classification): string {
  const out = [`${document.title} (${id})`];
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
      const quote = t.evidence[0]?.text ?? '';
      out.push(
        `  ${`p. ${p.pageStart}`.padEnd(8)} ${where.slice(0, 48).padEnd(48)} ${t.tag.padEnd(31)} ${t.strength.padEnd(10)} ${t.confidence.toFixed(2)}  “${quote}”`,
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
    .option('-j, --jobs <n>', 'parser workers (0 = no workers)', (v) => Number.parseInt(v, 10))
    .option('--explain', 'add the model features behind each tag to `why`', false)
    .option('--no-progress', 'no progress bar on stderr')
    .addOption(ocrOption())
    .addHelpText(
      'after',
      '\nOne JSON line per provision: agreementId, provisionId, parentId, kind, number, pageStart,\nsourceId (ToTA article_identifier, or null) and tags [{tag, strength, confidence, evidence, why}].\n\nExamples:\n  pnpm ccm classify draft.pdf --format table\n  pnpm ccm classify ../shared/corpus/tota > tags.jsonl',
    )
    .action(
      runAction(
        async (
          inputs: string[],
          opts: { format: Format; jobs?: number; explain: boolean; progress: boolean; ocr: OcrMode },
        ) => {
          const files = await expandInputs(inputs);
          if (files.length === 0)
            throw new UsageError('no readable files (pdf, docx, html, txt, md, xml) in the inputs');
          const [{ classify }, { parseMany }] = await Promise.all([import('@ccm/classifier'), import('@ccm/pool')]);
          const bar =
            opts.progress && files.length > 1 && process.stderr.isTTY
              ? new SingleBar({
                  stream: process.stderr,
                  format: 'classify {bar} {value}/{total} agreements  {eta_formatted} left',
                })
              : null;
          bar?.start(files.length, 0);
          // Outcomes arrive as workers finish; print in input order so that outputs are reproducible.
          const order = new Map(files.map((f, i) => [f, i]));
          const ready = new Map<number, string>();
          let next = 0;
          let failed = 0;
          const all: unknown[] = [];
          const flush = () => {
            for (let text = ready.get(next); text !== undefined; text = ready.get(next)) {
              ready.delete(next++);
              if (text) process.stdout.write(text);
            }
          };
          for await (const outcome of parseMany(files, {
            ocr: opts.ocr,
            // One file is parsed in this process: its OCR progress can be shown.
            ...(opts.progress && files.length === 1 ? { onProgress: ocrProgress() } : {}),
            ...(opts.jobs !== undefined ? { workers: opts.jobs } : {}),
          })) {
            const index = order.get(outcome.path) ?? 0;
            let text = '';
            if (outcome.ok) {
              const document = outcome.document;
              const id = agreementId(document);
              const classification = classify(document, { explain: opts.explain });
              if (opts.format === 'jsonl')
                text = lines(id, classification)
                  .map((l) => `${JSON.stringify(l)}\n`)
                  .join('');
              else if (opts.format === 'table') text = table(document, id, classification);
              else all[index] = { agreementId: id, title: document.title, file: outcome.path, ...classification };
            } else {
              failed++;
              const e = outcome.error;
              bar?.stop();
              process.stderr.write(`error [${isParseError(e) ? e.code : 'ERROR'}] ${outcome.path}: ${e.message}\n`);
            }
            ready.set(index, text);
            flush();
            bar?.increment();
          }
          bar?.stop();
          if (opts.format === 'json') process.stdout.write(`${JSON.stringify(all.filter(Boolean), null, 2)}\n`);
          if (failed > 0) process.exitCode = 2;
        },
      ),
    );
}
