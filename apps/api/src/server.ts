import type { AddressInfo } from 'node:net';
import { draftStore, importLegacyTokens, openService, type Service } from '@ccm/service';
import type { StoreOptions } from '@ccm/store';
import { serve } from '@hono/node-server';
import { type ApiOptions, createApp } from './app.ts';

export interface ServerOptions extends ApiOptions, StoreOptions {
  /** 0 picks a free port (tests). Default 3000. */
  port?: number;
  /** Default 127.0.0.1: loopback unless asked otherwise. */
  host?: string;
  /** A service already open (tests); otherwise one is opened on the store options and closed with the server. */
  service?: Service;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the API and resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const owned = !options.service;
  const service =
    options.service ??
    (await openService({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    }));
  // The corpus snapshot is built before the first request, not during it.
  await service.corpus();
  // Tokens of an older version's tokens.json keep working; drafts a dead process left end now.
  await importLegacyTokens(service.store);
  const drafts = draftStore(service, options.drafts);
  await drafts.ready();
  const app = createApp(service, options, drafts);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    close: async () => {
      // Open event streams would keep close() waiting: they end with their connections.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      drafts.close();
      if (owned) await service.close();
    },
  };
}
