import { type DraftRecords, draftRecords } from './drafts.ts';
import { type Engine, openEngine, type StoreOptions } from './engine.ts';
import { reader, type StoreReader } from './read.ts';
import { type TokenRecords, tokenRecords } from './tokens.ts';
import { type StoreWriter, writer } from './write.ts';

/** The corpus store: the read side, the write side (refused with `STORE_READ_ONLY` on a read-only open). */
export interface Store extends StoreReader, StoreWriter, DraftRecords, TokenRecords {
  kind: Engine['kind'];
  location: string;
  readOnly: boolean;
  /** Writes this process has made to the corpus so far: a cache sees its own writes without asking the engine. */
  changes(): number;
  /** Closes the engine and, for PGlite, lets go of the directory lock. */
  close(): Promise<void>;
}

/**
 * Opens the store: PGlite in `./data` (or `CCM_DATA_DIR`) unless `DATABASE_URL` is set. A
 * writable open applies pending migrations, reference data included; otherwise opening writes
 * nothing. Fails with a `StoreError` (`STORE_LOCKED` when another process has the directory).
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const engine = await openEngine(options);
  const write = writer(engine);
  let changes = 0;
  const counted =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await f(...args);
      } finally {
        changes++;
      }
    };
  return {
    kind: engine.kind,
    location: engine.location,
    readOnly: engine.readOnly,
    changes: () => changes,
    ...reader(engine.db),
    ...write,
    saveAgreement: counted(write.saveAgreement),
    replaceClassification: counted(write.replaceClassification),
    finishRun: counted(write.finishRun),
    ...draftRecords(engine),
    ...tokenRecords(engine),
    close: () => engine.close(),
  };
}
