#!/usr/bin/env node
import { Command } from 'commander';
import { analyzeCommand } from './commands/analyze.ts';
import { classifyCommand } from './commands/classify.ts';
import { corpusCommand } from './commands/corpus.ts';
import { exportCommand } from './commands/export.ts';
import { ingestCommand } from './commands/ingest.ts';
import { mcpCommand } from './commands/mcp.ts';
import { parseCommand } from './commands/parse.ts';
import { searchCommand } from './commands/search.ts';
import { serveCommand } from './commands/serve.ts';
import { startCommand } from './commands/start.ts';
import { tokenCommand } from './commands/token.ts';
import { report, runAction } from './errors.ts';

// Each command loads its packages when it runs (classifier and store take most of a second
// to load; PGlite seconds to open), so `ccm --help` and a bad option pay for none of them.

// Whatever escapes an action (a stream error, a rejected promise in a library) is still one line.
process.on('uncaughtException', report);
process.on('unhandledRejection', report);

// `ccm export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('ccm')
  .description('Cultural Clause Monitor: how trade agreements treat culture')
  .version('0.1.0')
  // Errors are one line (commander's own name the option and its valid values); --help has the rest.
  .showHelpAfterError(false);

// One analysis engine per process, sized once: `--jobs N` (or CCM_JOBS, else the cores) before
// any work, and its workers let go when the command is done so that the process exits.
program.hook('preAction', async (_program, command) => {
  const jobs = (command.opts() as { jobs?: unknown }).jobs;
  if (typeof jobs === 'number' && jobs > 0) (await import('@ccm/pool/engine')).configureEngine({ workers: jobs });
});
program.hook('postAction', async () => {
  await (await import('@ccm/pool/engine')).closeEngines();
});

program.addCommand(parseCommand(runAction));
program.addCommand(classifyCommand(runAction));
program.addCommand(analyzeCommand(runAction));
program.addCommand(ingestCommand(runAction));
program.addCommand(searchCommand(runAction));
program.addCommand(exportCommand(runAction));
program.addCommand(corpusCommand(runAction));
program.addCommand(startCommand(runAction));
program.addCommand(serveCommand(runAction));
program.addCommand(tokenCommand(runAction));
program.addCommand(mcpCommand(runAction));

await program.parseAsync(process.argv);
