import { availableParallelism } from 'node:os';
import { CcmError } from '@ccm/contracts/errors';
import Tinypool from 'tinypool';

/*
 * One analysis engine per process: a single bounded pool of worker processes that every entry
 * point shares (parse, classify, analyze, ingest, drafts, MCP). Before it, each call built its
 * own pool, and a batch sized it by its file count: 60 files started 60 worker processes, and 20
 * draft uploads ran 18 analyses at once (2.8 GB). Now the number of workers is fixed per process
 * (`--jobs`, `CCM_JOBS`, else the cores) and tasks wait their turn in one FIFO queue. A caller
 * that must not queue without bound (the drafts service) counts its own admissions against
 * `workers`.
 */

export interface EngineOptions {
  /** Worker processes (or threads) at most; default {@link defaultWorkers}. */
  workers?: number;
  /**
   * `process` (default) runs each worker as a child process whose V8 is single-threaded: the
   * pool already keeps the cores busy, and V8's garbage-collector and compiler helper threads
   * would only take turns away from the other workers (V8 flags are per process, so worker
   * threads cannot opt out). Memory is fully separate and each process is bounded by its own
   * heap limit. `thread` runs worker threads in this process: quicker to start, worse under load.
   */
  isolation?: 'process' | 'thread';
  /**
   * Heap limit of each worker, in MB. Default 1024. It bounds only the JS heap: buffers outside
   * it (decoded PDF streams, inflated zip parts) are bounded by the parser's budgets.
   */
  workerHeapMb?: number;
  /** A worker idle this long exits (and is started again on demand); default 30 s. */
  idleMs?: number;
}

export interface RunOptions {
  /**
   * Wall-clock time of the task once a worker has it, in ms: past it the worker is killed and
   * the task rejects with {@link TaskTimeout}. Time spent waiting in the queue does not count.
   */
  timeoutMs?: number;
  /** Gives up the task: a waiting one leaves the queue, a running one has its worker killed. */
  signal?: AbortSignal;
}

/** A task ran past its time limit; its worker was stopped. */
export class TaskTimeout extends CcmError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super('POOL_TIMEOUT', `the worker was still busy after ${timeoutMs} ms and was stopped`);
    this.timeoutMs = timeoutMs;
  }
}

/** A worker died under a task (killed, out of heap, crashed): the pool starts another. */
export class WorkerDied extends CcmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('POOL_WORKER_DIED', message, options);
  }
}

/**
 * Workers when nobody says: `CCM_JOBS`, else one per core. A process that shares the machine
 * with `peers` others of its kind (the API's `serve --workers N`) takes its share of the cores.
 */
export function defaultWorkers(peers = 1): number {
  const jobs = Number(process.env.CCM_JOBS);
  if (Number.isInteger(jobs) && jobs > 0) return jobs;
  return Math.max(1, Math.floor(availableParallelism() / Math.max(1, peers)));
}

/** Preloaded into each worker process: it ends when its parent does, and yields the cores to interactive work. */
const END_WITH_PARENT = new URL('./_internal/end-with-parent.ts', import.meta.url).href;
const LOW_PRIORITY = new URL('./_internal/low-priority.ts', import.meta.url).href;

/**
 * V8 flags of each worker process. Single-threaded: see {@link EngineOptions.isolation}. A smaller
 * young generation and a fixed heap growth factor of 1.3 (V8's own lets the heap grow to
 * several times what is live) keep a worker near what it holds: a document's live heap is
 * tens of MB. Parsing RCEP alone, a worker peaked at 240–300 MB with them against 330–340 MB
 * without; the difference in wall time was within this machine's run-to-run noise.
 */
const WORKER_V8_FLAGS = ['--single-threaded', '--max-semi-space-size=8', '--heap-growing-percent=30'];

/** The worker module every pool starts with; each task names its own (`RunOptions.filename`). */
const IDLE_WORKER = new URL('./_internal/idle-worker.ts', import.meta.url);

interface Waiter {
  start: () => void;
  cancel: () => void;
}

export class AnalysisEngine {
  readonly workers: number;
  readonly isolation: 'process' | 'thread';
  readonly workerHeapMb: number;
  private readonly idleMs: number;
  private tinypool: Tinypool | null = null;
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private closed = false;

