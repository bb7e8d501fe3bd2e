import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type Run, runCli, serveCli } from './spawn.ts';

/*
 * `ccm serve` keeps a PGlite store open for as long as it runs. Beside it, the read commands
 * answer through its API (same output as from the store), the write commands say which process
 * to stop, and once it is killed outright the commands open the store again.
 */

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
// Ingested without the samples' manifest, they are not marked as samples: searched, exported and
// model clauses like real agreements.
const AGREEMENTS = [
  'culture-trade-agreement-en.txt',
  'accord-culture-commerce-fr.txt',
  'acuerdo-cultura-comercio-es.txt',
];
// A draft with nothing cultural: every check fails, so analyze quotes model clauses from the store.
const DRAFT = `AGREEMENT ON TRADE IN GOODS BETWEEN NORLAND AND SUDRIA

Article 1
Objectives
The objectives of this Agreement are to liberalise trade in goods between the Parties.

Article 2
Tariffs
Each Party shall eliminate its customs duties on originating goods of the other Party.
`;

let work: string;
let dataDir: string;
let draft: string;
const env = () => ({
  ...(process.env as Record<string, string>),
  DATABASE_URL: '',
  CCM_DATA_DIR: dataDir,
  CCM_DEBUG: '',
});

/** The real CLI on the test's store. */
const ccm = (args: string[]): Promise<Run> => runCli(args, env());

/** Runs a command that must succeed; its stdout. */
async function ok(args: string[]): Promise<string> {
  const run = await ccm(args);
  expect(run.status, `ccm ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

const serve = () => serveCli(env());

const recordPath = () => join(dataDir, 'ccm-server.json');
/** The commands whose output through the server is compared with their output from the store. */
const COMMANDS = {
  table: () => ['search', 'culture'],
  json: () => ['search', 'culture', '--format', 'json'],
  csv: () => ['export'],
  scorecards: () => ['export', '--level', 'agreement', '--format', 'json'],
  analysis: () => ['analyze', draft, '--format', 'json'],
} satisfies Record<string, () => string[]>;
const direct = {} as Record<keyof typeof COMMANDS, string>;

describe('commands beside a running ccm serve on a PGlite store', () => {
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ccm-beside-'));
    dataDir = join(work, 'store');
    draft = join(work, 'draft.txt');
    writeFileSync(draft, DRAFT);
    await ok(['ingest', ...AGREEMENTS.map((f) => resolve(SAMPLES, f))]);
    // What each command prints from the store itself, before any server holds it.
    for (const [name, args] of Object.entries(COMMANDS)) direct[name as keyof typeof COMMANDS] = await ok(args());
    server = await serve();
  }, 240_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('records its URL and pid in the data directory, private to the user', () => {
    const record = JSON.parse(readFileSync(recordPath(), 'utf8'));
    expect(record).toMatchObject({ url: server.url, pid: server.child.pid });
    expect(typeof record.host).toBe('string');
    expect(Number.isNaN(Date.parse(record.startedAt))).toBe(false);
    expect(statSync(recordPath()).mode & 0o777).toBe(0o600);
  });

  it('search prints hits through the server, as it did from the store', async () => {
    const table = await ok(COMMANDS.table());
    expect(table).toMatch(/ — Article \d/);
    expect(table).toMatch(/«[Cc]ultur/);
    expect(table).toBe(direct.table);
    const json = await ok(COMMANDS.json());
    expect(JSON.parse(json).hits.length).toBeGreaterThan(0);
    expect(json).toBe(direct.json);
  });

  it('export writes the same bytes through the server, CSV and JSON', async () => {
    const csv = await ok(COMMANDS.csv());
    expect(csv.split('\n')[0]).toMatch(/^agreementId,agreement,/);
    expect(csv.split('\n').length).toBeGreaterThan(10);
    expect(csv).toBe(direct.csv);
    const scorecards = await ok(COMMANDS.scorecards());
    expect(JSON.parse(scorecards)).toHaveLength(AGREEMENTS.length);
    expect(scorecards).toBe(direct.scorecards);
  });

  it('analyze quotes the same model clauses through the server; a sample analyses too', async () => {
    const analysis = await ok(COMMANDS.analysis());
    const checks = JSON.parse(analysis).scorecard.checks as { status: string; modelClause: unknown }[];
    expect(checks.some((c) => c.status === 'fail' && c.modelClause !== null)).toBe(true);
    expect(analysis).toBe(direct.analysis);
    const sample = await ok(['analyze', resolve(SAMPLES, 'culture-trade-agreement-en.pdf')]);
    expect(sample).toMatch(/scorecard: 7\/7 checks pass\n/);
  });

  it('mcp answers initialize and a search call through the server', async () => {
    const client = new Client({ name: 'ccm-test', version: '1' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], env: env(), stderr: 'pipe' }),
    );
    try {
      expect(client.getServerVersion()?.name).toBe('ccm');
      const result = (await client.callTool({ name: 'search', arguments: { q: 'culture' } })) as {
        content: { text: string }[];
        isError?: boolean;
      };
      expect(result.isError ?? false).toBe(false);
      const page = JSON.parse(result.content[0]?.text ?? 'null');
      // The tool asks for 10 hits: the first 10 of what search printed from the store.
      expect(page.hits.length).toBeGreaterThan(0);
      expect(page.hits).toEqual(JSON.parse(direct.json).hits.slice(0, 10));
    } finally {
      await client.close();
    }
  });

  it('ingest fails in one line naming the server and what to do, exit 3', async () => {
    const run = await ccm(['ingest', resolve(SAMPLES, 'culture-trade-agreement-en.pdf')]);
    expect(run.status).toBe(3);
    const pid = server.child.pid;
    expect(run.stderr.trim().split('\n')).toEqual([
      `error [STORE_LOCKED]: the ccm server at ${server.url} (pid ${pid}) has the store at ${dataDir} open; stop it (Ctrl-C in its terminal, or kill ${pid}) and run the command again, or use PostgreSQL (DATABASE_URL) for several processes`,
    ]);
  });

  it('once the server is killed outright, its stale record is ignored, then replaced and removed on SIGTERM', async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    // Killed: nothing removed its record, which names a process that is gone.
    expect(existsSync(recordPath())).toBe(true);
    expect(await ok(COMMANDS.json())).toBe(direct.json);

    const next = await serve();
    try {
      expect(JSON.parse(readFileSync(recordPath(), 'utf8'))).toMatchObject({ url: next.url, pid: next.child.pid });
    } finally {
      next.child.kill('SIGTERM');
      await next.exited;
    }
    expect([next.child.exitCode, next.child.signalCode]).toEqual([0, null]);
    expect(existsSync(recordPath())).toBe(false);
  });
});
