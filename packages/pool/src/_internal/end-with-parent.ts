// Preloaded (`--import`) into every pool worker process by runPool: a worker ends when its
// parent does, so a killed `ccm ingest` does not leave workers parsing for nobody, whatever
// the worker module. Worker threads end with their process anyway.
import { Worker } from 'node:worker_threads';

// runPool names the parent: one that died while this process was still starting (its IPC
// channel already gone, this process already re-parented) is seen here too.
const parent = Number(process.env.CCM_POOL_PARENT_PID ?? process.ppid);
if (process.ppid !== parent || (process.send !== undefined && !process.connected)) process.exit(0);
if (process.connected) {
  process.once('disconnect', () => process.exit(0));
  // 'disconnect' needs this thread's event loop, which synchronous work (a large DOCX in
  // mammoth) can hold for many seconds: a watchdog thread sees the parent go (this process is
  // re-parented) and kills the process at once.
  const watchdog = new Worker(
    `setInterval(() => { if (process.ppid !== ${parent}) process.kill(${process.pid}, 'SIGKILL'); }, 50);`,
    { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } },
  );
  watchdog.unref();
}
