import type { SourceLayout, SourceLine } from './source-line.ts';

/** Decodes bytes as UTF-8 (BOM stripped), falling back to Windows-1252 for legacy files. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Plain text: form feeds separate pages (as pdftotext writes them). A hard-wrapped file
 * (paragraphs split over several short lines, blank lines between them) is read as blocks;
 * otherwise every line is a paragraph.
 */
export function readText(text: string): SourceLayout {
  const pages = text.replace(/\r\n?/g, '\n').split('\f');
  const raw: { text: string; page: number; blankBefore: boolean }[] = [];
  pages.forEach((pageText, index) => {
    let blank = true;
    for (const line of pageText.split('\n')) {
      const t = line.replace(/[\t ]+$/g, '').replace(/\u00a0/g, ' ');
      if (t.trim() === '') {
        blank = true;
        continue;
      }
      raw.push({ text: t.trim().replace(/[ ]{2,}/g, ' '), page: index + 1, blankBefore: blank });
      blank = false;
    }
  });
  const continued = raw.filter((l) => !l.blankBefore).length;
  const lengths = raw.map((l) => l.text.length).sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const hardWrapped = continued > raw.length * 0.3 && p90 <= 110;
  const lines: SourceLine[] = raw.map((l) =>
    hardWrapped
      ? { text: l.text, page: l.page, gapBefore: l.blankBefore ? 2 : 1, width: l.text.length / Math.max(1, p90) }
      : { text: l.text, page: l.page, blockStart: true },
  );
  return { lines, footnotes: [], pageCount: pages.length, metadata: {}, warnings: [] };
}
