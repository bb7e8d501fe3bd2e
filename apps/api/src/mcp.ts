import { resolve } from 'node:path';
import { assertPlainText, CcmError, problemOf } from '@ccm/contracts';
import { analyse, type CorpusReads, reportChecks } from '@ccm/service';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

/*
 * The MCP server: the same read verbs as the HTTP API (from the store, or from the running
 * `ccm serve` that holds it), as tools an assistant can call to find and cite agreements. Each
 * tool answers JSON text; an error is a tool error carrying the problem details (stable code),
 * never a stack.
 */

const text = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] });

/**
 * A tool's handler: its string arguments (and strings in arrays) held to the HTTP API's rule for
 * query text, then `run`'s answer, or its error as problem details. Checked here, not by a
 * refinement of the input schema: the SDK answers its own validation failures as plain text.
 */
function handler<A extends Record<string, unknown>>(run: (args: A) => Promise<unknown>) {
  return async (args: A) => {
    try {
      for (const [name, value] of Object.entries(args))
        for (const item of Array.isArray(value) ? value : [value])
          if (typeof item === 'string') assertPlainText(name, item, { breaks: true });
      return text(await run(args));
    } catch (error) {
      return { ...text(problemOf(error)), isError: true };
    }
  };
}

export function mcpServer(reads: CorpusReads): McpServer {
  const server = new McpServer({ name: 'ccm', version: '0.1.0' });

  server.registerTool(
    'search',
    {
      description:
        'Full-text search over the provisions of stored trade agreements; ranked hits with snippets and citations (agreement, article, page).',
      inputSchema: {
        q: z.string().describe('words, "quoted phrases", OR, -excluded'),
        tag: z.string().optional().describe('a taxonomy tag id such as culture.exemption'),
        party: z.string().optional().describe('ISO 3166-1 alpha-3 of a party'),
        limit: z.number().int().min(1).max(50).optional(),
      },
    },
    handler(({ q, tag, party, limit }) =>
      reads.search({ text: q, ...(tag ? { tag } : {}), ...(party ? { party } : {}), limit: limit ?? 10 } as never),
    ),
  );

  server.registerTool(
    'agreement',
    {
      description:
        'One stored agreement: metadata, parties, its cultural tags with citations and its Guidelines 18–19 scorecard.',
      inputSchema: { id: z.string().describe('agreement id, e.g. from search hits') },
    },
    handler(async ({ id }) => {
      const detail = await reads.agreement(id);
      if (!detail) throw new CcmError('NOT_FOUND', `no agreement ${JSON.stringify(id)}`);
      return detail;
    }),
  );

  server.registerTool(
    'compare',
    {
      description:
        'Compare 2–4 agreements: scorecard matrix, tags by chapter, and aligned provisions with similarity and word diff.',
      inputSchema: { ids: z.array(z.string()).min(2).max(4), limit: z.number().int().min(1).max(50).optional() },
    },
    handler(({ ids, limit }) => reads.compare({ ids: ids.join(','), limit: limit ?? 10 })),
  );

  server.registerTool(
    'clauses',
    {
      description:
        'Model clauses: the strongest examples across the corpus of a tag or of what passes a scorecard check, binding first, with citations.',
      inputSchema: {
        tag: z.string().optional(),
        check: z.string().optional(),
        limit: z.number().int().min(1).max(50).optional(),
      },
    },
    handler(({ tag, check, limit }) =>
      reads.clauses({ ...(tag ? { tag } : {}), ...(check ? { check } : {}), limit: limit ?? 10 } as never),
    ),
  );

  server.registerTool(
    'analyse_draft_file',
    {
      description:
        'Analyse a local draft (PDF, DOCX, HTML or text) as `ccm analyze` does: the scorecard, and for each failed check what would make it pass and a model clause from the corpus. Nothing is stored.',
      inputSchema: { path: z.string().describe('path of the file on this machine') },
    },
    handler(async ({ path }) => {
      const { document, scorecard } = await analyse({ path: resolve(path) });
      const models = scorecard.failed > 0 ? await reads.modelClauses(scorecard) : undefined;
      return {
        title: document.title,
        format: document.source.format,
        scorecard: { ...scorecard, checks: reportChecks(scorecard, models) },
      };
    }),
  );

  return server;
}

/** Serves MCP on stdin/stdout until the client closes the stream. */
export async function serveMcp(reads: CorpusReads): Promise<void> {
  const server = mcpServer(reads);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done();
  });
  await server.connect(transport);
  process.stdin.once('end', () => void server.close());
  await closed;
}
