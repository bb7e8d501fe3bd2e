// Preloaded (`--import`) into every pool worker process by runPool: a worker ends when its
// parent does, so a killed `ccm ingest` does not leave workers parsing for nobody, whatever
// the worker module. Worker threads end with their process anyway.
if (process.connected) process.once('disconnect', () => process.exit(0));
