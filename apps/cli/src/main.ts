#!/usr/bin/env node
import { Command } from 'commander';
import { analyzeCommand } from './commands/analyze.ts';
import { classifyCommand } from './commands/classify.ts';
import { parseCommand } from './commands/parse.ts';
import { startCommand } from './commands/start.ts';
import { runAction } from './errors.ts';

const program = new Command()
  .name('ccm')
  .description('Cultural Clause Monitor: how trade agreements treat culture')
  .version('0.1.0')
  .showHelpAfterError();

program.addCommand(parseCommand(runAction));
program.addCommand(classifyCommand(runAction));
program.addCommand(analyzeCommand(runAction));
program.addCommand(startCommand(runAction));

await program.parseAsync(process.argv);
