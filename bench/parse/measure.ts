/**
 * One measurement, in its own process so that peak RSS belongs to it alone. Prints one JSON
 * line: { wallMs, cpuMs, maxRssMb, pages }. Modes:
 *   raw <pdf> [pdfjs module]   raw pdfjs-dist text extraction of every page (the baseline)
 *   cli <args…>                the `ccm` command itself, e.g. `cli parse rcep.pdf --out /dev/null`
 *   batch <workers> <thread|process> <pdf…>   parseMany over the files on that many workers (OCR off)
 *   ocr <pdf>                  parseFile of a scan, every page read by OCR; pages = pages recognised
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sampleTreeMemory } from '../tree-memory.ts';

const [mode, ...args] = process.argv.slice(2);
const started = performance.now();
let pages = 0;

let memory: { stop(): number } | undefined;

function report(): void {
  const wallMs = performance.now() - started;
  const usage = process.resourceUsage();
  // Runs with worker processes: this process and its workers (see bench/tree-memory.ts).
  const maxRssMb = memory ? memory.stop() : usage.maxRSS / 1024;
  // CPU time of every thread of this process (GC and worker threads included; no child process), in ms.
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`${JSON.stringify({ wallMs, cpuMs, maxRssMb, pages })}\n`);
}

if (mode === 'raw') {
  const [file = '', module = 'pdfjs-dist/legacy/build/pdf.mjs'] = args;
  const { getDocument } = (await import(module)) as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
  });
  const pdf = await task.promise;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    await page.getTextContent();
    page.cleanup();
  }
  pages = pdf.numPages;
  await task.destroy();
  report();
} else if (mode === 'cli') {
  process.on('exit', report);
  process.argv = [process.argv[0] ?? 'node', 'ccm', ...args];
  await import(resolve(import.meta.dirname, '../../apps/cli/src/main.ts'));
} else if (mode === 'batch') {
  const { parseMany } = await import('@ccm/pool');
  const [workers = '1', isolation = 'process', ...files] = args;
  memory = sampleTreeMemory();
  const options = {
    // Text-layer parsing only: OCR of the shared scan would swamp the worker comparison (the ocr row measures it).
    ocr: 'off' as const,
    workers: Number(workers),
    isolation: isolation === 'process' ? ('process' as const) : ('thread' as const),
  };
  for await (const outcome of parseMany(files, options)) {
    if (outcome.ok) pages += outcome.document.pageCount;
  }
  report();
} else if (mode === 'ocr') {
  const { parseFile } = await import('@ccm/parser');
  // tesseract's worker is a thread of this process, but sample the tree in case that changes.
  memory = sampleTreeMemory();
  await parseFile(args[0] ?? '', { ocr: 'force', onProgress: (e) => (pages = e.done) });
  report();
} else {
  console.error('usage: measure.ts raw|cli|batch|ocr …');
  process.exit(1);
}
