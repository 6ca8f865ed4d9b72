import { parse as parseCsv } from "csv-parse/sync";
import { stat } from "node:fs/promises";
import path from "node:path";
import { checkArguments, type PlanIssue } from "../model/input-error.js";
import { FilePathSchema } from "../model/options.js";
import { LevelSchema, PlanIdSchema, type Level } from "../model/plan.js";
import { PlanLoadError } from "./errors.js";
import type { DocumentMeta } from "./files.js";
import { parseDataText } from "./parse-data.js";
import { readTextFile } from "./read-data-file.js";

// A manifest lists the files of a batch with what is known of each document: a spreadsheet (CSV, as Excel
// and WPS save it) or a YAML list. Its problems are refused all at once, each naming its row and column:
// a manifest defines the batch, so one that is wrong leaves nothing sound to audit.

/** One file of a manifest, and what it says of its document. */
export interface ManifestEntry {
  /** The file, a relative one joined to the manifest's folder (so relative still where the manifest's path is). */
  file: string;
  /** The plan's id, the title and the jurisdiction given for the document; empty cells give nothing. */
  meta: DocumentMeta;
}

const columns = ["file", "jurisdiction", "parent", "title", "level", "id"] as const;
type Column = (typeof columns)[number];

/** A row as read, before it is checked: cells by column, and how to name a cell in messages. */
interface RawRow {
  cells: Map<string, unknown>;
  at: (column: string) => string;
}

/**
 * Reads a manifest of a batch: a CSV file (a header row; UTF-8 with or without a BOM) or a YAML list, with
 * the columns or keys `file` (required), `jurisdiction`, `parent`, `title`, `level` (national, province,
 * city, county) and `id`. Relative files are resolved against the manifest's folder.
 *
 * @throws PlanLoadError naming the manifest and, for each problem, its row and column (`line 3, column
 * level` in CSV, `[2].level` in YAML): a file that does not exist or is listed twice, an unknown column, a
 * level that is not one, a cell that is not text
 * @example
 * // docs/examples/manifest.csv, in a clone: file,jurisdiction,parent,title ↵ county-level-city.txt,原平市,,
 * const [entry] = await loadManifest("docs/examples/manifest.csv");
 * path.basename(entry?.file ?? ""); // "county-level-city.txt"
 * entry?.meta; // { jurisdiction: { name: "原平市" } }
 */
export async function loadManifest(file: string): Promise<ManifestEntry[]> {
  checkArguments("loadManifest", { file: [FilePathSchema, file] });
  const text = await readTextFile(file);
  const issues: PlanIssue[] = [];
  const rows = /\.csv$/iu.test(file) ? readCsvRows(text, file) : /\.ya?ml$/iu.test(file) ? readYamlRows(text, file, issues) : undefined;
  if (rows === undefined) throw new PlanLoadError(file, [{ path: "", message: "a manifest is a CSV (.csv) or YAML (.yaml, .yml) file" }]);
  const listedAt = new Map<string, string>();
  const entries: ManifestEntry[] = [];
  for (const row of rows) {
    const entry = await readRow(row, path.dirname(file), listedAt, issues);
    if (entry !== undefined) entries.push(entry);
  }
  if (issues.length > 0) throw new PlanLoadError(file, issues);
  return entries;
}

function readCsvRows(text: string, file: string): RawRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it ends; csv-parse's types do not follow that option.
    records = parseCsv(text, { bom: true, trim: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `not valid CSV: ${(error as Error).message}` }]);
  }
  const [header, ...body] = records;
  if (header === undefined) throw new PlanLoadError(file, [{ path: "", message: `empty: a manifest has a header row (${columns.join(", ")}) and a row per file` }]);
  const names = header.record.map((name) => name.toLowerCase());
  const unknown = names.map((name, index) => ({ name, index })).filter(({ name }) => !isColumn(name));
  const missingFile = names.includes("file") ? [] : [{ path: "line 1", message: `no column "file": the header row names the columns, ${columns.join(", ")}` }];
  const issues = [...missingFile, ...unknown.map(({ name, index }) => ({ path: `line 1, column ${index + 1}`, message: `unknown column "${name}": the columns are ${columns.join(", ")}` }))];
  if (issues.length > 0) throw new PlanLoadError(file, issues);
  return body
    // A row of empty cells is how spreadsheets save a blank row.
    .filter(({ record }) => record.some((cell) => cell !== ""))
    .map(({ record, info }) => ({
      cells: new Map(names.map((name, index) => [name, record[index] ?? ""])),
      at: (column) => `line ${info.lines}, column ${column}`,
    }));
}

