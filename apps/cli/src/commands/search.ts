import type { SearchQuery } from '@ccm/store';
import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';

const int = (v: string) => Number.parseInt(v, 10);

export function searchCommand(runAction: RunAction): Command {
  return new Command('search')
    .description('Full-text search over stored provisions (English, French, Spanish stemming), with filters')
    .argument('[words...]', 'words, "quoted phrases", OR, -excluded; none = filters only')
    .option('-t, --tag <tag>', 'only provisions carrying this tag (e.g. culture.exemption)')
    .option('-s, --strength <strength>', 'with --tag: binding, soft or preambular')
    .option('-p, --party <iso3>', 'agreements with this party (ISO alpha-3)')
    .option(
      '-r, --region <region>',
      'agreements with a party in this UN M49 region (Africa, Americas, Asia, Europe, Oceania)',
    )
    .option('--from <year>', 'signed in or after this year', int)
    .option('--to <year>', 'signed in or before this year', int)
    .option('-l, --language <code>', 'en, fr or es')
    .option('-k, --kind <kind>', 'provision kind: article, paragraph, preamble…')
    .option('-n, --limit <n>', 'hits to show', int, 20)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      '\nExamples:\n  pnpm ccm search "cultural industries" --region Americas\n  pnpm ccm search --tag ecommerce.cultural_specificity --from 2010',
    )
    .action(
      runAction(
        async (
          words: string[],
          opts: {
            tag?: string;
            strength?: string;
            party?: string;
            region?: string;
            from?: number;
            to?: number;
            language?: string;
            kind?: string;
            limit: number;
            format: 'table' | 'json';
          },
        ) => {
          const query: SearchQuery = {
            text: words.join(' '),
            limit: opts.limit,
            ...(opts.tag ? { tag: opts.tag as SearchQuery['tag'] } : {}),
            ...(opts.strength ? { strength: opts.strength as SearchQuery['strength'] } : {}),
            ...(opts.party ? { party: opts.party } : {}),
            ...(opts.region ? { region: opts.region } : {}),
            ...(opts.from !== undefined ? { yearFrom: opts.from } : {}),
            ...(opts.to !== undefined ? { yearTo: opts.to } : {}),
            ...(opts.language ? { language: opts.language } : {}),
            ...(opts.kind ? { kind: opts.kind as SearchQuery['kind'] } : {}),
          };
          const { openStore } = await import('@ccm/store');
          const store = await openStore();
          try {
            const { hits } = await store.search(query);
            if (opts.format === 'json') {
              process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
              return;
            }
            for (const h of hits) {
              const where = [h.article ? `Article ${h.article}` : h.kind, `p. ${h.pageStart}`].join(', ');
              process.stdout.write(`${h.title} (${h.agreementId}, ${h.dateSigned ?? 'undated'}) — ${where}\n`);
              if (h.tags.length) process.stdout.write(`  tags: ${h.tags.join(', ')}\n`);
              process.stdout.write(`  ${h.snippet.replace(/\s+/g, ' ')}\n\n`);
            }
            if (hits.length === 0) process.stdout.write('no provisions match\n');
          } finally {
            await store.close();
          }
        },
      ),
    );
}
