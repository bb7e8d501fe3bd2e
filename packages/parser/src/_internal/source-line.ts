import type { HeadingKind } from './headings.ts';

/**
 * The format-neutral line every reader produces and the structure stage consumes.
 * PDF fills in the geometry; text and DOCX readers give one line per paragraph.
 */
export interface SourceLine {
  text: string;
  /** 1-based physical page. */
  page: number;
  /**
   * Vertical gap above the line, in body line-heights (1 = ordinary line spacing).
   * Infinity at the top of a page or column. Undefined where the source has no geometry.
   */
  gapBefore?: number;
  /** Font size relative to the document's body size. */
  size?: number;
  /** Width relative to the widest body lines of its column (0..1+). */
  width?: number;
  centered?: boolean;
  /** Set in another face than the body text (bold, italic): a heading signal. */
  styled?: boolean;
  /** Identifier of the line's face, to tell whether two lines share it. */
  font?: string;
  /** A table row: cells separated by tabs, never joined with its neighbours. */
  table?: boolean;
  /** Footnote markers called from this line. */
  refs?: string[];
  /** The source says a new block starts here (a DOCX or text paragraph). */
  blockStart?: boolean;
}

export interface SourceFootnote {
  marker: string;
  text: string;
  page: number;
}

/** What a reader hands to the structure stage. */
export interface SourceLayout {
  lines: SourceLine[];
  footnotes: SourceFootnote[];
  pageCount: number;
  /** Title from the source's own metadata, when trustworthy. */
  metadataTitle?: string;
  metadata: Record<string, unknown>;
  warnings: string[];
}

/** A heading the source states outright (ToTA XML), bypassing recognition. */
export interface DeclaredHeading {
  kind: HeadingKind;
  number: string | null;
  heading: string | null;
  sourceId?: string;
}

/** A line as the structure stage and its collaborators see it: a reader's line, optionally with a declared role. */
export interface StructureLine extends SourceLine {
  declared?: DeclaredHeading;
  /** Never a heading: body text whose structure the source already gave. */
  body?: boolean;
  /** Source id inherited by provisions opened inside (ToTA article ids for paragraphs). */
  sourceId?: string;
}
