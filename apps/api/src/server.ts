import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CcmError, problemOf } from '@ccm/contracts';
import { draftStore, importLegacyTokens, openService, type Service } from '@ccm/service';
import { recordServer, type StoreOptions } from '@ccm/store';
import { serve } from '@hono/node-server';
import { type ApiOptions, createApp } from './app.ts';
import { MAX_TARGET_BYTES } from './guard.ts';
import { PROBLEM } from './openapi.ts';

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

/** What Node's HTTP parser refused, as the API's error: `rawPacket` is the chunk it failed on. */
function clientErrorOf(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): CcmError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new CcmError('API_REQUEST_TIMEOUT', 'the request was not received in time');
  if (error.code !== 'HPE_HEADER_OVERFLOW') return new CcmError('USAGE_INVALID', 'the request is not valid HTTP');
  // The request line itself overflowed (the chunk opens it and does not end it early): a URL too long.
  const packet = error.rawPacket?.toString('latin1') ?? '';
  const lineEnd = packet.indexOf('\r\n');
  return /^[A-Z]+ /.test(packet) && (lineEnd < 0 || lineEnd > MAX_TARGET_BYTES)
    ? new CcmError('API_URI_TOO_LONG', `the request target is longer than ${MAX_TARGET_BYTES} bytes`)
    : new CcmError('API_HEADERS_TOO_LARGE', 'the request headers are too large');
}

/**
 * Answers a request Node's parser refused (a URL or headers over `maxHeaderSize`, malformed
 * HTTP) with a problem body, where Node would send an empty 431 or 400. Never over a response
 * already under way on the socket, nor twice: Node reports each further chunk too.
 */
function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  // Answered already (ending): let the answer drain rather than destroy it unsent.
  if (!socket.writable) return;
  const busy = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || busy) {
    socket.destroy();
    return;
  }
  const problem = problemOf(clientErrorOf(error));
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\ncontent-type: ${PROBLEM}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
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
  // An embedded store is this process's alone: `ccm token …` reaches it through the server, with
  // the key its record holds.
  const adminKey = service.store.kind === 'pglite' ? randomBytes(32).toString('base64url') : undefined;
  const app = createApp(service, { ...options, ...(adminKey ? { adminKey } : {}) }, drafts);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  // PGlite is held by this process until it stops: other commands on the store ask it instead
  // (@ccm/store's server record), over loopback when it listens on every address.
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : shown;
  const record =
    service.store.kind === 'pglite' ? recordServer(service.store.location, `http://${local}:${port}`, adminKey) : null;
  return {
    url,
    port,
    close: async () => {
      record?.remove();
      // Open event streams would keep close() waiting: they end with their connections.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      drafts.close();
      if (owned) await service.close();
    },
  };
}
