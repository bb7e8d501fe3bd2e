import { type Engine, openEngine, type StoreOptions } from './engine.ts';
import { reader, type StoreReader } from './read.ts';
import { type StoreWriter, writer } from './write.ts';

/** The corpus store: the read side, the write side (refused with `STORE_READ_ONLY` on a read-only open). */
export interface Store extends StoreReader, StoreWriter {
  kind: Engine['kind'];
  location: string;
  readOnly: boolean;
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
  return {
    kind: engine.kind,
    location: engine.location,
    readOnly: engine.readOnly,
    ...reader(engine.db),
    ...writer(engine),
    close: () => engine.close(),
  };
}
