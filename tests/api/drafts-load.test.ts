import { availableParallelism } from 'node:os';
import { type RunningServer, startServer } from '@ccm/api';
import { engine as analysisEngine } from '@ccm/pool';
import { createToken, openService, type Service } from '@ccm/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, isRunning } from '../parser/helpers.ts';
import { ENGINES, freshStore } from '../store/engines.ts';

const HOLD = new URL('./fixtures/hold-worker.ts', import.meta.url);

const draft = (i: number) =>
  `DRAFT AGREEMENT ${i}\n\nArticle 1\nCultural cooperation\n\nThe Parties shall cooperate in the field of culture, including audiovisual services.\n\nArticle 2\nElectronic commerce\n\nNo Party shall impose customs duties on electronic transmissions.\n`;

describe.each(ENGINES)('a burst of uploads on %s', (engine) => {
  let service: Service;
  let server: RunningServer;
  let drop: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    const fresh = await freshStore(engine);
    drop = fresh.drop;
    service = await openService(fresh.options);
    token = (await createToken(service.store, 'burst')).token;
    // A queue of 4 beyond the workers: the burst meets both the rate limit and the queue.
    server = await startServer({ service, port: 0, drafts: { uploadsPerWindow: 15, maxQueue: 4 } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await service?.close();
    await drop?.();
  });

  it('answers each of 20 concurrent uploads with 202, 429 or 503 (problems with Retry-After), and finishes every accepted draft', async () => {
    const auth = { authorization: `Bearer ${token}` };
    // Every worker of the process's engine held by a task that never ends by itself: no draft
    // can finish during the burst, so what the queue admits does not depend on timing.
    const hold = new AbortController();
    const pool = analysisEngine();
    const held = Array.from({ length: pool.workers }, () =>
      pool.run(HOLD, { path: 'hold' }, { signal: hold.signal }).catch(() => undefined),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const form = new FormData();
        form.append('file', new Blob([draft(i)]), `draft-${i}.txt`);
        const r = await fetch(`${server.url}/v1/drafts`, { method: 'POST', body: form, headers: auth });
        return {
          status: r.status,
          type: r.headers.get('content-type'),
          retry: r.headers.get('retry-after'),
          body: (await r.json()) as { id?: string; code?: string },
        };
      }),
    );
    hold.abort();
    await Promise.all(held);
    // Counted from here: the held workers were killed, and their replacements start now.
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, childrenOf(process.pid).filter(isRunning).length);
    }, 50);
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status !== 202);
    for (const a of refused) {
      expect([429, 503]).toContain(a.status);
      expect(a.type).toBe('application/problem+json');
      expect(Number(a.retry)).toBeGreaterThan(0);
      expect(a.body.code).toBe(a.status === 429 ? 'API_RATE_LIMITED' : 'API_BUSY');
    }
    // The process takes one draft per worker and 4 more: the rest of the burst is refused, not held in memory.
    expect(accepted.length).toBe(pool.workers + 4);
    expect(refused.filter((a) => a.status === 503).length).toBe(20 - accepted.length);

    const ends = await Promise.all(
      accepted.map(async (a) => {
        const text = await (await fetch(`${server.url}/v1/drafts/${a.body.id}/events`, { headers: auth })).text();
        return [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]).at(-1);
      }),
    );
    clearInterval(sampler);
    expect(ends.every((e) => e === 'done')).toBe(true);
    // One engine: never more analysis workers than cores, whatever arrived.
    expect(most).toBeLessThanOrEqual(availableParallelism());

    // The rate window is in the store and counts accepted uploads only (a 503 costs none): the
    // upload after the 15th accepted in the minute is 429.
    let total = accepted.length;
    let last = 0;
    for (let i = 0; i < 60 && last !== 429; i++) {
      const form = new FormData();
      form.append('file', new Blob([draft(100 + i)]), 'more.txt');
      last = (await fetch(`${server.url}/v1/drafts`, { method: 'POST', body: form, headers: auth })).status;
      if (last === 202) total++;
      else if (last === 503) await new Promise((r) => setTimeout(r, 200));
    }
    expect(last).toBe(429);
    expect(total).toBe(15);
  }, 180_000);
});
