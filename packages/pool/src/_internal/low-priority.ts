// Preloaded (`--import`) into every pool worker process: analysis is batch work. At a lower OS
// priority (nice 10), a server's main thread (its /health, its reads) and a CLI's own thread win
// the cores from the workers that keep them busy, instead of taking turns with them.
import { setPriority } from 'node:os';

try {
  setPriority(10);
} catch {
  // not permitted here: the worker runs at its parent's priority
}
