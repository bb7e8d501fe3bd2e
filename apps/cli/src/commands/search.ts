import { Command, Option } from 'commander';
import type { RunAction } from '../errors.ts';

/** The option each query field comes from, for one-line errors that name it. */
const FLAG: Record<string, string> = {
  yearFrom: '--from',
  yearTo: '--to',
  text: 'words',
  includeSamples: '--include-samples',
};

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
    .option('--from <year>', 'signed in or after this year')
    .option('--to <year>', 'signed in or before this year')
    .option('-l, --language <code>', 'en, fr, es (stemmed) or pt, de, it, nl, und')
    .option('-k, --kind <kind>', 'provision kind: article, paragraph, preamble…')
    .option('-n, --limit <n>', 'hits per page, 1 to 200', '20')
    .option('--cursor <cursor>', 'the next page: the cursor the previous page printed')
    .option('--include-samples', 'include the fictional sample agreements', false)
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
            from?: string;
            to?: string;
            language?: string;
            kind?: string;
            limit: string;
            cursor?: string;
            includeSamples: boolean;
            format: 'table' | 'json';
          },
        ) => {
          const { parseInput, SearchQuerySchema } = await import('@ccm/contracts');
          // Every option is checked before the store opens: a typo costs no seconds.
          const query = parseInput(
            SearchQuerySchema,
            {
              text: words.join(' '),
              tag: opts.tag,
              strength: opts.strength,
              party: opts.party,
              region: opts.region,
              yearFrom: opts.from,
              yearTo: opts.to,
              language: opts.language,
              kind: opts.kind,
              limit: opts.limit,
              cursor: opts.cursor,
              includeSamples: opts.includeSamples,
            },
            (field) => FLAG[field] ?? `--${field}`,
          );
          const { checkParty } = await import('@ccm/service/parties');
          if (query.party) checkParty(query.party);
          // The read side alone (search loads no parser, classifier or pool), from the store or
          // from the `ccm serve` that holds it.
          const [{ openReads }, { terminalText }, { citeHit }] = await Promise.all([
            import('@ccm/service/reads'),
            import('@ccm/service/safe'),
            import('@ccm/service/remedy'),
          ]);
          const reads = await openReads();
          try {
            const page = await reads.search(query);
            if (opts.format === 'json') {
              process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
              return;
            }
            for (const h of page.hits) {
              process.stdout.write(
                `${terminalText(h.title)} (${h.agreementId}, ${h.dateSigned ?? 'undated'}) — ${terminalText(citeHit(h))}\n`,
              );
              if (h.tags.length) process.stdout.write(`  tags: ${h.tags.join(', ')}\n`);
              process.stdout.write(`  ${terminalText(h.snippet).replace(/\s+/g, ' ')}\n\n`);
            }
            if (page.hits.length === 0) process.stdout.write('no provisions match\n');
            else if (page.nextCursor) process.stdout.write(`more: ccm search … --cursor ${page.nextCursor}\n`);
          } finally {
            await reads.close();
          }
        },
      ),
    );
}
