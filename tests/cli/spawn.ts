import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The CLI's entry, run with this Node as a user runs `pnpm ccm`. */
export const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI to its end (asynchronous: a server child keeps running meanwhile). */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Starts `ccm serve --port 0 --quiet` and resolves with the URL it prints once it listens. */
export async function serveCli(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string; exited: Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await Promise.race([new Promise<string>((done) => lines.once('line', done)), exited.then(() => '')]);
  const url = /listening on (http:\/\/\S+)/.exec(first)?.[1];
  if (!url) throw new Error(`ccm serve did not start: ${first} ${stderr}`);
  return { child, url, exited };
}
