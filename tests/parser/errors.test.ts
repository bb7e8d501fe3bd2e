import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ParseError, type ParseErrorCode, parse } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { makePdf, makeZipBomb, makeZipWithoutDocument } from './make-inputs.ts';

async function expectCode(promise: Promise<unknown>, code: ParseErrorCode): Promise<ParseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  const e = error as ParseError;
  expect(e.code).toBe(code);
  expect(e.message).not.toContain('\n');
  return e;
}

describe('bad input gets a typed ParseError', () => {
  it('empty file', async () => {
    await expectCode(parse(new Uint8Array()), 'PARSER_EMPTY_INPUT');
  });

  it('a non-PDF named .pdf', async () => {
    await expectCode(
      parse(new TextEncoder().encode('<html>hello</html>'), { fileName: 'draft.pdf' }),
      'PARSER_NOT_A_PDF',
    );
  });

  it('a truncated PDF', async () => {
    const pdf = await makePdf();
    await expectCode(parse(pdf.subarray(0, 400)), 'PARSER_CORRUPT_PDF');
  });

  it('a corrupt PDF (garbage after the header)', async () => {
    const garbage = new Uint8Array(4000).map((_, i) => (i * 7919) % 251);
    garbage.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
    await expectCode(parse(garbage), 'PARSER_CORRUPT_PDF');
  });

  it('a password-protected PDF', async () => {
    const pdf = await makePdf({ userPassword: 'secret' });
    await expectCode(parse(pdf), 'PARSER_ENCRYPTED_PDF');
  });

  it('an image-only PDF says OCR is needed', async () => {
    const pdf = await makePdf({ textless: true, pages: 3 });
    const e = await expectCode(parse(pdf), 'PARSER_NO_TEXT_LAYER');
    expect(e.message).toMatch(/OCR/);
  });

  it('limits on bytes and pages', async () => {
    const pdf = await makePdf({ pages: 4 });
    await expectCode(parse(pdf, { limits: { maxBytes: 100 } }), 'PARSER_TOO_LARGE');
    await expectCode(parse(pdf, { limits: { maxPages: 3 } }), 'PARSER_TOO_MANY_PAGES');
    expect((await parse(pdf, { limits: { maxPages: 4 } })).pageCount).toBe(4);
  });

  it('a DOCX zip bomb is refused by what it inflates to', async () => {
    const bomb = makeZipBomb(8 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    await expectCode(parse(bomb, { limits: { maxUncompressedBytes: 1024 * 1024 } }), 'PARSER_ZIP_BOMB');
  });

  it('a zip that is not a DOCX, and a broken zip', async () => {
    await expectCode(parse(makeZipWithoutDocument()), 'PARSER_NOT_A_DOCX');
    await expectCode(parse(makeZipBomb(1000).subarray(0, 60), { format: 'docx' }), 'PARSER_NOT_A_DOCX');
  });

  it('malformed XML, and XML that is not ToTA', async () => {
    const e = await expectCode(
      parse(new TextEncoder().encode('<treaty><meta><name>X</meta></treaty>')),
      'PARSER_MALFORMED_XML',
    );
    expect(e.message).toMatch(/line \d+/);
    await expectCode(
      parse(new TextEncoder().encode('<?xml version="1.0"?><rss><channel/></rss>'), { fileName: 'feed.xml' }),
      'PARSER_NOT_TOTA',
    );
  });

  it('binary junk that is neither PDF nor DOCX', async () => {
    await expectCode(parse(new Uint8Array([0, 1, 2, 3, 0, 255, 0, 9])), 'PARSER_UNKNOWN_FORMAT');
  });
});

describe('the CLI reports bad input in one line and exits non-zero', () => {
  const cli = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
  it('prints the code, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-'));
    const file = join(dir, 'fake.pdf');
    writeFileSync(file, 'this is not a pdf');
    const run = spawnSync(process.execPath, [cli, 'parse', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('error [PARSER_NOT_A_PDF]: The file is not a PDF (no %PDF- header).');
    expect(run.stdout).toBe('');
  });
  it('a missing file is reported too', () => {
    const run = spawnSync(process.execPath, [cli, 'parse', '/nonexistent/agreement.pdf'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error \[PARSER_UNREADABLE_FILE\]/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
