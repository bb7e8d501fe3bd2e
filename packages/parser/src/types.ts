/** Version of the JSON document format. Bump the major on any breaking change. */
export const DOCUMENT_FORMAT = 'ccm.document/1.0' as const;

export type SourceFormat = 'pdf' | 'docx' | 'html' | 'text' | 'tota-xml';

/** Structural unit of an agreement, as treaties print them. */
export type ProvisionKind =
  | 'preamble'
  | 'part'
  | 'title'
  | 'chapter'
  | 'section'
  | 'subsection'
  | 'article'
  | 'paragraph'
  | 'annex'
  | 'appendix'
  | 'protocol'
  | 'side-letter'
  | 'signatures';

/**
 * One citable unit ("Article 12.4, page 312").
 *
 * Offsets are UTF-16 code-unit indexes into {@link AgreementDocument.text} (JavaScript string
 * indexes), end-exclusive. Pages are 1-based physical page indexes of the source (not the
 * printed page label); sources without pages (text, HTML, ToTA XML) put everything on page 1.
 */
export interface Provision {
  /** Stable within one document: the path of kinds and numbers, e.g. `chapter-12/article-12.1/paragraph-4`. */
  id: string;
  kind: ProvisionKind;
  /** Number as printed ("12.1", "XII", "3bis", "premier"); null when the unit has none (a preamble). */
  number: string | null;
  /** Heading as printed, without the keyword and number ("Definitions"); null when none. */
  heading: string | null;
  /** The provision's own text: from after its heading to its first child (or its end). */
  text: string;
  parentId: string | null;
  /** Page holding the provision's first character. */
  pageStart: number;
  /** Page holding the provision's last character. */
  pageEnd: number;
  /** Offset of the provision's first character (its heading, when it has one). */
  start: number;
  /** Offset after the provision's last character, descendants included. */
  end: number;
  /** Offset where {@link Provision.text} starts: `text === document.text.slice(textStart, textStart + text.length)`. */
  textStart: number;
  /** Identifier of the unit in its source, when the source has one (ToTA's `article_identifier`). */
  sourceId?: string;
  /** Ids of the footnotes this provision calls. */
  footnoteIds: string[];
}

/** A footnote, kept out of the body text and attached to the provision that calls it. */
export interface Footnote {
  id: string;
  /** The marker as printed ("1", "*"). */
  marker: string;
  text: string;
  /** 1-based page where the footnote is printed. */
  page: number;
  /** The provision whose text calls it; null when no call was found. */
  provisionId: string | null;
}

/** Where each physical page sits in {@link AgreementDocument.text}. */
export interface PageSpan {
  /** 1-based physical page index. */
  page: number;
  start: number;
  end: number;
}

export interface SourceInfo {
  format: SourceFormat;
  /** Lower-case hex SHA-256 of the input bytes. */
  sha256: string;
  byteLength: number;
  fileName?: string;
}

/** A parsed agreement: normalised text plus a tree of provisions (flat, in document order). */
export interface AgreementDocument {
  format: typeof DOCUMENT_FORMAT;
  title: string;
  /** ISO 639-1 code detected from the text ("en", "fr", "es"…), or "und". */
  language: string;
  /** Physical pages; 1 for sources without pages. */
  pageCount: number;
  source: SourceInfo;
  /** Source metadata (ToTA's `meta`, PDF info dictionary, DOCX core properties, HTML `<meta>` tags). */
  metadata: Record<string, unknown>;
  /** Normalised body text: headings and blocks one per line, footnotes, running headers and page numbers removed. */
  text: string;
  pages: PageSpan[];
  provisions: Provision[];
  footnotes: Footnote[];
  /** Non-fatal observations ("3 pages had no text layer"). */
  warnings: string[];
}

/**
 * Budgets of one parse, enforced where the bytes are produced (while inflating, decoding,
 * reading), never after: a hostile input fails with `PARSER_LIMIT_EXCEEDED` naming the budget
 * (or `PARSER_TOO_LARGE`, `PARSER_TOO_MANY_PAGES`, `PARSER_ZIP_BOMB`). The defaults pass every
 * agreement of the shared corpus with a wide margin (measured: no PDF there has a stream
 * over 0.4 MB decoded or decodes over 17 MB in all, RCEP included, nor a page of 20,000 glyphs).
 */
export interface ParseLimits {
  /** Largest input accepted, in bytes. Default 200 MiB. */
  maxBytes: number;
  /** Most pages accepted in a PDF. Default 5000. */
  maxPages: number;
  /** Largest total uncompressed size of a DOCX's parts (declared and inflated), in bytes. Default 200 MiB. */
  maxUncompressedBytes: number;
  /** Largest uncompressed DOCX part (document.xml…), in bytes. Default 100 MiB. */
  maxPartBytes: number;
  /** Most entries in a DOCX's zip archive. Default 5000. */
  maxZipEntries: number;
  /** Largest decoded PDF stream (after all its filters, nested Flate included), in bytes. Default 64 MiB. */
  maxStreamBytes: number;
  /** Most bytes decoded from a PDF's streams over the whole parse. Default 1 GiB. */
  maxDecodedBytes: number;
  /** Largest image a PDF page may paint, in pixels (decoded for OCR or to see if a page draws). Default 100 M. */
  maxImagePixels: number;
  /** Most glyphs (characters of its text layer) on one PDF page. Default 200,000. */
  maxGlyphsPerPage: number;
  /** Deepest element nesting in XML and HTML (ToTA, DOCX parts, pages). Default 256. */
  maxXmlDepth: number;
  /** Most entity declarations in an XML DOCTYPE (the bomb's building block). Default 0: ToTA never declares any. */
  maxXmlEntities: number;
  /** Wall-clock time for one document, in ms: a pool worker past it is killed. Default 30 minutes (OCR reads 2–5 s a page). */
  timeoutMs: number;
}

/**
 * When PDF pages are read by OCR (tesseract, English, French or Spanish): `auto` only the pages
 * with no usable text layer (none, or a garbled one), `force` every page, `off` none (an
 * image-only PDF is then `PARSER_NO_TEXT_LAYER`, a garbled one `PARSER_GARBLED_TEXT`).
 */
export type OcrMode = 'auto' | 'off' | 'force';

/** Progress of a long parse: one event after each page read by OCR. */
export interface ParseProgress {
  stage: 'ocr';
  /** 1-based physical page just recognised. */
  page: number;
  /** Pages in the document. */
  pages: number;
  /** Pages recognised so far, and how many will be. */
  done: number;
  total: number;
}

export interface ParseOptions {
  /** Force the input format instead of sniffing it from the bytes. */
  format?: SourceFormat;
  /** OCR of PDF pages; default `auto`. Other formats ignore it. */
  ocr?: OcrMode;
  /**
   * Called as the parse progresses (OCR pages). Only where the parse runs in this process:
   * `parseMany` on a pool of workers does not forward it.
   */
  onProgress?: (event: ParseProgress) => void;
  /** Name of the source file, kept in {@link SourceInfo.fileName} and used for the title as a last resort. */
  fileName?: string;
  limits?: Partial<ParseLimits>;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxPages: 5000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxPartBytes: 100 * 1024 * 1024,
  maxZipEntries: 5000,
  maxStreamBytes: 64 * 1024 * 1024,
  maxDecodedBytes: 1024 * 1024 * 1024,
  maxImagePixels: 100_000_000,
  maxGlyphsPerPage: 200_000,
  maxXmlDepth: 256,
  maxXmlEntities: 0,
  timeoutMs: 30 * 60 * 1000,
};