  constructor(options: EngineOptions = {}) {
    this.workers = Math.max(1, options.workers ?? defaultWorkers());
    this.isolation = options.isolation ?? 'process';
    this.workerHeapMb = options.workerHeapMb ?? 1024;
    this.idleMs = options.idleMs ?? 30_000;
  }

  /**
   * Runs `task` on a worker that loads `worker` (a module whose default export takes the task),
   * as soon as one is free. Rejects with {@link TaskTimeout}, {@link WorkerDied}, or the
   * signal's reason; a task's own failure travels back as its result.
   */
  async run<R>(worker: URL, task: unknown, options: RunOptions = {}): Promise<R> {
    if (this.closed) throw new Error('the analysis engine is closed');
    await this.slot(options.signal);
    try {
      return await this.dispatch<R>(worker, task, options);
    } finally {
      this.release();
    }
  }

  private slot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.running < this.workers) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', waiter.cancel);
          this.running++;
          resolve();
        },
        cancel: () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal?.reason ?? new Error('aborted'));
        },
      };
      signal?.addEventListener('abort', waiter.cancel, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.start();
  }

  private async dispatch<R>(worker: URL, task: unknown, options: RunOptions): Promise<R> {
    // The timer starts now, as the task reaches a worker; aborting it makes tinypool kill the
    // worker (synchronous work included) and start another.
    const timeout = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
    const signals = [timeout, options.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    try {
      return (await this.pool().run(task, { filename: worker.href, ...(signal ? { signal } : {}) })) as R;
    } catch (error) {
      if (timeout?.aborted) throw new TaskTimeout(options.timeoutMs ?? 0);
      if (options.signal?.aborted) throw options.signal.reason;
      throw new WorkerDied(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  private pool(): Tinypool {
    if (this.tinypool) return this.tinypool;
    const size = this.workers;
    this.tinypool = new Tinypool({
      filename: IDLE_WORKER.href,
      runtime: this.isolation === 'process' ? 'child_process' : 'worker_threads',
      // Started on demand and ended when idle: a one-file command starts one worker, and a
      // server between uploads holds none of their memory.
      minThreads: 0,
      maxThreads: size,
      idleTimeout: this.idleMs,
      ...(this.isolation === 'process'
        ? {
            execArgv: [
              `--max-old-space-size=${this.workerHeapMb}`,
              ...WORKER_V8_FLAGS,
              '--import',
              END_WITH_PARENT,
              '--import',
              LOW_PRIORITY,
            ],
            // tinypool would otherwise start its processes with an empty environment
            env: {
              ...Object.fromEntries(
                Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
              ),
              CCM_POOL_PARENT_PID: String(process.pid),
            },
            serialization: 'advanced' as const,
          }
        : { resourceLimits: { maxOldGenerationSizeMb: this.workerHeapMb } }),
    });
    return this.tinypool;
  }

  /** Stops every worker (running tasks reject); the engine can no longer be used. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.cancel();
    const pool = this.tinypool;
    this.tinypool = null;
    await pool?.destroy();
  }
}

const engines = new Map<string, AnalysisEngine>();
let configured: EngineOptions = {};

/**
 * Sets the size of this process's engine (`--jobs`, `serve --workers`): call it before the first
 * task. Later calls change only engines not yet started.
 */
export function configureEngine(options: Pick<EngineOptions, 'workers' | 'idleMs'>): void {
  configured = { ...configured, ...options };
}

/**
 * This process's engine. One per isolation and heap limit (benchmarks compare threads with
 * processes; tests set small heaps): everything else shares the default one.
 */
export function engine(
  options: { isolation?: EngineOptions['isolation'] | undefined; workerHeapMb?: number | undefined } = {},
): AnalysisEngine {
  const isolation = options.isolation ?? 'process';
  const workerHeapMb = options.workerHeapMb ?? 1024;
  const key = `${isolation}:${workerHeapMb}`;
  let found = engines.get(key);
  if (!found) {
    found = new AnalysisEngine({ ...configured, isolation, workerHeapMb });
    engines.set(key, found);
  }
  return found;
}

/** Ends every engine of this process: a command that is done lets its workers go and exits. */
export async function closeEngines(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map((e) => e.close()));
}
