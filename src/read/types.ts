// The read stage: a file's bytes → the document's text, whatever the format it came in. Extraction (src/extract/)
// sees only what this stage gives it: text with one paragraph per line and table cells one per line, row by
// row, or an HTML page's markup (whose tags extraction strips itself).

/** The formats read, recognised by content rather than by the file's extension. */
export type DocumentFormat = "text" | "html" | "pdf" | "docx" | "doc";

/** What a document was read as, and its text. */
export interface DocumentRead {
  /**
   * The document's text. Plain text for text, PDF and Word files (one paragraph per line, table cells one per
   * line in row order, a blank line after each table); the page's markup for HTML.
   */
  text: string;
  format: DocumentFormat;
  /** The character encoding text and HTML were decoded from (e.g. "utf-8", "gb18030", "big5"); null for PDF and Word. */
  encoding: string | null;
  /** How the encoding was known: declared (a byte-order mark or a charset in the page) or detected. Null for PDF and Word. */
  encodingSource: "bom" | "declared" | "detected" | null;
  /** Pages of a PDF; absent for other formats. */
  pages?: number;
  /** What the reader did that a careful user should know (running heads dropped, an encoding guessed, …). */
  notes: string[];
}

/** Bounds that keep hostile or broken files from taking unbounded time or memory. docs/reliability.md states them. */
export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Most pages of a PDF read. */
  maxPages: number;
  /** Most bytes a Word file may unpack to, all its parts together (a zip bomb is refused past this). */
  maxUnpackedBytes: number;
  /** Most characters of text a document may yield. */
  maxTextLength: number;
}
