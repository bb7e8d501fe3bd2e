/**
 * Runs a command as a child process and measures it as the issue asks: wall time and the peak
 * memory of its whole process tree (the command and any worker processes it starts), sampled
 * from /proc every 20 ms as the private memory (RssAnon + RssShmem) of each process plus the
 * largest file-backed part (Node's code, shared). Linux only; elsewhere the peak is 0.
 */
import { spawn } from 'node:child_process';
import { treeKb } from '../../bench/tree-memory.ts';

export interface Measured {
  /** Exit code, or null when the run was killed (signal, or over `timeoutMs`). */
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakMb: number;
  timedOut: boolean;
}

/** Runs `args` with this Node, killed (the whole tree) past `timeoutMs`. */
export function runMeasured(
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<Measured> {
  const started = performance.now();
  // detached: its own process group, so that a timeout can end the workers too.
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: options.env ?? process.env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    // Keep only the start: a hostile input must not fill the test's memory through its output.
    if (stdout.length < 1 << 20) stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 1 << 20) stderr += d;
  });
  let peakKb = 0;
  const sampler = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, treeKb(child.pid));
  }, 20);
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: performance.now() - started, peakMb: peakKb / 1024, timedOut });
    });
  });
}
