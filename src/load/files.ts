import { statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readDataFile, readTextFile } from "./read-data-file.js";
import { readDocumentFile } from "../read/read-document-file.js";
import { toDocumentText } from "../extract/document-text.js";
import { extractPlan, type ExtractMeta } from "../extract/extract-plan.js";
import { checkArguments } from "../model/input-error.js";
import { CorpusOptionsSchema, FilePathSchema, ResolveOptionsSchema } from "../model/options.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import { bundledPlanIds, getBundledPlan, isBundledPlanId } from "./bundled.js";
import { PlanLoadError, type PlanIssue } from "./errors.js";
import { findMissingQuotesUnchecked, parsePlan } from "./parse-plan.js";
import { parseDataText } from "./parse-data.js";

// Node-only: everything here touches the file system. The browser-safe core never imports this file.

let dataDir: string | undefined;

/**
 * Folder of the bundled data, found from this module whether it runs from src/load/ or from dist/.
 *
 * @example
 * path.join(getBundledDataDir(), "plans", "daixian.json"); // "…/data/plans/daixian.json", in a clone or an installed package
 */
export function getBundledDataDir(): string {
  dataDir ??= findDataDir(path.dirname(fileURLToPath(import.meta.url)));
  return dataDir;
}

function findDataDir(start: string): string {
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (statSync(path.join(dir, "data", "plans"), { throwIfNoEntry: false })?.isDirectory()) {
      return path.join(dir, "data");
    }
  }
  throw new Error(`plan-align: bundled data/ folder not found above ${start}`);
}

const planExtensions = new Set([".json", ".yaml", ".yml"]);

/**
 * Reads a plan from a JSON or YAML file (UTF-8, a byte-order mark allowed) and checks it against the schema.
 *
 * @throws PlanLoadError naming the file, and each problem's path inside it: bytes that are not UTF-8 (with
 * their offset), a repeated key, a field that does not match the schema
 * @example
 * const plan = await loadPlanFile(path.join(getBundledDataDir(), "plans", "daixian.json"));
 * plan.jurisdiction.name; // "代县"
 */
export async function loadPlanFile(file: string): Promise<Plan> {
  checkArguments("loadPlanFile", { file: [FilePathSchema, file] });
  return parsePlan(await readDataFile(file), file);
}

/**
 * Reads a corpus of plans in JSON lines (.jsonl): one plan per line, as engines that partition corpora
 * (DuckDB, Spark) write them; blank lines are skipped. All or nothing, like a folder. With `verifyQuotes`,
 * every quote must occur in its plan's source, looked up beside the corpus file.
 *
 * @throws PlanLoadError naming the file and line (`corpus.jsonl:12`) and each problem's path inside the plan
 * @example
 * const plans = await loadPlanCorpus("docs/examples/corpus.jsonl", { verifyQuotes: true }); // in a clone
 * plans.map((plan) => plan.id); // ["shili-county"]
 */
export async function loadPlanCorpus(file: string, options: CorpusOptions = {}): Promise<Plan[]> {
  checkArguments("loadPlanCorpus", { file: [FilePathSchema, file], options: [CorpusOptionsSchema, options] });
  return parsePlanCorpus(await readTextFile(file), file, options);
}

/**
 * Reads a corpus in JSON lines already read (from a file or standard input), as `loadPlanCorpus` does;
 * `file` names it in errors, and relative sources are looked up beside it.
 *
 * @throws PlanLoadError naming `file` and line, as `loadPlanCorpus` does
 */
export async function parsePlanCorpus(text: string, file: string, options: CorpusOptions): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const where = `${file}:${index + 1}`;
    const plan = parsePlan(parseDataText(line, "json", where), where);
    if (options.verifyQuotes === true) {
      // Sources are looked up beside the corpus file, as beside a plan file.
      const missing = findMissingQuotesUnchecked(plan, await readPlanSourceUnchecked(plan, where));
      if (missing.length > 0) throw new PlanLoadError(where, missing);
    }
    plans.push(plan);
  }
  return plans;
}

