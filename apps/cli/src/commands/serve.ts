import { Command } from 'commander';
import { type RunAction, wholeNumber } from '../errors.ts';

/**
 * `ccm serve`: the HTTP API over the store (PGlite in ./data, or DATABASE_URL). Prints the URL
 * once it listens; logs one line per request to stderr (method, path, status, time: never a
 * query string or a text). Stops cleanly on SIGINT/SIGTERM.
 */
export function serveCommand(runAction: RunAction): Command {
  return new Command('serve')
    .description('Serve the HTTP API (JSON, OpenAPI at /v1/openapi.json, reference at /v1/docs)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', wholeNumber(0), Number(process.env.PORT ?? 3000))
    .option('--host <host>', 'address to listen on', process.env.CCM_HOST ?? '127.0.0.1')
    .option(
      '--cors <origins>',
      'comma-separated origins allowed by CORS (* for any)',
      process.env.CCM_CORS_ORIGINS ?? '',
    )
    .option('--quiet', 'no request log')
    .action(
      runAction(async (opts: { port: number; host: string; cors: string; quiet?: boolean }) => {
        if (opts.port > 65535) throw new (await import('../errors.ts')).UsageError('--port must be at most 65535');
        const { startServer } = await import('@ccm/api');
        const server = await startServer({
          port: opts.port,
          host: opts.host,
          corsOrigins: opts.cors
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
          ...(opts.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
        });
        process.stdout.write(`ccm API listening on ${server.url} (reference: ${server.url}/v1/docs)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      }),
    );
}
