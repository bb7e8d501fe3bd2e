import { limitExceeded, type ParseError } from '../errors.ts';
import type { ParseLimits } from '../types.ts';

/**
 * Bytes pdfjs decodes for one document, charged where it allocates them: our patch of
 * pdfjs-dist (patches/) calls `globalThis.__pdfjsDecodeBudget.take` before each decoded-stream
 * buffer grows and for each chunk of a natively inflated image, so a Flate bomb (nested or not)
 * is stopped before its bytes exist, whatever the PDF's structure or encryption. pdfjs swallows
 * errors inside a page (stopAtErrors: false), so the first refusal is kept in `exceeded` and
 * every later charge is refused too; readPdf checks it after each page.
 */
export class DecodeBudget {
  decoded = 0;
  exceeded: ParseError | undefined;
  private readonly limits: Pick<ParseLimits, 'maxStreamBytes' | 'maxDecodedBytes'>;
  constructor(limits: Pick<ParseLimits, 'maxStreamBytes' | 'maxDecodedBytes'>) {
    this.limits = limits;
  }

  take(streamBytes: number, grown: number): void {
    if (this.exceeded) throw this.exceeded;
    this.decoded += grown;
    if (streamBytes > this.limits.maxStreamBytes) {
      this.exceeded = limitExceeded(
        'maxStreamBytes',
        `a stream decodes to more than ${this.limits.maxStreamBytes} bytes`,
        this.limits.maxStreamBytes,
      );
    } else if (this.decoded > this.limits.maxDecodedBytes) {
      this.exceeded = limitExceeded(
        'maxDecodedBytes',
        `its streams decode to more than ${this.limits.maxDecodedBytes} bytes`,
        this.limits.maxDecodedBytes,
      );
    }
    if (this.exceeded) throw this.exceeded;
  }
}

type Hook = { take(streamBytes: number, grown: number): void };
const active = new Set<DecodeBudget>();
/**
 * pdfjs runs its "worker" on this thread in Node, one hook for every document: while several
 * documents are open at once (concurrent `parse` calls), each charge goes to all of them, which
 * can only refuse early, never late.
 */
const hook: Hook = {
  take(streamBytes, grown) {
    for (const budget of active) budget.take(streamBytes, grown);
  },
};

/** Runs `operation` with `budget` charged for every byte pdfjs decodes meanwhile. */
export async function withDecodeBudget<T>(budget: DecodeBudget, operation: () => Promise<T>): Promise<T> {
  (globalThis as { __pdfjsDecodeBudget?: Hook }).__pdfjsDecodeBudget = hook;
  active.add(budget);
  try {
    return await operation();
  } finally {
    active.delete(budget);
  }
}

/** Cooperative wall-clock limit for a parse on the calling thread (a pool worker is also killed from outside). */
export class Deadline {
  private readonly end: number;
  private readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.end = performance.now() + timeoutMs;
  }
  check(): void {
    if (performance.now() > this.end) {
      throw limitExceeded('timeoutMs', `it took longer than ${this.timeoutMs} ms`, this.timeoutMs);
    }
  }
}