/**
 * Loads every plan file (.json, .yaml, .yml) in a folder, sorted by file name. All or nothing: if any file
 * fails, the first failure is thrown and no plans are returned.
 *
 * @throws PlanLoadError naming the folder when it cannot be read, or the first file that fails
 *
 * @example
 * const plans = await loadPlanDirectory(path.join(getBundledDataDir(), "plans"));
 * plans.map((plan) => plan.id); // ["daixian", "henan", "jilin", "jinhua", "nanyang", "national", "ningbo", "shanxi", "xinzhou", "zhejiang"]
 */
export async function loadPlanDirectory(dir: string): Promise<Plan[]> {
  checkArguments("loadPlanDirectory", { dir: [FilePathSchema, dir] });
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new PlanLoadError(dir, [{ path: "", message: `cannot read the folder: ${(error as Error).message}` }]);
  }
  const names = entries.filter((name) => planExtensions.has(path.extname(name).toLowerCase())).sort();
  const plans: Plan[] = [];
  for (const name of names) plans.push(await loadPlanFile(path.join(dir, name)));
  return plans;
}

/**
 * Reads the source text a plan quotes from. A relative `source.file` is looked up beside the plan file when
 * one is given, else among the bundled sources.
 *
 * @throws InputError when the plan does not match the plan schema; PlanLoadError when the source is not
 * found or cannot be read (read as `readDocumentFile` reads documents: PDF, Word, HTML, text)
 *
 * @example
 * const text = await readPlanSource(getBundledPlan("daixian")); // data/sources/daixian.txt, as it was scraped
 * text.length; // 8803
 */
export async function readPlanSource(plan: Plan, planFile?: string): Promise<string> {
  checkArguments("readPlanSource", { plan: [PlanSchema, plan], planFile: [FilePathSchema.optional(), planFile] });
  return readPlanSourceUnchecked(plan, planFile);
}

