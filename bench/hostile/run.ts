/**
 * bench/hostile: what each hostile input of issue 12 costs `ccm parse` (and `ccm corpus fetch`),
 * against RCEP parsed in the same run as the baseline. Usage: pnpm bench:hostile
 *
 * Every figure is one fresh `ccm` child process: wall time and the peak memory of its process
 * tree (tests/hostile/measure.ts samples /proc every 20 ms). Inputs are built by
 * tests/hostile/inputs.ts into a temporary folder, removed at the end. Linux only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as input from '../../tests/hostile/inputs.ts';
import { type Measured, runMeasured } from '../../tests/hostile/measure.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const PDF_DIR = process.env.CCM_PDF_DIR ?? resolve(import.meta.dirname, '../../../shared/corpus/pdf');
const RCEP = resolve(PDF_DIR, 'rcep-agreement-all-chapters.pdf');
if (!existsSync(RCEP)) {
  console.error(`RCEP not found at ${RCEP}; set CCM_PDF_DIR`);
  process.exit(1);
}
if (process.platform !== 'linux') {
  console.error('bench/hostile samples /proc: Linux only');
  process.exit(1);
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-hostile-'));
const at = (name: string, data: Buffer | string) => input.write(join(dir, name), data);

/** [row, build the input, OCR mode] */
const inputs: [string, () => string, ('off' | 'auto')?][] = [
  ['RCEP (baseline, 510 pages)', () => RCEP],
  ['PDF: Flate inside Flate, 4 GiB', () => at('nested.pdf', input.nestedFlatePdf(4 * GiB))],
  ['PDF: one Flate stream, 1 GiB', () => at('flate.pdf', input.flatePdf(GiB))],
  ['PDF: 81 Mpx image, Flate 1 GiB (OCR auto)', () => at('image.pdf', input.imageBombPdf(9000, 9000, GiB)), 'auto'],
  ['PDF: 300,000 glyphs on a page', () => at('glyphs.pdf', input.manyGlyphsPdf(300_000))],
  ['PDF: glyphs mapped to NUL/controls', () => at('nul.pdf', input.unmappedGlyphPdf())],
  ['DOCX: zeroed local headers, 300 MB part', () => at('zeroed.docx', input.zeroedHeadersDocx(300 * MiB))],
  ['DOCX: directory lies, 1 KB → 300 MB', () => at('lying.docx', input.zeroedHeadersDocx(300 * MiB, 1024))],
  ['DOCX: 100,000 zip entries', () => at('entries.docx', input.manyEntriesZip(100_000))],
  ['XML: billion laughs', () => at('laughs.xml', input.entityBombXml())],
  ['XML: 100,000 levels deep', () => at('deep.xml', input.deepXml(100_000))],
  [
    'text: control characters',
    () => at('controls.txt', Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i % 31) + 1))),
  ],
  [
    'FIFO',
    () => {
      const path = join(dir, 'pipe.txt');
      input.makeFifo(path);
      return path;
    },
  ],
  ['/dev/zero', () => '/dev/zero'],
  [
    'sparse file, 10 GiB claimed',
    () => {
      const path = join(dir, 'huge.txt');
      input.sparseFile(path, 10 * GiB);
      return path;
    },
  ],
  [
    'sparse file, 150 MB of holes',
    () => {
      const path = join(dir, 'holes.txt');
      input.sparseFile(path, 150 * MiB);
      return path;
    },
  ],
];

function outcome(run: Measured): string {
  if (run.timedOut) return 'KILLED (over 5 min)';
  const error = /^error \[([A-Z_]+)\]/m.exec(run.stderr);
  const limit = /exceeds the (\w+) limit/.exec(run.stderr)?.[1];
  if (error) return limit ? `${error[1]} (${limit})` : (error[1] ?? '');
  if (run.code === 0) return 'parsed';
  return `exit ${run.code}: ${run.stderr.split('\n')[0]?.slice(0, 60)}`;
}

const rows: { name: string; outcome: string; seconds: number; peakMb: number }[] = [];
try {
  for (const [name, make, ocr = 'off'] of inputs) {
    const path = make();
    const run = await runMeasured([CLI, 'parse', path, '--ocr', ocr, '--out', '/dev/null'], { timeoutMs: 300_000 });
    rows.push({ name, outcome: outcome(run), seconds: run.ms / 1000, peakMb: run.peakMb });
    process.stderr.write(`${name}: done\n`);
  }
  // corpus fetch from an endless server on loopback, with the default budgets.
  const server = createServer((_req, res) => {
    res.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = () => {
      while (res.write(chunk)) {
        /* until the socket is full */
      }
    };
    res.on('drain', pump);
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tota.zip`;
  const fetchRun = await runMeasured([CLI, 'corpus', 'fetch', 'tota', '--source', url, '--out', join(dir, 'tota')], {
    timeoutMs: 300_000,
  });
  server.closeAllConnections();
  server.close();
  const line = fetchRun.stderr.trim().split('\n').pop() ?? '';
  rows.push({
    name: 'fetch: endless HTTP stream',
    outcome: /the limit is/.test(line) ? 'FETCH_TOO_LARGE' : line.slice(0, 60),
    seconds: fetchRun.ms / 1000,
    peakMb: fetchRun.peakMb,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const base = rows[0];
const width = Math.max(...rows.map((r) => r.name.length));
const outcomeWidth = Math.max(...rows.map((r) => r.outcome.length));
console.log(
  `${'input'.padEnd(width)}  ${'outcome'.padEnd(outcomeWidth)}  ${'wall s'.padStart(7)}  ${'peak MB'.padStart(8)}  ${'× RCEP time'.padStart(11)}  ${'× RCEP memory'.padStart(13)}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width)}  ${r.outcome.padEnd(outcomeWidth)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.peakMb.toFixed(0).padStart(8)}  ${(r.seconds / (base?.seconds ?? 1)).toFixed(2).padStart(11)}  ${(r.peakMb / (base?.peakMb ?? 1)).toFixed(2).padStart(13)}`,
  );
}
