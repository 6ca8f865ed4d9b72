import { looksLikeHtml } from "../extract/document-text.js";
import { checkArguments } from "../model/input-error.js";
import { PlanLoadError } from "../model/plan-load-error.js";
import { DocumentBytesSchema, ReadOptionsSchema } from "../model/read-options.js";
import { decodeText } from "./decode-text.js";
import { readDocx } from "./docx.js";
import { resolveReadLimits } from "./limits.js";
import { readableFormats, recognizeFormat } from "./recognize-format.js";
import type { DocumentRead, ReadLimits } from "./types.js";

/** Options of `readDocument`. */
export interface ReadOptions {
  /** The file's name, for errors and notes; nothing is read from it (the format is read off the bytes). Default `<document>`. */
  file?: string;
  /** Bounds on size, pages, unpacked size and text; each one not given is `defaultReadLimits`'. */
  limits?: Partial<ReadLimits>;
}

/**
 * The readers of the formats that need Node (word-extractor for Word 97-2003; pdf.js with its packaged CMaps
 * found on disk for PDF): given by the Node entry, absent in browsers, where those formats are refused.
 */
export interface NodeReaders {
  wordDoc: (bytes: Uint8Array, file: string) => Promise<string>;
  pdf: (bytes: Uint8Array, limits: ReadLimits, file: string) => Promise<{ text: string; pages: number; notes: string[] }>;
}

/**
 * Reads a document's bytes into its text, the format recognised by content; `.doc` and PDF files are read by
 * the readers given, and refused without them.
 */
export async function readDocumentWith(bytes: Uint8Array, options: ReadOptions, readers: Partial<NodeReaders>): Promise<DocumentRead> {
  checkArguments("readDocument", { bytes: [DocumentBytesSchema, bytes], options: [ReadOptionsSchema, options] });
  const file = options.file ?? "<document>";
  const limits = resolveReadLimits(options.limits);
  if (bytes.length > limits.maxBytes) {
    throw new PlanLoadError(file, [{ path: "", message: `${bytes.length} bytes, more than limits.maxBytes (${limits.maxBytes}): too large for a plan` }]);
  }
  const read = await readRecognized(bytes, file, limits, readers);
  if (read.text.length > limits.maxTextLength) {
    throw new PlanLoadError(file, [{ path: "", message: `${read.text.length} characters of text, more than limits.maxTextLength (${limits.maxTextLength}): too long for a plan` }]);
  }
  return read;
}

async function readRecognized(bytes: Uint8Array, file: string, limits: ReadLimits, readers: Partial<NodeReaders>): Promise<DocumentRead> {
  const recognized = recognizeFormat(bytes, file);
  const binary = { encoding: null, encodingSource: null } as const;
  switch (recognized.kind) {
    case "refused":
      throw new PlanLoadError(file, [{ path: "", message: recognized.message }]);
    case "pdf": {
      if (readers.pdf === undefined) {
        throw new PlanLoadError(file, [{ path: "", message: `a PDF, read only under Node (plan-align/node): read it there, or save it as .docx to read it here. ${readableFormats}` }]);
      }
      const { text, pages, notes } = await readers.pdf(bytes, limits, file);
      return { text, format: "pdf", ...binary, pages, notes };
    }
    case "docx":
      return { text: readDocx(bytes, limits, file), format: "docx", ...binary, notes: [] };
    case "doc":
      if (readers.wordDoc === undefined) {
        throw new PlanLoadError(file, [{ path: "", message: `a Word 97-2003 (.doc) file, read only under Node (plan-align/node): save it as .docx to read it here. ${readableFormats}` }]);
      }
      return { text: await readers.wordDoc(bytes, file), format: "doc", ...binary, notes: ["automatic numbering is not kept in a .doc file's text: save it as .docx to keep the numbers"] };
    case "text": {
      const decoded = decodeText(bytes, file);
      return { ...decoded, format: looksLikeHtml(decoded.text) ? "html" : "text" };
    }
  }
}

/**
 * Reads a document's bytes into its text, whatever its format, recognised by content rather than by name:
 * Word (.docx), HTML or text in UTF-8, UTF-16 (with a byte-order mark), GB18030/GBK/GB2312 or Big5.
 * Paragraphs come one per line and tables one cell per line, row by row; an HTML page stays markup, which
 * `extractPlan` strips. Browser-safe: PDF and Word 97-2003 (.doc) files are read only by `plan-align/node`'s
 * `readDocument` and refused here. OFD, images, archives, spreadsheets and presentations are refused, each
 * with what to do.
 *
 * @throws PlanLoadError naming `options.file` and the place inside it: a format that cannot be read, bytes
 * that are not the encoding, a damaged or hostile file, a bound of `options.limits` passed
 * @example
 * const page = new TextEncoder().encode("<p>代县应急体系规划</p>");
 * const read = await readDocument(page, { file: "page.html" });
 * read.format; // "html"
 * read.encoding; // "utf-8"
 */
export async function readDocument(bytes: Uint8Array, options: ReadOptions = {}): Promise<DocumentRead> {
  return readDocumentWith(bytes, options, {});
}
