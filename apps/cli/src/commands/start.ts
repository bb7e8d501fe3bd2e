import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { classify, scorecard } from '@ccm/classifier';
import { parseMany } from '@ccm/parser/pool';
import { Command } from 'commander';
import type { RunAction } from '../errors.ts';

const SAMPLES = resolve(import.meta.dirname, '../../../../corpus/samples');

/**
 * The main job until the store exists: parse and classify the project's sample agreements and
 * print each one's Guidelines 18–19 result (`ccm analyze <file>` gives the evidence).
 */
export function startCommand(runAction: RunAction): Command {
  return new Command('start')
    .description(
      "Classify the project's sample agreements (corpus/samples) and print their Guidelines 18–19 scorecards",
    )
    .option('--dir <dir>', 'folder of agreements to read', SAMPLES)
    .action(
      runAction(async (opts: { dir: string }) => {
        const files = (await readdir(opts.dir)).filter((f) => /\.(pdf|docx|txt|xml)$/i.test(f)).sort();
        const paths = files.map((f) => join(opts.dir, f));
        const rows: string[][] = [];
        for await (const outcome of parseMany(paths)) {
          const name = outcome.path.replace(/^.*[\\/]/, '');
          if (!outcome.ok) {
            rows.push([name, 'error', outcome.error.code, '', '', '']);
            continue;
          }
          const d = outcome.document;
          const classification = classify(d);
          const card = scorecard(classification);
          const tags = classification.provisions.reduce((n, p) => n + p.tags.length, 0);
          rows.push([
            name,
            d.language,
            String(d.provisions.filter((p) => p.kind === 'article').length),
            String(tags),
            `${card.passed}/${card.total}`,
            card.checks
              .filter((c) => !c.passed)
              .map((c) => c.title.split(' · ')[0])
              .join(', ') || '—',
          ]);
        }
        rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
        const header = ['file', 'lang', 'articles', 'tags', 'checks passed', 'failed checks'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
        const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
        process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
        for (const r of rows) process.stdout.write(`${line(r)}\n`);
        process.stdout.write(
          `\n${rows.length} agreements classified from ${opts.dir}. Evidence for each check: pnpm ccm analyze <file>\n`,
        );
      }),
    );
}
