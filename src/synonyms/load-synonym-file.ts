import { readDataFile } from "../load/read-data-file.js";
import { formatPath, PlanLoadError } from "../load/errors.js";
import { SynonymTableFileSchema, type SynonymGroup } from "./synonyms.js";
import { checkArguments } from "../model/input-error.js";
import { FilePathSchema } from "../model/options.js";

/**
 * Reads synonym groups from a JSON or YAML file shaped like data/synonyms/default.json
 * (`{ groups: [{ canonical, variants }] }`). Node only.
 *
 * @throws PlanLoadError naming the file and the path of each problem, e.g. `groups[2].variants`
 * @example
 * const groups = await loadSynonymFile(path.join(getBundledDataDir(), "synonyms", "default.json"));
 * groups[0]?.canonical; // "单位地区生产总值"
 * const yours = await loadSynonymFile("docs/examples/synonyms.yaml"); // a table of your own (this one is in a clone)
 * const table = createSynonymTable([...defaultSynonymGroups, ...yours]); // yours win
 */
export async function loadSynonymFile(file: string): Promise<SynonymGroup[]> {
  checkArguments("loadSynonymFile", { file: [FilePathSchema, file] });
  return parseSynonymGroups(await readDataFile(file), file);
}

/**
 * Checks a synonym file's content, already read (from a file or standard input), against its schema.
 *
 * @throws PlanLoadError naming `file` and the path of each problem
 */
export function parseSynonymGroups(value: unknown, file: string): SynonymGroup[] {
  const result = SynonymTableFileSchema.safeParse(value);
  if (!result.success) {
    throw new PlanLoadError(file, result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  return result.data.groups;
}