async function readPlanSourceUnchecked(plan: Plan, planFile: string | undefined): Promise<string> {
  const candidates = path.isAbsolute(plan.source.file)
    ? [plan.source.file]
    : [
        ...(planFile === undefined ? [] : [path.resolve(path.dirname(planFile), plan.source.file)]),
        path.join(getBundledDataDir(), "sources", plan.source.file),
      ];
  for (const candidate of candidates) {
    // Read as extraction reads documents: through the read stage (PDF, Word, GBK…), HTML without its tags,
    // line breaks as LF.
    if (await isFile(candidate)) return toDocumentText((await readDocumentFile(candidate)).text);
  }
  throw new PlanLoadError(planFile ?? plan.id, [
    { path: "source.file", message: `source text not found; looked in ${candidates.join(", ")}` },
  ]);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** A plan found by name: the plan and the file it came from (`data/plans/<id>.json` when bundled). */
export interface ResolvedPlan {
  plan: Plan;
  file: string;
  /**
   * What extraction could not find in a document and had to assume, each naming the option that sets it
   * (`Extraction.warnings`); empty for a plan.
   */
  warnings: PlanIssue[];
}

/** Options of `resolvePlan`. */
export interface ResolveOptions {
  /**
   * Check that every quote of the plan occurs in its source text, as `validatePlan` does, and refuse the
   * plan when one does not. Default false.
   */
  verifyQuotes?: boolean;
  /**
   * What is known of a document where extraction cannot read it (its id, title, jurisdiction), passed to
   * `extractPlan` as its `meta`. Documents only: a plan file or a bundled id given with it is refused, as a
   * plan states these itself. Default: everything read from the document.
   */
  meta?: DocumentMeta;
}

/** Options of `loadPlanCorpus`: a corpus holds plans, not documents, so there is nothing to tell extraction. */
export type CorpusOptions = Pick<ResolveOptions, "verifyQuotes">;

/** What the caller knows of a document: its plan's id, the title and the jurisdiction, as `extractPlan` takes them. */
export type DocumentMeta = Pick<ExtractMeta, "id" | "title" | "jurisdiction">;

/**
 * Loads a plan named on a command line: a bundled plan id, a JSON or YAML plan file, or a document (PDF,
 * Word, HTML or text in any encoding `readDocument` reads, told by content), from which the plan is extracted.
 *
 * @throws PlanLoadError when the name is neither, the file is not a valid plan, or (with `verifyQuotes`) a
 * quote is not in the plan's source, naming each such quote's path
 * @example
 * (await resolvePlan("daixian", { verifyQuotes: true })).file; // "data/plans/daixian.json"
 * (await resolvePlan("docs/examples/daixian-cut-off.txt")).plan.content; // "partial": a document, extracted
 */
export async function resolvePlan(idOrFile: string, options: ResolveOptions = {}): Promise<ResolvedPlan> {
  checkArguments("resolvePlan", { idOrFile: [FilePathSchema, idOrFile], options: [ResolveOptionsSchema, options] });
  const meta = options.meta ?? {};
  if (options.verifyQuotes !== true) return resolvePlanUnchecked(idOrFile, meta);
  const { plan, file, sourceText, warnings } = await openPlanUnchecked(idOrFile, meta);
  const missing = findMissingQuotesUnchecked(plan, sourceText);
  if (missing.length > 0) throw new PlanLoadError(file, missing);
  return { plan, file, warnings };
}

async function resolvePlanUnchecked(idOrFile: string, meta: DocumentMeta): Promise<ResolvedPlan> {
  const isBundled = isBundledPlanId(idOrFile);
  if (!isBundled && !(await isFile(idOrFile))) {
    throw new PlanLoadError(idOrFile, [
      { path: "", message: `neither a bundled plan id (${bundledPlanIds.join(", ")}) nor a file` },
    ]);
  }
  const isPlan = isBundled || isPlanFileName(idOrFile);
  if (isPlan) refuseDocumentMeta(idOrFile, meta);
  if (isBundled) return { plan: getBundledPlan(idOrFile), file: `data/plans/${idOrFile}.json`, warnings: [] };
  if (!isPlan) {
    // Anything else is a document (PDF, Word, HTML or text, told by content): read the plan out of it.
    const { plan, warnings } = extractPlan((await readDocumentFile(idOrFile)).text, { id: idFromFileName(idOrFile), sourceFile: path.basename(idOrFile), ...meta });
    return { plan, file: idOrFile, warnings };
  }
  return { plan: await loadPlanFile(idOrFile), file: idOrFile, warnings: [] };
}

/**
 * Refuses what is given for a document (an id, title or jurisdiction) when `input` is a plan, which states
 * its own: the caller meant a document, or should change the plan.
 */
export function refuseDocumentMeta(input: string, meta: DocumentMeta): void {
  const given = Object.keys(meta);
  if (given.length > 0) {
    throw new PlanLoadError(input, [{ path: "", message: `a plan, not a document: it states its own ${given.join(", ")}; what is given for a document applies only to documents, which are extracted` }]);
  }
}

/** Whether a file name is a plan file's (JSON or YAML), by its extension; other files are documents to extract a plan from. */
export function isPlanFileName(file: string): boolean {
  return planExtensions.has(path.extname(file).toLowerCase());
}

/** A plan id from a file name: its ASCII letters and digits, else "document". */
export function idFromFileName(file: string): string {
  const slug = path.basename(file, path.extname(file)).toLowerCase().replace(/[^a-z0-9]+/gu, "-").replace(/^-+|-+$/gu, "");
  return slug === "" ? "document" : slug;
}

/** A plan opened for checking: the plan, where it came from, and the source text it quotes. */
export interface OpenedPlan extends ResolvedPlan {
  sourceText: string;
}

/**
 * Like `resolvePlan`, and also reads the source text the plan quotes.
 *
 * @throws PlanLoadError as `resolvePlan` does, or when the source text is not found or cannot be read
 * @example
 * const { plan, sourceText } = await openPlan("daixian");
 * findMissingQuotes(plan, sourceText); // []
 */
export async function openPlan(idOrFile: string): Promise<OpenedPlan> {
  checkArguments("openPlan", { idOrFile: [FilePathSchema, idOrFile] });
  return openPlanUnchecked(idOrFile, {});
}

async function openPlanUnchecked(idOrFile: string, meta: DocumentMeta): Promise<OpenedPlan> {
  const resolved = await resolvePlanUnchecked(idOrFile, meta);
  const bundled = isBundledPlanId(idOrFile);
  return { ...resolved, sourceText: await readPlanSourceUnchecked(resolved.plan, bundled ? undefined : resolved.file) };
}
