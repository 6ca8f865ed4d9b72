import { PlanLoadError } from "../model/plan-load-error.js";

// Node only: word-extractor reads the OLE container through Node's Buffer and streams. Loaded when a .doc
// comes, so that commands reading other formats do not load it.

/**
 * Reads a Word 97-2003 (.doc) file's body with word-extractor, tables as the other readers give them: a
 * row arrives as its cells separated by tabs, ending with one; here each cell goes on a line of its own and
 * a blank line follows the table. Automatic numbering is not in a .doc file's text and is not shown.
 *
 * @throws PlanLoadError naming the file when word-extractor cannot read it
 */
export async function readWordDoc(bytes: Uint8Array, file: string): Promise<string> {
  let body: string;
  try {
    const { default: WordExtractor } = await import("word-extractor");
    const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Unfiltered, the text keeps the document's own quotation marks (“十四五”) rather than ASCII ones.
    body = (document.getBody as (options: { filterUnicode: boolean }) => string).call(document, { filterUnicode: false });
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `a Word 97-2003 (.doc) or WPS file that cannot be read (${(error as Error).message}): open it in Word or WPS and save it as .docx` }]);
  }
  return splitTableRows(body);
}

function splitTableRows(body: string): string {
  const out: string[] = [];
  let inTable = false;
  for (const line of body.replace(/\r\n?/gu, "\n").split("\n")) {
    // A row ends with the tab of its last cell mark; a paragraph does not end with a tab it shows.
    const isRow = line.endsWith("\t");
    if (isRow) out.push(...line.slice(0, -1).split("\t"));
    else {
      if (inTable) out.push("");
      out.push(line);
    }
    inTable = isRow;
  }
  if (inTable) out.push("");
  return out.join("\n");
}
