import { statSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { Plan } from "../model/plan.js";
import { bundledPlanIds, getBundledPlan, isBundledPlanId } from "./bundled.js";
import { PlanLoadError } from "./errors.js";
import { parsePlan } from "./parse-plan.js";

// Node-only: everything here touches the file system. The browser-safe core never imports this file.

let dataDir: string | undefined;

/** Folder of the bundled data, found from this module whether it runs from src/load/ or from dist/. */
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
 * Reads a plan from a JSON or YAML file and checks it against the schema.
 *
 * @throws PlanLoadError naming the file, and each problem's path inside it
 * @example
 * const plan = await loadPlanFile("my-plans/xian.yaml");
 */
export async function loadPlanFile(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parsePlan(parsePlanText(text, file), file);
}

function parsePlanText(text: string, file: string): unknown {
  const isYaml = /\.ya?ml$/iu.test(file);
  try {
    return isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const format = isYaml ? "YAML" : "JSON";
    throw new PlanLoadError(file, [{ path: "", message: `not valid ${format}: ${(error as Error).message}` }]);
  }
}

/**
 * Loads every plan file (.json, .yaml, .yml) in a folder, sorted by file name. All or nothing: if any file
 * fails, the first failure is thrown and no plans are returned.
 */
export async function loadPlanDirectory(dir: string): Promise<Plan[]> {
  const names = (await readdir(dir)).filter((name) => planExtensions.has(path.extname(name).toLowerCase())).sort();
  const plans: Plan[] = [];
  for (const name of names) plans.push(await loadPlanFile(path.join(dir, name)));
  return plans;
}

/**
 * Reads the source text a plan quotes from. A relative `source.file` is looked up beside the plan file when
 * one is given, else among the bundled sources.
 */
export async function readPlanSource(plan: Plan, planFile?: string): Promise<string> {
  const candidates = path.isAbsolute(plan.source.file)
    ? [plan.source.file]
    : [
        ...(planFile === undefined ? [] : [path.resolve(path.dirname(planFile), plan.source.file)]),
        path.join(getBundledDataDir(), "sources", plan.source.file),
      ];
  for (const candidate of candidates) {
    if (await isFile(candidate)) return readFile(candidate, "utf8");
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

/** A plan opened for checking: the plan, where it came from, and the source text it quotes. */
export interface OpenedPlan {
  plan: Plan;
  /** The plan file, or `data/plans/<id>.json` for a bundled plan. */
  file: string;
  sourceText: string;
}

/**
 * Opens a plan named on a command line: a bundled plan id, or a path to a JSON or YAML plan file.
 *
 * @throws PlanLoadError when the name is neither, or the file is not a valid plan
 * @example
 * const { plan, sourceText } = await openPlan("daixian");
 */
export async function openPlan(idOrFile: string): Promise<OpenedPlan> {
  if (isBundledPlanId(idOrFile)) {
    const plan = getBundledPlan(idOrFile);
    return { plan, file: `data/plans/${idOrFile}.json`, sourceText: await readPlanSource(plan) };
  }
  if (!(await isFile(idOrFile))) {
    throw new PlanLoadError(idOrFile, [
      { path: "", message: `neither a bundled plan id (${bundledPlanIds.join(", ")}) nor a file` },
    ]);
  }
  const plan = await loadPlanFile(idOrFile);
  return { plan, file: idOrFile, sourceText: await readPlanSource(plan, idOrFile) };
}
