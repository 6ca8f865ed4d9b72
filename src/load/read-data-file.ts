import { readFile } from "node:fs/promises";
import { recognizeFormat } from "../read/recognize-format.js";
import { decodeUtf8 } from "./decode-text.js";
import { PlanLoadError } from "./errors.js";
import { parseDataText } from "./parse-data.js";

/**
 * Reads a JSON or YAML file (by its extension) into a value. Unreadable or unparsable files throw a
 * PlanLoadError naming the file; checking the value's shape is the caller's.
 */
export async function readDataFile(file: string): Promise<unknown> {
  return parseDataText(await readTextFile(file), /\.ya?ml$/iu.test(file) ? "yaml" : "json", file);
}

/** Reads a UTF-8 text file, without its byte-order mark; a file that cannot be read or is not UTF-8 throws a PlanLoadError naming it. */
export async function readTextFile(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `cannot read the file: ${(error as Error).message}` }]);
  }
  refuseDocument(bytes, file);
  return decodeUtf8(bytes, file);
}

/** A PDF or Word file given where a plan or data file is expected is named as such, not as bad UTF-8. */
function refuseDocument(bytes: Uint8Array, file: string): void {
  const { kind } = recognizeFormat(bytes, file);
  if (kind === "pdf" || kind === "docx" || kind === "doc") {
    throw new PlanLoadError(file, [{ path: "", message: `a ${kind === "pdf" ? "PDF" : "Word"} document, not a JSON or YAML file: give it with its own extension (.${kind}) to extract its plan, or run plan-align extract on it` }]);
  }
}
