import { decodeUtf8 } from "../load/decode-text.js";
import { parsePlanCorpus, readPlanSource, refuseDocumentMeta, type DocumentMeta } from "../load/files.js";
import { PlanLoadError, type PlanIssue } from "../load/errors.js";
import { parseDataText } from "../load/parse-data.js";
import { findMissingQuotes, parsePlan } from "../load/parse-plan.js";
import { extractPlan } from "../extract/extract-plan.js";
import { readDocument } from "../read/read-document-file.js";
import { recognizeFormat } from "../read/recognize-format.js";
import { parseReview } from "../load/review-file.js";
import { parseSynonymGroups } from "../synonyms/load-synonym-file.js";
import type { PlanValidation } from "../load/validate.js";
import type { Plan } from "../model/plan.js";
import type { Review } from "../model/review.js";
import type { SynonymGroup } from "../synonyms/synonyms.js";

// `-` in place of a file name: standard input, read whole. Plans, corpora, reviews and synonym tables are
// UTF-8 (a BOM dropped, other bytes refused); a document may be anything the read stage reads (PDF, Word,
// GBK or Big5 text), told by its bytes. Without a file name there is no extension to tell the format, so it
// is read off the content unless --stdin-format says it.

/** How standard input is named in errors and in what is made of it. */
export const standardInputName = "<stdin>";

/** What standard input may hold: plan or data files, a corpus in JSON lines, or a document to extract a plan from. */
export type StdinFormat = "json" | "yaml" | "jsonl" | "document";

let consumed = false;

