import type { AddressInfo } from 'node:net';
import { openService, type Service } from '@ccm/service';
import { recordServer, type StoreOptions } from '@ccm/store';
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
  const app = createApp(service, options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  // PGlite is held by this process until it stops: other commands on the store ask it instead
  // (@ccm/store's server record), over loopback when it listens on every address.
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : shown;
  const record =
    service.store.kind === 'pglite' ? recordServer(service.store.location, `http://${local}:${port}`) : null;
  return {
    url,
    port,
    close: async () => {
      record?.remove();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (owned) await service.close();
    },
  };
}
