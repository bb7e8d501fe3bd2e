/**
 * Peak memory of this process and its child processes, for benchmarks whose work runs in
 * worker processes (`maxRSS` covers every thread of a process but no child process).
 *
 * Sampled from /proc every 20 ms: the private memory (RssAnon + RssShmem) of each process
 * plus the largest file-backed part (Node's own code, mapped once and shared by all of them).
 * /proc/<pid>/status is cheap to read, unlike smaps_rollup, whose page-table walks slowed the
 * run being measured. Elsewhere than Linux, or when nothing was sampled, `maxRSS` alone.
 */
import { readFileSync } from 'node:fs';

export function sampleTreeMemory(): { stop(): number } {
  let peakKb = 0;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, treeKb(process.pid));
  }, 20);
  timer.unref();
  return {
    /** Stops sampling; the peak in MB, never below this process's own maxRSS. */
    stop() {
      clearInterval(timer);
      return Math.max(peakKb, process.resourceUsage().maxRSS) / 1024;
    },
  };
}

/** Memory of the process tree rooted at `root`, in kB: private pages summed, file pages (shared code) once. */
export function treeKb(root: number): number {
  let privateKb = 0;
  let fileKb = 0;
  const visit = (pid: number) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      privateKb += field('RssAnon') + field('RssShmem');
      fileKb = Math.max(fileKb, field('RssFile'));
      for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ')) {
        if (child.trim()) visit(Number(child));
      }
    } catch {
      // not Linux, or the process ended between two reads
    }
  };
  visit(root);
  return privateKb + fileKb;
}

/** Every descendant of `pid` now (Linux /proc; none elsewhere): worker processes, theirs too. */
export function descendants(pid: number): number[] {
  const children = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const out: number[] = [];
  for (let queue = children(pid); queue.length > 0; ) {
    const next = queue.shift() as number;
    out.push(next);
    queue.push(...children(next));
  }
  return out;
}

/** Samples how many processes run under `pid` every 50 ms; `stop()` gives the most seen at once. */
export function sampleDescendants(pid: number): { stop(): number } {
  let most = 0;
  const timer = setInterval(() => {
    most = Math.max(most, descendants(pid).length);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return most;
    },
  };
}