/** Standard input's bytes, read whole; it can be read once, so a second `-` in one command is refused. */
async function readStandardInputBytes(): Promise<Uint8Array> {
  if (consumed) throw new PlanLoadError(standardInputName, [{ path: "", message: "standard input can be read once: give - for one input only" }]);
  consumed = true;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Standard input as UTF-8 text.
 *
 * @throws PlanLoadError naming `<stdin>` for bytes that are not UTF-8, or for a second read
 */
async function readStandardInput(): Promise<string> {
  return decodeUtf8(await readStandardInputBytes(), standardInputName);
}

/**
 * Standard input as a document's text, read as `readDocument` reads files (PDF, Word, HTML, text in UTF-8,
 * UTF-16, GB18030 or Big5).
 *
 * @throws PlanLoadError naming `<stdin>` for what the read stage refuses, or for a second read
 */
export async function readStandardInputDocument(): Promise<string> {
  return (await readDocument(await readStandardInputBytes(), { file: standardInputName })).text;
}

/**
 * Standard input where a document is one of the formats accepted: UTF-8 text as it is (JSON, YAML or a
 * document), else, documents being accepted, a document read through the read stage.
 */
async function readStandardInputText(accepted: readonly StdinFormat[], given: StdinFormat | undefined): Promise<{ text: string; document: boolean }> {
  const bytes = await readStandardInputBytes();
  // A PDF may be all ASCII, so its bytes are recognised before UTF-8 is tried. Text that is not UTF-8 is
  // a document in another encoding, unless it is given or looks like JSON or YAML, which stay UTF-8.
  const isDocument = accepted.includes("document") && (recognizeFormat(bytes, standardInputName).kind !== "text" ||
    (!isUtf8(bytes) && (given ?? detectStdinFormat(new TextDecoder().decode(bytes), accepted)) === "document"));
  if (isDocument) return { text: (await readDocument(bytes, { file: standardInputName })).text, document: true };
  return { text: decodeUtf8(bytes, standardInputName), document: false };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The format of text given without a file name. JSON starts with a brace or bracket, and is a corpus when
 * every line is one object; HTML starts with a tag; YAML plans and data files start with an ASCII key
 * (`id: …`) or `---`. Anything else is a document where documents are accepted, else YAML.
 */
export function detectStdinFormat(text: string, accepted: readonly StdinFormat[]): StdinFormat {
  const lines = text.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  const first = lines[0]?.trimStart() ?? "";
  if (first.startsWith("{") || first.startsWith("[")) {
    return accepted.includes("jsonl") && lines.length > 1 && lines.every((line) => line.startsWith("{")) ? "jsonl" : "json";
  }
  const isDocument = first.startsWith("<") || !/^(?:---|[A-Za-z_][\w-]*:(?:\s|$))/u.test(first);
  return isDocument && accepted.includes("document") ? "document" : "yaml";
}

/** The format given, refused when the input cannot hold it, or else the one detected. */
function formatOf(text: string, given: StdinFormat | undefined, accepted: readonly StdinFormat[]): StdinFormat {
  if (given === undefined) return detectStdinFormat(text, accepted);
  if (!accepted.includes(given)) {
    throw new PlanLoadError(standardInputName, [{ path: "", message: `--stdin-format ${given} does not fit here; this input is ${accepted.join(", ")}` }]);
  }
  return given;
}

/** A value of JSON or YAML text from standard input. */
function parseData(text: string, format: StdinFormat): unknown {
  return parseDataText(text, format === "json" ? "json" : "yaml", standardInputName);
}

/** What the plan inputs of a command accept on standard input. */
const planFormats: readonly StdinFormat[] = ["json", "yaml", "document"];

/** A plan from standard input, and how to read the source text its quotes come from. */
interface StandardInputPlan {
  plan: Plan;
  /** The document itself for an extracted plan; else the plan's source, a relative one looked up in the current folder. */
  readSource: () => Promise<string>;
}

async function openPlanText(text: string, format: Exclude<StdinFormat, "jsonl">, meta: DocumentMeta = {}): Promise<StandardInputPlan> {
  if (format === "document") {
    const { plan, sourceText } = extractPlan(text, { id: "stdin", sourceFile: standardInputName, ...meta });
    return { plan, readSource: async () => sourceText };
  }
  refuseDocumentMeta(standardInputName, meta);
  const plan = parsePlan(parseData(text, format), standardInputName);
  return { plan, readSource: () => readPlanSource(plan, standardInputName) };
}

/**
 * Plans from standard input: one plan (JSON or YAML), a document to extract one from, or, where `accepted`
 * allows, a corpus in JSON lines. With `verifyQuotes`, each quote must occur in the plan's source. `meta`
 * is what is known of a document (`audit --title …`), refused for a plan.
 *
 * @throws PlanLoadError naming `<stdin>` and each problem's path
 */
export async function readPlansFromStandardInput(
  options: { format?: StdinFormat | undefined; verifyQuotes: boolean; accepted: readonly StdinFormat[]; meta?: DocumentMeta },
): Promise<Plan[]> {
  const { text, document } = await readStandardInputText(options.accepted, options.format);
  const format = document ? formatOf(text, options.format ?? "document", options.accepted) : formatOf(text, options.format, options.accepted);
  // A corpus's relative sources are looked up in the current folder, as a single plan's are.
  if (format === "jsonl") {
    refuseDocumentMeta(standardInputName, options.meta ?? {});
    return parsePlanCorpus(text, standardInputName, { verifyQuotes: options.verifyQuotes });
  }
  const { plan, readSource } = await openPlanText(text, format, options.meta);
  if (options.verifyQuotes) {
    const missing = findMissingQuotes(plan, await readSource());
    if (missing.length > 0) throw new PlanLoadError(standardInputName, missing);
  }
  return [plan];
}

/** `validatePlan` for a plan on standard input: problems are returned, not thrown. */
export async function validateStandardInput(given: StdinFormat | undefined): Promise<PlanValidation> {
  const outcome = (id: string | null, problems: PlanIssue[]): PlanValidation =>
    ({ input: "-", file: standardInputName, id, valid: problems.length === 0, problems });
  let id: string | null = null;
  try {
    const { text, document } = await readStandardInputText(planFormats, given);
    // planFormats holds no corpus, so formatOf never gives jsonl here.
    const format = formatOf(text, document ? (given ?? "document") : given, planFormats) as Exclude<StdinFormat, "jsonl">;
    const { plan, readSource } = await openPlanText(text, format);
    id = plan.id;
    return outcome(id, findMissingQuotes(plan, await readSource()));
  } catch (error) {
    if (!(error instanceof PlanLoadError)) throw error;
    return outcome(id, [...error.issues]);
  }
}

/** A review file's content from standard input (JSON or YAML). */
export async function readReviewFromStandardInput(format: StdinFormat | undefined): Promise<Review> {
  const text = await readStandardInput();
  return parseReview(parseData(text, formatOf(text, format, ["json", "yaml"])), standardInputName);
}

/** Synonym groups from standard input (JSON or YAML). */
export async function readSynonymsFromStandardInput(format: StdinFormat | undefined): Promise<SynonymGroup[]> {
  const text = await readStandardInput();
  return parseSynonymGroups(parseData(text, formatOf(text, format, ["json", "yaml"])), standardInputName);
}
