import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { RunAction } from '../errors.ts';
import { expandInputs } from '../inputs.ts';
import { TOTA_DEFAULT_DIR } from './corpus.ts';
import { progressReporter, summaryLine } from './ingest.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const SAMPLES = resolve(ROOT, 'corpus/samples');
const MANIFESTS = resolve(ROOT, 'corpus');

/**
 * ToTA when a copy is present: `CCM_TOTA_DIR`; what `ccm corpus fetch tota` wrote (its default
 * folder, here or at the repository root); or the shared corpus beside the repository.
 */
export function totaDir(): string | null {
  if (process.env.CCM_TOTA_DIR) return existsSync(process.env.CCM_TOTA_DIR) ? process.env.CCM_TOTA_DIR : null;
  const candidates = [
    resolve(TOTA_DEFAULT_DIR),
    resolve(ROOT, TOTA_DEFAULT_DIR),
    resolve(ROOT, '../shared/corpus/tota'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? null;
}

/**
 * The main job: ingest the sample agreements (text, PDF, DOCX in three languages) and ToTA
 * when present into the store, then print the corpus summary. Re-runs store nothing new.
 */
export function startCommand(runAction: RunAction): Command {
  return new Command('start')
    .description(
      'Ingest the sample agreements, ToTA and the agreements named by corpus/*.yaml (when present) into the store and print the corpus summary',
    )
    .option('--no-tota', 'only the samples')
    .action(
      runAction(async (opts: { tota: boolean }) => {
        const [{ readManifest }, { ingest, shownName }, { openStore }] = await Promise.all([
          import('@ccm/corpus'),
          import('@ccm/service'),
          import('@ccm/store'),
        ]);
        const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
        const files = await expandInputs([SAMPLES]);
        // The project's manifests (corpus/*.yaml) name real agreements ToTA lacks (post-2016 ones,
        // in ../shared beside the repository): those whose file is present are ingested too.
        if (opts.tota) {
          for (const name of readdirSync(MANIFESTS)
            .filter((f) => /\.ya?ml$/.test(f))
            .sort()) {
            const entries = await readManifest(resolve(MANIFESTS, name));
            let present = 0;
            for (const [file, entry] of entries) {
              if (!existsSync(file)) continue;
              manifest.set(file, entry);
              files.push(file);
              present++;
            }
            if (present < entries.size)
              process.stderr.write(
                `corpus/${name}: ${entries.size - present} of ${entries.size} files not found, skipped\n`,
              );
          }
        }
        const tota = opts.tota ? totaDir() : null;
        if (tota) files.push(...(await expandInputs([tota])));
        else if (opts.tota)
          process.stderr.write(`ToTA not found (set CCM_TOTA_DIR, or fetch it: pnpm ccm corpus fetch tota)\n`);
        const store = await openStore();
        try {
          const summary = await ingest(store, files, { manifest, onEvent: await progressReporter() });
          process.stdout.write(`${summaryLine(summary, store)}\n\n`);
          const corpus = await store.summary();
          const rows = Object.entries(corpus.byTag).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
          process.stdout.write(
            `Corpus: ${corpus.agreements} agreements, ${corpus.provisions} provisions, ${corpus.tags} tags ` +
              `(${Object.entries(corpus.byLanguage)
                .map(([l, n]) => `${n} ${l}`)
                .join(
                  ', ',
                )}; classifier ${corpus.classifiers.join(', ')})${tota ? `; ToTA from ${shownName(tota)}` : ''}\n`,
          );
          for (const [tag, n] of rows) process.stdout.write(`  ${tag.padEnd(32)} ${String(n).padStart(6)}\n`);
          process.stdout.write(
            '\nNext: pnpm ccm analyze <file> for a scorecard with evidence, pnpm ccm export --out tags.csv for CSV/JSON.\n',
          );
          if (summary.failed > 0) process.exitCode = 2;
        } finally {
          await store.close();
        }
      }),
    );
}
