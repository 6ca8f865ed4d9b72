import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { PlanLoadError } from "../load/errors.js";

/**
 * Reads a JSON or YAML file (by its extension) into a value. Unreadable or unparsable files throw a
 * PlanLoadError naming the file; checking the value's shape is the caller's.
 */
export async function readDataFile(file: string): Promise<unknown> {
  const text = await readTextFile(file);
  const isYaml = /\.ya?ml$/iu.test(file);
  try {
    return isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const format = isYaml ? "YAML" : "JSON";
    throw new PlanLoadError(file, [{ path: "", message: `not valid ${format}: ${(error as Error).message}` }]);
  }
}

/** Reads a UTF-8 text file; a file that cannot be read throws a PlanLoadError naming it. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `cannot read the file: ${(error as Error).message}` }]);
  }
}
