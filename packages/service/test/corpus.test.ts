import type { Store } from '@ccm/store';
import { describe, expect, it } from 'vitest';
import { corpusView } from '../src/corpus.ts';

/** A store whose version and write count the test moves; reads count how often the corpus is loaded. */
function countingStore() {
  const state = { version: 'v1', changes: 0, versionReads: 0, loads: 0 };
  const store = {
    changes: () => state.changes,
    version: async () => {
      state.versionReads++;
      return state.version;
    },
    scorecards: async () => {
      state.loads++;
      return [];
    },
    tagRows: async () => [],
    formats: async () => new Map(),
  } as unknown as Store;
  return { store, state };
}

describe('the corpus snapshot', () => {
  it('trusts itself within the freshness window, and asks again after a local write or once it passes', async () => {
    const { store, state } = countingStore();
    const corpus = corpusView(store, { freshnessMs: 60_000 }).snapshot;
    const first = await corpus();
    await corpus();
    expect(state).toMatchObject({ versionReads: 1, loads: 1 });
    state.changes++;
    // Same version after the write (it changed nothing the version sees): the snapshot is kept.
    expect(await corpus()).toBe(first);
    expect(state).toMatchObject({ versionReads: 2, loads: 1 });
    state.changes++;
    state.version = 'v2';
    const second = await corpus();
    expect(second).not.toBe(first);
    expect(second.version).toBe('v2');
    expect(state.loads).toBe(2);

    const eager = corpusView(store, { freshnessMs: 0 }).snapshot;
    await eager();
    const reads = state.versionReads;
    // Another process's write shows up once the window has passed (here at once).
    state.version = 'v3';
    expect((await eager()).version).toBe('v3');
    expect(state.versionReads).toBe(reads + 1);
  });

  it('keys a memo on the version alone without loading the corpus (a one-shot search loads nothing)', async () => {
    const { store, state } = countingStore();
    const view = corpusView(store, { freshnessMs: 60_000 });
    const cache = await view.cache();
    expect(await cache.memo('search', 'q', async () => 'hits')).toBe('hits');
    expect(state).toMatchObject({ versionReads: 1, loads: 0 });
    // The snapshot, when asked, shares that memo: one version, one cache.
    const snapshot = await view.snapshot();
    expect(state.loads).toBe(1);
    expect(await snapshot.memo('search', 'q', async () => 'again')).toBe('hits');
    expect(await view.snapshot()).toBe(snapshot);
    expect(state.loads).toBe(1);
  });

  it('memoises per snapshot: concurrent callers share one computation, failures are not kept', async () => {
    const { store, state } = countingStore();
    const corpus = corpusView(store, { freshnessMs: 60_000 }).snapshot;
    const snapshot = await corpus();
    let runs = 0;
    const slow = () =>
      new Promise<number>((resolve) => {
        runs++;
        setTimeout(() => resolve(42), 5);
      });
    expect(await Promise.all([snapshot.memo('x', 'k', slow), snapshot.memo('x', 'k', slow)])).toEqual([42, 42]);
    expect(runs).toBe(1);
    await expect(snapshot.memo('y', 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await snapshot.memo('y', 'k', async () => 7)).toBe(7);
    // Bounded: the eldest of a full namespace is computed again.
    for (const k of ['a', 'b', 'c']) await snapshot.memo('z', k, async () => k, 2);
    let again = 0;
    await snapshot.memo('z', 'a', async () => String(++again), 2);
    expect(again).toBe(1);
    // A new version starts empty.
    state.version = 'v2';
    state.changes++;
    const next = await corpus();
    await next.memo('x', 'k', slow);
    expect(runs).toBe(2);
  });
});
