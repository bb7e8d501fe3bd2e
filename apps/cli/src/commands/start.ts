import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { citation } from '@ccm/parser';
import { parseMany } from '@ccm/parser/pool';
import { Command } from 'commander';
import type { RunAction } from '../errors.ts';

const SAMPLES = resolve(import.meta.dirname, '../../../../corpus/samples');

/** The main job until the store exists: parse the project's sample agreements and summarise them. */
export function startCommand(runAction: RunAction): Command {
  return new Command('start')
    .description("Parse the project's sample agreements (corpus/samples) and print a summary")
    .option('--dir <dir>', 'folder of agreements to read', SAMPLES)
    .action(
      runAction(async (opts: { dir: string }) => {
        const files = (await readdir(opts.dir)).filter((f) => /\.(pdf|docx|txt|xml)$/i.test(f)).sort();
        const paths = files.map((f) => join(opts.dir, f));
        const rows: string[][] = [];
        for await (const outcome of parseMany(paths)) {
          const name = outcome.path.replace(/^.*[\\/]/, '');
          if (!outcome.ok) {
            rows.push([name, 'error', outcome.error.code, '', '']);
            continue;
          }
          const d = outcome.document;
          const articles = d.provisions.filter((p) => p.kind === 'article');
          const first = articles[0];
          rows.push([
            name,
            d.language,
            String(d.pageCount),
            String(articles.length),
            first ? `${citation(first)} (p. ${first.pageStart})` : '',
          ]);
        }
        rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
        const header = ['file', 'lang', 'pages', 'articles', 'first article'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
        const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
        process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
        for (const r of rows) process.stdout.write(`${line(r)}\n`);
        process.stdout.write(`\n${rows.length} agreements parsed from ${opts.dir}\n`);
      }),
    );
}
