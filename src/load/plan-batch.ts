import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import type { BatchReading, SkippedInput, UnreadableInput } from "../model/batch-reading.js";
import { checkArguments, InputError, type PlanIssue } from "../model/input-error.js";
import { FilePathSchema, PlanBatchOptionsSchema } from "../model/options.js";
import type { Plan } from "../model/plan.js";
import { getAncestorPlansUnchecked, isBundledPlanId } from "./bundled.js";
import { isPlanFileName, loadPlanCorpus, refuseDocumentMeta, resolvePlan, type DocumentMeta } from "./files.js";
import { loadManifest, type ManifestEntry } from "./manifest.js";

// The inputs of a batch (`audit-all`) read one by one: an input that cannot be read is listed with the
// reason and the batch goes on, so that a thousand documents are not lost to one broken file, and no
// file of a folder is passed over without a word.

/** Options of `loadPlanBatch`; every field has a default. */
export interface PlanBatchOptions {
  /** Check each plan's quotes against its source, as `resolvePlan` does; a plan that fails is unreadable. Default false. */
  verifyQuotes?: boolean;
  /**
   * A manifest (`loadManifest`): its files join the batch after the inputs, and each document it lists,
   * among the inputs or not, is extracted with its row's values. Default: none.
   */
  manifest?: string;
  /**
   * Values for every document of the batch, under those its manifest row gives. A level and a parent can
   * serve many documents (a folder of one city's counties); an id, a title or a jurisdiction's name names
   * one, and is refused for a batch of more than one document. Default: none.
   */
  meta?: DocumentMeta;
  /** Reads `-`, standard input, into plans; without it, `-` is a file name like any other. Default: none. */
  readStandardInput?: () => Promise<Plan[]>;
  /** Called after each input is read or found unreadable, with how many are done, of how many, and its name. Default: none. */
  onProgress?: (done: number, total: number, input: string) => void;
}

/** The plans of a batch, and what reading it left to say: the inputs not read, the folder entries skipped, notes. */
export interface PlanBatch extends BatchReading {
  /** The plans read, in input order, each id unique in the batch. */
  plans: Plan[];
  /** Every input read or attempted, folders opened and the manifest's files added, in order: what a command must not write over. */
  files: string[];
}

/**
 * Reads the plans of a batch: bundled ids, plan files (JSON, YAML), corpora in JSON lines (.jsonl),
 * documents to extract a plan from, and folders of any of these, one level deep, every regular file of a
 * folder attempted, in name order. An input that cannot be read (not UTF-8, not a plan, quotes not in its
 * source, …) is listed in `unreadable` with the error's lines; hidden and system files (`.DS_Store`, `~$`
 * Office lock files, `Thumbs.db`, `desktop.ini`) and subfolders in `skipped`. A file named twice is read
 * once. A plan whose id an earlier one has is given the next free suffix (`document-2`), said in `notes`
 * and in the plan's notes.
 *
 * @throws InputError for what leaves no batch to read: a manifest with a problem (naming its row and column),
 * options that do not match their schema, or an id, title or jurisdiction given for more than one document
 * @example
 * const batch = await loadPlanBatch(["daixian", "docs/examples/county-level-city.txt", "no-such-file.txt"], { manifest: "docs/examples/manifest.csv" });
 * batch.plans.map((plan) => plan.id); // ["daixian", "county-level-city"]
 * batch.plans[1]?.jurisdiction.name; // "原平市"
 * batch.unreadable[0]?.file; // "no-such-file.txt"
 */
export async function loadPlanBatch(inputs: readonly string[], options: PlanBatchOptions = {}): Promise<PlanBatch> {
  checkArguments("loadPlanBatch", { inputs: [z.array(FilePathSchema), inputs], options: [PlanBatchOptionsSchema, options] });
  const manifest = options.manifest === undefined ? [] : await loadManifest(options.manifest);
  const unreadable: UnreadableInput[] = [];
  const skipped: SkippedInput[] = [];
  const names = await listInputs(inputs, options, manifest, unreadable, skipped);
  const metaOf = metaFor(names, manifest, options);
  const plans: ReadPlan[] = [];
  const notes: string[] = [];
  for (const [index, name] of names.entries()) {
    try {
      const read = await readInput(name, options, metaOf(name));
      plans.push(...read.plans.map((plan) => ({ plan, file: name })));
      // What extraction had to assume is said, not only kept in the plan's notes.
      notes.push(...read.warnings.map((warning) => `${name}: ${warning.path}: ${warning.message}`));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unreadable.push({ file: name, reason: error.message.split("\n") });
    }
    options.onProgress?.(index + 1, names.length, name);
  }
  const unique = makeIdsUnique(plans, notes);
  return { plans: withPlansAbove(unique, unreadable), files: names, unreadable, skipped, notes };
}

/**
 * The plans that have a plan above them to be audited against; each other one (a document whose jurisdiction
 * was not found, say) is listed in `unreadable` with why, rather than audited against nothing.
 */
function withPlansAbove(plans: readonly ReadPlan[], unreadable: UnreadableInput[]): Plan[] {
  const all = plans.map(({ plan }) => plan);
  return plans.filter(({ plan, file }) => {
    if (plan.jurisdiction.level === "national" || getAncestorPlansUnchecked(plan, all).length > 0) return true;
    unreadable.push({
      file,
      reason: [`${file}: read, but no plan above ${plan.jurisdiction.name} is known to audit it against: give its jurisdiction and the one above it (manifest columns jurisdiction and parent, or --jurisdiction and --parent)`],
    });
    return false;
  }).map(({ plan }) => plan);
}

