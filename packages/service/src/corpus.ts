import type { TagId } from '@ccm/classifier';
import type { SourceFormat } from '@ccm/parser';
import type { AgreementScorecard, Store, TagRow } from '@ccm/store';
import { LRUCache } from 'lru-cache';

/*
 * The read side's view of the corpus, held in memory and rebuilt when the corpus changes. The
 * corpus is hundreds of agreements written a few times a day and read on every request: one
 * snapshot per corpus version answers listing, uptake and model clauses without a query each,
 * and memoises what is dearer to compute (search pages, comparisons, details) until the next
 * version. Writes by this process are seen at once (`store.changes()`); writes by another
 * process (PostgreSQL only: PGlite locks its directory) within `freshnessMs`.
 */

/** Results memoised for one version of the corpus: a new version starts empty. */
export interface CorpusCache {
  /** The store's version token. */
  readonly version: string;
  /**
   * `compute()` once per key and version; concurrent callers share one computation. A failed
   * computation is not kept. Each namespace keeps its `capacity` most recently used results.
   */
  memo<T>(namespace: string, key: string, compute: () => Promise<T>, capacity?: number): Promise<T>;
}

/** The corpus of one version in memory, loaded on first use (a one-shot CLI search never loads it). */
export interface CorpusSnapshot extends CorpusCache {
  /** Every stored agreement with its scorecard, samples included, by id. */
  readonly cards: readonly AgreementScorecard[];
  /** agreement id → the tags present in it. */
  readonly tagsOf: ReadonlyMap<string, ReadonlySet<TagId>>;
  /** Every tagged provision of the real agreements (samples left out: fiction is no model). */
  readonly tagRows: readonly TagRow[];
  readonly formats: ReadonlyMap<string, SourceFormat>;
}

export interface CorpusView {
  /** The memo of the current version: one cheap version check at most per `freshnessMs`. */
  cache(): Promise<CorpusCache>;
  /** The current version's corpus in memory, loaded once per version. */
  snapshot(): Promise<CorpusSnapshot>;
}

export interface CorpusViewOptions {
  /** How long a snapshot is trusted without asking the store whether another process wrote; default 1000 ms. */
  freshnessMs?: number;
}

function cacheOf(version: string): CorpusCache {
  const spaces = new Map<string, LRUCache<string, Promise<unknown>>>();
  return {
    version,
    memo<T>(namespace: string, key: string, compute: () => Promise<T>, capacity = 256): Promise<T> {
      let space = spaces.get(namespace);
      if (!space) {
        space = new LRUCache({ max: capacity });
        spaces.set(namespace, space);
      }
      const held = space.get(key);
      if (held) return held as Promise<T>;
      const made = compute();
      space.set(key, made);
      made.catch(() => space.delete(key));
      return made;
    },
  };
}

async function load(store: Store, cache: CorpusCache): Promise<CorpusSnapshot> {
  const [cards, tagRows, formats] = await Promise.all([
    store.scorecards({ includeSamples: true }),
    store.tagRows({ includeSamples: true }),
    store.formats(),
  ]);
  const samples = new Set(cards.filter((c) => c.meta.sample).map((c) => c.meta.id));
  const tagsOf = new Map<string, Set<TagId>>();
  for (const r of tagRows) {
    const set = tagsOf.get(r.agreementId) ?? new Set<TagId>();
    set.add(r.tag);
    tagsOf.set(r.agreementId, set);
  }
  return {
    version: cache.version,
    memo: cache.memo,
    cards,
    tagsOf,
    tagRows: tagRows.filter((r) => !samples.has(r.agreementId)),
    formats,
  };
}

/** The current version of `store`'s corpus: its memo, and its contents in memory when asked. */
export function corpusView(store: Store, options: CorpusViewOptions = {}): CorpusView {
  const freshnessMs = options.freshnessMs ?? 1000;
  let current: CorpusCache | null = null;
  let checkedAt = 0;
  let seenChanges = -1;
  let pending: { changes: number; cache: Promise<CorpusCache> } | null = null;

  async function refresh(changes: number): Promise<CorpusCache> {
    const version = await store.version();
    const cache = current?.version === version ? current : cacheOf(version);
    current = cache;
    checkedAt = Date.now();
    seenChanges = changes;
    return cache;
  }

  function cache(): Promise<CorpusCache> {
    const changes = store.changes();
    if (current && changes === seenChanges && Date.now() - checkedAt < freshnessMs) return Promise.resolve(current);
    // A refresh begun before this process's latest write may have read the corpus before it.
    if (pending?.changes !== changes) {
      const made = refresh(changes).finally(() => {
        if (pending?.cache === made) pending = null;
      });
      pending = { changes, cache: made };
    }
    return pending.cache;
  }

  return {
    cache,
    async snapshot() {
      const c = await cache();
      return c.memo('snapshot', '', () => load(store, c), 1);
    },
  };
}
