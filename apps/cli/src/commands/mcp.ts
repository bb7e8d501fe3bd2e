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
        const [{ serveMcp }, { openReads }] = await Promise.all([import('@ccm/api'), import('@ccm/service')]);
        // The store, or the `ccm serve` that holds it: MCP beside a running dashboard.
        const reads = await openReads();
        try {
          await serveMcp(reads);
        } finally {
          await reads.close();
        }
      }),
    );
}
