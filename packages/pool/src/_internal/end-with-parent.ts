// Preloaded (`--import`) into every pool worker process by runPool: a worker ends when its
// parent does, so a killed `ccm ingest` does not leave workers parsing for nobody, whatever
// the worker module. Worker threads end with their process anyway.
import { Worker } from 'node:worker_threads';

if (process.connected) {
  process.once('disconnect', () => process.exit(0));
  // 'disconnect' needs this thread's event loop, which synchronous work (a large DOCX in
  // mammoth) can hold for many seconds: a watchdog thread sees the parent go (this process is
  // re-parented) and kills the process at once.
  const watchdog = new Worker(
    `const parent = ${process.ppid};
     setInterval(() => { if (process.ppid !== parent) process.kill(${process.pid}, 'SIGKILL'); }, 50);`,
    { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } },
  );
  watchdog.unref();
}
