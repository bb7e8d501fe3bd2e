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
    .option(
      '--workers <n>',
      'API processes sharing the port (more than 1 needs DATABASE_URL: PGlite is one process)',
      wholeNumber(1),
      Number(process.env.CCM_WORKERS ?? 1),
    )
    .action(
      runAction(async (opts: { port: number; host: string; cors: string; quiet?: boolean; workers: number }) => {
        const { UsageError } = await import('../errors.ts');
        if (opts.port > 65535) throw new UsageError('--port must be at most 65535');
        if (opts.workers < 1 || opts.workers > 64) throw new UsageError('--workers must be from 1 to 64');
        const cluster = (await import('node:cluster')).default;
        if (opts.workers > 1 && cluster.isPrimary) {
          if (!process.env.DATABASE_URL)
            throw new UsageError('--workers above 1 needs DATABASE_URL: a PGlite store is open in one process only');
          await primary(cluster, opts.workers);
          return;
        }
        // N API processes share the cores: each sizes its analysis engine to its share.
        if (cluster.isWorker) {
          const { configureEngine, defaultWorkers } = await import('@ccm/pool/engine');
          configureEngine({ workers: defaultWorkers(opts.workers) });
        }
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
        const stopped = stopRequested();
        // A cluster worker tells the primary, which prints the URL once for all of them.
        if (cluster.isWorker) process.send?.({ listening: server.url });
        else process.stdout.write(`ccm API listening on ${server.url} (reference: ${server.url}/v1/docs)\n`);
        await stopped;
        await server.close();
        // A worker stays alive while its channel to the primary is open.
        cluster.worker?.disconnect();
      }),
    );
}

/**
 * Resolves on the first SIGINT or SIGTERM. Taken before the URL is printed: whoever reads it may
 * stop the server at once, and a signal before Node has a listener kills the process uncleanly
 * (the store not closed, the server record left behind).
 */
function stopRequested(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * Forks `count` API processes sharing one port (node:cluster hands connections round-robin; with
 * --port 0 they share one free port). Prints the URL once all listen; a worker that dies before
 * that is an error; one that dies later (killed, out of memory) is logged and replaced, so the
 * server keeps its size. SIGINT/SIGTERM stop them all.
 */
async function primary(cluster: typeof import('node:cluster').default, count: number): Promise<void> {
  let url = '';
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    worker.once('exit', (code, signal) => {
      if (stopping || !url) return;
      process.stderr.write(
        `API worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another\n`,
      );
      fork();
    });
    return worker;
  };
  const workers = Array.from({ length: count }, fork);
  await new Promise<void>((resolve, reject) => {
    let ready = 0;
    for (const w of workers) {
      w.on('message', (m: { listening?: string }) => {
        if (!m.listening) return;
        url = m.listening;
        if (++ready === count) resolve();
      });
      w.once('exit', (code) => {
        if (!url) reject(new Error(`an API worker stopped before listening (exit code ${code})`));
      });
    }
  });
  const stopped = stopRequested();
  process.stdout.write(`ccm API listening on ${url} with ${count} workers (reference: ${url}/v1/docs)\n`);
  await stopped;
  stopping = true;
  await Promise.all(
    Object.values(cluster.workers ?? {}).map(
      (w) =>
        new Promise<void>((resolve) => {
          if (!w || w.isDead()) return resolve();
          w.once('exit', () => resolve());
          w.process.kill('SIGTERM');
        }),
    ),
  );
  // The primary holds the shared listening handle and the workers' channels: let them go.
  await new Promise<void>((resolve) => cluster.disconnect(() => resolve()));
}
