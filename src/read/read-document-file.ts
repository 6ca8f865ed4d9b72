import { open } from "node:fs/promises";
import { checkArguments } from "../model/input-error.js";
import { FilePathSchema } from "../model/options.js";
import { PlanLoadError } from "../model/plan-load-error.js";
import { ReadOptionsSchema } from "../model/read-options.js";
import { readWordDoc } from "./doc.js";
import { readPdf } from "./pdf.js";
import { resolveReadLimits } from "./limits.js";
import { readDocumentWith, type ReadOptions } from "./read-document.js";
import type { DocumentRead, ReadLimits } from "./types.js";

// Node only: word-extractor, which reads .doc files, pdf.js with its CMaps found on disk, and the file system.

const nodeReaders = { wordDoc: readWordDoc, pdf: readPdf };

/**
 * Reads a document's bytes into its text, as `plan-align/read`'s `readDocument` does, and PDF and Word
 * 97-2003 (.doc) files too (with pdf.js; with word-extractor, whose text keeps no automatic numbering).
 *
 * @throws PlanLoadError naming `options.file` and the place inside it, as `plan-align/read`'s does
 * @example
 * const read = await readDocument(readFileSync("tests/fixtures/formats/daixian.gbk.txt"), { file: "daixian.gbk.txt" }); // in a clone
 * read.encoding; // "gb18030"
 * read.encodingSource; // "detected"
 */
export async function readDocument(bytes: Uint8Array, options: ReadOptions = {}): Promise<DocumentRead> {
  return readDocumentWith(bytes, options, nodeReaders);
}

/**
 * Reads a document file into its text, as `readDocument` does: its size is checked before it is read, so a
 * file past `limits.maxBytes` is refused without being loaded.
 *
 * @throws PlanLoadError naming the file: it cannot be read, is too large, or `readDocument` refuses it
 * @example
 * const read = await readDocumentFile("tests/fixtures/formats/nanyang.docx"); // in a clone
 * read.format; // "docx"
 */
export async function readDocumentFile(file: string, limits: Partial<ReadLimits> = {}): Promise<DocumentRead> {
  checkArguments("readDocumentFile", { file: [FilePathSchema, file], limits: [ReadOptionsSchema.shape.limits, limits] });
  const maxBytes = resolveReadLimits(limits).maxBytes;
  let bytes: Uint8Array;
  try {
    // One handle for the size and the bytes, so the file checked is the file read.
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new PlanLoadError(file, [{ path: "", message: `${size} bytes, more than limits.maxBytes (${maxBytes}): too large for a plan` }]);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof PlanLoadError) throw error;
    throw new PlanLoadError(file, [{ path: "", message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return readDocumentWith(bytes, { file, limits }, nodeReaders);
}
