import type { OcrMode, ParseProgress } from '@ccm/parser';
import { Option } from 'commander';

/** `--ocr auto|off|force`, shared by the commands that parse. */
export function ocrOption(): Option {
  return new Option(
    '--ocr <mode>',
    'OCR of PDF pages: auto (pages without a usable text layer), off, force (every page)',
  )
    .choices(['auto', 'off', 'force'])
    .default('auto');
}

export type { OcrMode };

/**
 * Reports OCR progress of one document on stderr (never stdout, which carries the output): one
 * line rewritten in place on a terminal, one line per page otherwise.
 */
export function ocrProgress(stream: NodeJS.WriteStream = process.stderr): (event: ParseProgress) => void {
  return (event) => {
    const of = event.total === event.pages ? '' : ` (${event.done} of ${event.total} to read)`;
    const line = `OCR page ${event.page}/${event.pages}${of}`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${event.done === event.total ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}
