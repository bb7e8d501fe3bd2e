import { Command } from 'commander';
import type { RunAction } from '../errors.ts';

/** `ccm mcp`: the Model Context Protocol server on stdio (stdout is the protocol: nothing else is written there). */
export function mcpCommand(runAction: RunAction): Command {
  return new Command('mcp')
    .description(
      'Serve the corpus to assistants over MCP (stdio): search, agreement, compare, clauses, analyse_draft_file',
    )
    .action(
      runAction(async () => {
        const [{ serveMcp }, { openService }] = await Promise.all([import('@ccm/api'), import('@ccm/service')]);
        const service = await openService();
        try {
          await serveMcp(service);
        } finally {
          await service.close();
        }
      }),
    );
}
