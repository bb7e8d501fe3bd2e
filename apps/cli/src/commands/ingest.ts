import { relative } from 'node:path';
import type { IngestEvent, IngestSummary } from '@ccm/service';
import type { Store } from '@ccm/store';
import type { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { type RunAction, UsageError, wholeNumber } from '../errors.ts';
import { expandInputs } from '../inputs.ts';
import { type OcrMode, ocrOption } from '../ocr.ts';

/**
 * Progress for an ingest: a bar with rate and ETA on a terminal, one plain line per file
 * otherwise (logs, CI, the crash test read them).
 */
export async function progressReporter(
  stream: NodeJS.WriteStream = process.stderr,
): Promise<(event: IngestEvent) => void> {
  const [{ SingleBar: Bar }, { shownName, terminalText }] = await Promise.all([
    import('cli-progress'),
    import('@ccm/service/safe'),
  ]);
  let bar: SingleBar | null = null;
  let done = 0;
  let total = 0;
  let started = Date.now();
  let planned = false;
  // A newline in a file name must not forge a line of its own (issue 12): names are shown escaped.
  const name = (file: string) => shownName(relative(process.cwd(), file) || file);
  return (event) => {
    if (event.type === 'planned') {
      total = event.toDo;
      started = Date.now();
      planned = true;
      const note = event.unchanged ? ` (${event.unchanged} already stored, skipped)` : '';
      stream.write(`ingest: ${event.files} file(s), ${event.toDo} to parse and classify${note}\n`);
      if (stream.isTTY && total > 1) {
        bar = new Bar({
          stream,
          format: 'ingest {bar} {value}/{total} agreements | {rate}/s | ETA {eta_formatted}',
        });
        bar.start(total, 0, { rate: '0.0' });
      }
      return;
    }
    if (event.type === 'unchanged') return;
    if (event.type === 'failed' && !planned) {
      // Unreadable before any work began: not part of the count.
      stream.write(`error [${event.code}] ${name(event.file)}: ${terminalText(event.message)}\n`);
      return;
    }
    done++;
    const line =
      event.type === 'stored'
        ? `stored [${done}/${total}] ${event.agreementId} ${name(event.file)}: ${event.provisions} provisions, ${event.tags} tags`
        : `error [${event.code}] ${name(event.file)}: ${terminalText(event.message)}`;
    if (bar) {
      if (event.type === 'failed') stream.write(`\n${line}\n`);
      bar.increment(1, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
      if (done === total) bar.stop();
    } else stream.write(`${line}\n`);
  };
}

export function summaryLine(summary: IngestSummary, store: Store): string {
  const parts = [
    `${summary.added} agreement(s) added (${summary.provisions} provisions, ${summary.tags} tags)`,
    `${summary.unchanged} unchanged`,
    `${summary.failed} failed`,
  ];
  const nothing = summary.added === 0 && summary.failed === 0 ? ' Nothing new to store.' : '';
  return `${parts.join(', ')}; store: ${store.kind} ${store.location}.${nothing}`;
}

export function ingestCommand(runAction: RunAction): Command {
  return new Command('ingest')
    .description('Parse, classify and store agreements (idempotent: content already stored is skipped)')
    .argument('[inputs...]', 'files or directories (ToTA XML, PDF, DOCX, HTML, text)')
    .option('-m, --manifest <file>', 'YAML or JSON manifest describing files that carry no metadata')
    .option('-j, --jobs <n>', 'parser and classifier workers (default: one per core)', wholeNumber(1))
    .addOption(ocrOption())
    .option('--reclassify', 're-run only the classifier over stored agreements tagged by another version')
    .option('--force', 'with --reclassify: re-run it over every stored agreement')
    .addHelpText(
      'after',
      '\nThe store is PGlite in ./data (CCM_DATA_DIR to move it), or PostgreSQL when DATABASE_URL is set.\n\nExamples:\n  pnpm ccm ingest ../shared/corpus/tota\n  pnpm ccm ingest drafts/ --manifest drafts/manifest.yaml\n  pnpm ccm ingest --reclassify',
    )
    .action(
      runAction(
        async (
          inputs: string[],
          opts: { manifest?: string; jobs?: number; reclassify?: boolean; force?: boolean; ocr: OcrMode },
        ) => {
          if (!opts.reclassify && inputs.length === 0) throw new UsageError('name files or directories to ingest');
          if (opts.force && !opts.reclassify) throw new UsageError('--force goes with --reclassify');
          const files = opts.reclassify ? [] : await expandInputs(inputs);
          const [{ readManifest }, { ingest, reclassify }, { openStore }] = await Promise.all([
            import('@ccm/corpus'),
            import('@ccm/service'),
            import('@ccm/store'),
          ]);
          const manifest = opts.manifest ? await readManifest(opts.manifest) : undefined;
          const store = await openStore();
          try {
            if (opts.reclassify) {
              const summary = await reclassify(store, {
                force: Boolean(opts.force),
                onEvent: (e) => process.stderr.write(`reclassified ${e.agreementId} (was ${e.from}): ${e.tags} tags\n`),
              });
              process.stdout.write(
                `${summary.added} agreement(s) reclassified, ${summary.unchanged} already current; store: ${store.kind} ${store.location}\n`,
              );
              return;
            }
            const summary = await ingest(store, files, {
              ...(manifest ? { manifest } : {}),
              ...(opts.jobs !== undefined ? { workers: opts.jobs } : {}),
              ocr: opts.ocr,
              onEvent: await progressReporter(),
            });
            process.stdout.write(`${summaryLine(summary, store)}\n`);
            if (summary.failed > 0) process.exitCode = 2;
          } finally {
            await store.close();
          }
        },
      ),
    );
}