const isStandardInput = (name: string, options: PlanBatchOptions) => name === "-" && options.readStandardInput !== undefined;
const isCorpus = (name: string) => path.extname(name).toLowerCase() === ".jsonl";
const isDocument = (name: string, options: PlanBatchOptions) => !isBundledPlanId(name) && !isStandardInput(name, options) && !isPlanFileName(name) && !isCorpus(name);
/** A plan and the input it was read from. */
interface ReadPlan {
  plan: Plan;
  file: string;
}

/** How a name is told apart from another spelling of the same file. */
const identity = (name: string, options: PlanBatchOptions) => (isBundledPlanId(name) || isStandardInput(name, options) ? name : path.resolve(name));

/** The inputs to read: folders opened (what they hold that is not read goes to `skipped`), then the manifest's files, each once. */
async function listInputs(inputs: readonly string[], options: PlanBatchOptions, manifest: readonly ManifestEntry[], unreadable: UnreadableInput[], skipped: SkippedInput[]): Promise<string[]> {
  const names: string[] = [];
  for (const input of inputs) {
    const isFolder = !isBundledPlanId(input) && !isStandardInput(input, options) && (await stat(input).then((entry) => entry.isDirectory(), () => false));
    if (!isFolder) names.push(input);
    else names.push(...(await listFolder(input, unreadable, skipped)));
  }
  names.push(...manifest.map((entry) => entry.file));
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = identity(name, options);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every regular file of a folder, by name; hidden and system files and subfolders are skipped, with why. */
async function listFolder(folder: string, unreadable: UnreadableInput[], skipped: SkippedInput[]): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch (error) {
    unreadable.push({ file: folder, reason: [`${folder}: cannot read the folder: ${(error as Error).message}`] });
    return [];
  }
  const files: string[] = [];
  for (const name of entries.sort()) {
    const file = path.join(folder, name);
    const hidden = whyHidden(name);
    // stat, not lstat: a link to a file is read as the file.
    const entry = hidden === undefined ? await stat(file).catch(() => undefined) : undefined;
    if (hidden !== undefined) skipped.push({ file, reason: hidden });
    else if (entry?.isDirectory() === true) skipped.push({ file, reason: "subfolder: folders are read one level deep" });
    else if (entry !== undefined && !entry.isFile()) skipped.push({ file, reason: "not a regular file (a FIFO, a socket or a device)" });
    // A file, or a link that leads nowhere, which reading then names as unreadable.
    else files.push(file);
  }
  return files;
}

/** Why a folder entry is not a document of the batch: files that systems and editors leave beside documents. */
function whyHidden(name: string): string | undefined {
  if (name.startsWith("~$")) return "Office lock file: left beside a document while it is open in Word, Excel or WPS";
  if (name.startsWith(".")) return "hidden file (its name starts with a dot)";
  if (/^(?:thumbs\.db|desktop\.ini)$/iu.test(name)) return "Windows system file";
  return undefined;
}

/** The values each document is extracted with: its manifest row's over those given for every document. */
function metaFor(names: readonly string[], manifest: readonly ManifestEntry[], options: PlanBatchOptions): (name: string) => DocumentMeta {
  const shared = options.meta ?? {};
  const documents = names.filter((name) => isDocument(name, options));
  const singular = [shared.id === undefined ? [] : ["id"], shared.title === undefined ? [] : ["title"], shared.jurisdiction?.name === undefined ? [] : ["jurisdiction.name"]].flat();
  if (documents.length > 1 && singular.length > 0) {
    throw new InputError("loadPlanBatch", singular.map((field) => ({
      path: `options.meta.${field}`,
      message: `names one document, but the batch has ${documents.length}: give each document its own in a manifest`,
    })));
  }
  const rows = new Map(manifest.map((entry) => [path.resolve(entry.file), entry.meta]));
  return (name) => {
    const row = rows.get(path.resolve(name)) ?? {};
    // Plans state their own title and jurisdiction: only a manifest row given for one is passed on, and refused.
    if (!isDocument(name, options)) return row;
    const jurisdiction = { ...shared.jurisdiction, ...row.jurisdiction };
    return { ...shared, ...row, ...(Object.keys(jurisdiction).length === 0 ? {} : { jurisdiction }) };
  };
}

/** The plans an input holds, and what extraction warned of where it is a document. */
async function readInput(name: string, options: PlanBatchOptions, meta: DocumentMeta): Promise<{ plans: Plan[]; warnings: PlanIssue[] }> {
  const { verifyQuotes = false } = options;
  if (isStandardInput(name, options)) return { plans: await options.readStandardInput!(), warnings: [] };
  if (isCorpus(name)) {
    refuseDocumentMeta(name, meta);
    return { plans: await loadPlanCorpus(name, { verifyQuotes }), warnings: [] };
  }
  const { plan, warnings } = await resolvePlan(name, { verifyQuotes, meta });
  return { plans: [plan], warnings };
}

/** The plans, each taking the next free suffix (`-2`, `-3`, …) where an earlier plan has its id; `notes` says which. */
function makeIdsUnique(plans: readonly ReadPlan[], notes: string[]): ReadPlan[] {
  const taken = new Set(plans.map(({ plan }) => plan.id));
  const firstFile = new Map<string, string>();
  return plans.map(({ plan, file }) => {
    const first = firstFile.get(plan.id);
    if (first === undefined) {
      firstFile.set(plan.id, file);
      return { plan, file };
    }
    let suffix = 2;
    while (taken.has(`${plan.id}-${suffix}`)) suffix += 1;
    const id = `${plan.id}-${suffix}`;
    taken.add(id);
    firstFile.set(id, file);
    const note = `${file}: its plan has the id ${plan.id}, as the plan of ${first} has; it is audited as ${id}`;
    notes.push(note);
    return { plan: { ...plan, id, notes: [...plan.notes, note] }, file };
  });
}