/** The entries of a YAML manifest; an entry that is not one, or a key unknown, is added to `issues`. */
function readYamlRows(text: string, file: string, issues: PlanIssue[]): RawRow[] {
  const value = parseDataText(text, "yaml", file);
  if (!Array.isArray(value)) throw new PlanLoadError(file, [{ path: "", message: `a manifest is a list, one entry per file with the keys ${columns.join(", ")}` }]);
  return value.flatMap((entry: unknown, index): RawRow[] => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      issues.push({ path: `[${index}]`, message: "expected an entry with the keys file, jurisdiction, parent, title, level, id" });
      return [];
    }
    for (const key of Object.keys(entry).filter((key) => !isColumn(key))) issues.push({ path: `[${index}].${key}`, message: `unknown key: the keys are ${columns.join(", ")}` });
    return [{ cells: new Map(Object.entries(entry)), at: (column) => `[${index}].${column}` }];
  });
}

const isColumn = (name: string): name is Column => (columns as readonly string[]).includes(name);

/** A row's entry, or undefined with its problems added to `issues`; `listedAt` holds where each file was listed first. */
async function readRow(row: RawRow, folder: string, listedAt: Map<string, string>, issues: PlanIssue[]): Promise<ManifestEntry | undefined> {
  const count = issues.length;
  const text = (column: Column): string | undefined => {
    const value = row.cells.get(column);
    if (value === undefined || value === null || value === "") return undefined;
    // YAML reads 2021 or true as such; a manifest's cells are names.
    if (typeof value !== "string") issues.push({ path: row.at(column), message: `expected text, got ${JSON.stringify(value)}` });
    return typeof value === "string" ? value.trim() || undefined : undefined;
  };
  const [name, id, title, jurisdiction, parent, levelText] = [text("file"), text("id"), text("title"), text("jurisdiction"), text("parent"), text("level")];
  // Named as the manifest names it, from its folder: relative where the manifest's path is.
  const file = name === undefined ? undefined : path.isAbsolute(name) ? name : path.join(folder, name);
  if (file === undefined) issues.push({ path: row.at("file"), message: "no file: each row names the file it describes" });
  else {
    const first = listedAt.get(path.resolve(file));
    if (first !== undefined) issues.push({ path: row.at("file"), message: `${file} is listed already, at ${first}` });
    else listedAt.set(path.resolve(file), row.at("file"));
    const entry = await stat(file).catch(() => undefined);
    if (entry === undefined) issues.push({ path: row.at("file"), message: `no such file: ${file}` });
    else if (!entry.isFile()) issues.push({ path: row.at("file"), message: `${file} is not a file (a manifest names files, not folders)` });
  }
  const idProblem = id === undefined ? undefined : PlanIdSchema.safeParse(id).error?.issues[0]?.message;
  if (idProblem !== undefined) issues.push({ path: row.at("id"), message: `"${id}" is not a plan id: ${idProblem}` });
  const level = levelText === undefined ? undefined : LevelSchema.safeParse(levelText);
  if (level?.success === false) issues.push({ path: row.at("level"), message: `"${levelText}" is not a level: ${LevelSchema.options.join(", ")}` });
  if (issues.length > count || file === undefined) return undefined;
  const levelGiven: Level | undefined = level?.success === true ? level.data : undefined;
  const given = { ...(jurisdiction === undefined ? {} : { name: jurisdiction }), ...(levelGiven === undefined ? {} : { level: levelGiven }), ...(parent === undefined ? {} : { parent }) };
  return {
    file,
    meta: { ...(id === undefined ? {} : { id }), ...(title === undefined ? {} : { title }), ...(Object.keys(given).length === 0 ? {} : { jurisdiction: given }) },
  };
}
