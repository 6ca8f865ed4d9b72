#!/usr/bin/env node
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { AlignOptions, PlanReference, SelectionOptions } from "../align/types.js";
import type { AuditReport } from "../findings/types.js";
import type { DocumentMeta } from "../load/files.js";
import type { PlanBatch } from "../load/plan-batch.js";
import type { PlanValidation } from "../load/validate.js";
import { describeIssue, InputError, type PlanIssue } from "../model/input-error.js";
import type { Level, Plan } from "../model/plan.js";
import type { AuditFormat } from "../report/render-audit.js";
import type { ReportLanguage } from "../report/labels.js";
import type { ReportFormat } from "../report/render-alignment.js";
import { terminalText } from "../report/formats.js";
import { handleOutputStreamErrors, OutputError, writeOutputFile } from "./output.js";
import type { StdinFormat } from "./standard-input.js";
// Inlined by the build, so dist/cli.js knows its version wherever the package is installed.
import { version } from "../../package.json";

// The library loads when a command runs, not to print help or refuse an argument.
const library = () => import("./library.js");

// The command line: parses arguments and prints. Everything it does is a library call, loaded when a command runs.

handleOutputStreamErrors();

const program = new Command("plan-align")
  .description("Audit how Chinese emergency-management plans line up across levels of government")
  .version(version)
  .showHelpAfterError();


const formatOption = () =>
  new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text");

/** The format of `-` (standard input), which has no file extension to tell it; detected when not given. */
const stdinFormatOption = (formats: readonly StdinFormat[]) =>
  new Option("--stdin-format <format>", "what - (standard input) holds (default: detected, see docs/formats.md)").choices(formats);

const stdinNote = "; - reads standard input";

const planWithParentsHelp = `a bundled plan id, a plan file or a document, whose jurisdiction's parent is in the bundled hierarchy${stdinNote}`;

program
  .command("list")
  .description("list the bundled plans with their level, parent plan and item counts")
  .addOption(formatOption())
  .action(async (options: { format: string }) => {
    const { listBundledPlans } = await library();
    const plans = listBundledPlans();
    if (options.format === "json") return printJson(plans);
    for (const plan of plans) {
      const { indicators, tasks, projects } = plan.counts;
      console.log(
        [plan.id.padEnd(9), plan.level.padEnd(8), `↑ ${(plan.parent ?? "-").padEnd(9)}`,
          `指标 ${String(indicators).padStart(3)}  任务 ${String(tasks).padStart(3)}  工程 ${String(projects).padStart(3)}`,
          plan.title].join("  "),
      );
    }
  });

program
  .command("validate")
  .description("check plans against the schema and their quotes against their source texts")
  .argument("[plans...]", `bundled plan ids or plan files (.json, .yaml)${stdinNote}`)
  .option("--all", "check every bundled plan")
  .addOption(formatOption())
  .addOption(stdinFormatOption(["json", "yaml", "document"]))
  .action(async (plans: string[], options: { all?: boolean; format: string; stdinFormat?: StdinFormat }) => {
    const { bundledPlanIds, validatePlan, validateStandardInput } = await library();
    const inputs = options.all === true ? [...bundledPlanIds, ...plans] : plans;
    if (inputs.length === 0) program.error("validate: name at least one plan id or file, or use --all");
    const results: PlanValidation[] = [];
    for (const input of inputs) results.push(isStandardInput(input) ? await validateStandardInput(options.stdinFormat) : await validatePlan(input));
    if (options.format === "json") printJson({ valid: results.every((result) => result.valid), plans: results });
    else for (const result of results) printValidation(result);
    if (!results.every((result) => result.valid)) process.exitCode = 1;
  });

const reportOptions = (command: Command, formats = ["text", "json", "md", "csv", "html", "items-json"], defaultFormat = "md", stdinFormats: readonly StdinFormat[] = ["json", "yaml", "document"]) =>
  command
    .addOption(new Option("-f, --format <format>", "output format").choices(formats).default(defaultFormat))
    .addOption(new Option("--lang <lang>", "language of labels").choices(["zh", "en"]).default("zh"))
    .option("--threshold <score>", "minimum score of a match, for every kind (default: per kind, see docs/matching.md)", parseScore)
    .addOption(new Option("--selection <method>", "how tasks, projects and groups are paired: by rank and score, or by the threshold alone").choices(["rank", "threshold"]).default("rank"))
    .option("--synonyms <file>", `more synonym groups (JSON or YAML, shaped like data/synonyms/default.json)${stdinNote}`)
    .option("--review <file>", `an auditor's decisions on pairs (JSON or YAML, docs/review.schema.json)${stdinNote}`)
    .addOption(stdinFormatOption(stdinFormats))
    .option("--no-verify-quotes", "do not check that the quotes of the plans named occur in their sources (as validate does)")
    .option("-o, --output <file>", "write to this file instead of standard output (written whole or not at all)");

reportOptions(
  program
    .command("compare")
    .description("match the indicators, tasks, projects and task groups of two plans")
    .argument("<reference>", `the plan compared against (usually the higher level): a bundled id, a plan file or a document${stdinNote}`)
    .argument("<subject>", `the plan being checked: a bundled id, a plan file or a document${stdinNote}`),
).action(async (referenceName: string, subjectName: string, options: CompareOptions) => {
  const { alignPlans, renderAlignment } = await library();
  const [reference, subject] = [await resolvePlanArgument(referenceName, options), await resolvePlanArgument(subjectName, options)];
  const alignment = alignPlans(reference, subject, await alignOptionsOf(options));
  await emit(renderAlignment(alignment, options.format, { lang: options.lang }), options.output, [referenceName, subjectName, ...optionInputs(options)]);
});

reportOptions(
  program
    .command("chain")
    .description("match a plan with every bundled plan above it; levels without content are skipped")
    .argument("<subject>", planWithParentsHelp),
).action(async (subjectName: string, options: CompareOptions) => {
  const { alignChain, renderChain } = await library();
  const { plan, ancestors } = await resolveWithAncestors("chain", subjectName, options);
  const chain = alignChain(plan, ancestors, await alignOptionsOf(options));
  await emit(renderChain(chain, options.format, { lang: options.lang }), options.output, [subjectName, ...optionInputs(options)]);
});

documentOptions(reportOptions(
  program
    .command("audit")
    .description("audit a plan against every plan above it: where it falls short, what it misses, what it adds")
    .argument("<plan>", planWithParentsHelp),
  ["text", "json", "md", "csv", "html"],
  "text",
)
  .addOption(new Option("--fail-on <severity>", "exit with 3 when a finding of this severity or worse is found").choices(["error", "warning"])),
"for a document, where it does not show it (refused for a plan file or a bundled id)")
  .action(async (planName: string, options: AuditCommandOptions) => {
    const { auditPlan, renderAudit } = await library();
    const { plan, ancestors } = await resolveWithAncestors("audit", planName, options, documentMetaOf(options));
    const report = auditPlan(plan, { ancestors, align: await alignOptionsOf(options), lang: options.lang });
    await emit(renderAudit(report, options.format), options.output, [planName, ...optionInputs(options)]);
    // With a report written to a file, the terminal still gets the short summary.
    if (options.output !== undefined && options.format !== "text") process.stderr.write(renderAudit(report, "text"));
    if (fallsShort(report, options.failOn)) process.exitCode = 3;
  });

/** Whether a report has a finding of the `--fail-on` severity or worse. */
function fallsShort(report: AuditReport, failOn: "error" | "warning" | undefined): boolean {
  const { error, warning } = report.summary.bySeverity;
  return (failOn === "error" && error > 0) || (failOn === "warning" && error + warning > 0);
}

documentOptions(reportOptions(
  program
    .command("audit-all")
    .description("audit many plans at once, each against the plans above it (given ones first), with the compliance matrix; a file that cannot be read is listed, not a stop")
    .argument("[plans...]", `plan files, documents, corpora of plans in JSON lines (.jsonl), or folders of them (every file in them is tried); bundled ids too${stdinNote}`)
    .addHelpText("after", `
Exit codes: 0 done; 1 bad input or usage, or no input could be read; 3 --fail-on and a plan falls short;
4 some inputs could not be read (each is listed in the output, whatever its format; this wins over 3).`),
  ["text", "json", "jsonl", "csv", "findings-csv", "items-csv", "items-json", "html"],
  "html",
  ["json", "yaml", "jsonl", "document"],
)
  .addOption(new Option("--fail-on <severity>", "exit with 3 when any plan has a finding of this severity or worse").choices(["error", "warning"]))
  .addOption(new Option("--threads <count>", "audits at once, on worker threads").argParser(positiveInteger).default(availableParallelism(), "one per core"))
  .option("--manifest <file>", "a CSV or YAML list of files with what is known of each document (file, jurisdiction, parent, title, level, id; docs/formats.md): its files join the batch"),
"for the documents of the batch without it in the manifest; --title and --jurisdiction for a batch of one document only")
  .action(async (inputs: string[], options: AuditAllCommandOptions) => {
    if (inputs.length === 0 && options.manifest === undefined) program.error("audit-all: name plans, documents or folders, or give --manifest");
    const { auditEachInParallel, buildComplianceMatrix, renderBatchReadingLines, renderBatchSummary, renderFindingsCsv, renderItemTable, renderMatrix, version } = await library();
    const batch = await resolvePlans(inputs, options);
    const { plans, unreadable, skipped, notes } = batch;
    const reading = { unreadable, skipped, notes };
    for (const note of notes) process.stderr.write(terminalText(`plan-align: ${note}\n`));
    for (const input of unreadable) process.stderr.write(terminalText(input.reason.map((line) => `plan-align: ${line}\n`).join("")));
    if (plans.length === 0) {
      // Nothing to audit: as for bad input, no output, and why on standard error.
      for (const input of skipped) process.stderr.write(terminalText(`plan-align: ${input.file}: skipped: ${input.reason}\n`));
      if (unreadable.length === 0) program.error(`audit-all: no plan files or documents in ${inputs.join(", ")}`);
      process.exitCode = 1;
      return;
    }
    const outputInputs = [...batch.files, ...optionInputs(options), ...(options.manifest === undefined ? [] : [options.manifest])];
    const onProgress = progressBar("audit");
    const auditOptions = { align: await alignOptionsOf(options), lang: options.lang, ...(onProgress === undefined ? {} : { onProgress: (done: number, total: number, plan: PlanReference) => onProgress(done, total, plan.id) }) };
    let failed = false;
    // Audits run on every core and come back in input order: one line each as it is done for jsonl, so memory
    // stays flat (to a file, whole or not at all); the rest need all reports for the matrix. The inputs not
    // read come first in jsonl, known before any audit.
    const readingLines = renderBatchReadingLines(reading);
    const lines: string[] = [readingLines];
    if (options.format === "jsonl" && options.output === undefined) process.stdout.write(readingLines);
    const reports: AuditReport[] = [];
    const ancestors = new Map<string, Plan>();
    for await (const audited of auditEachInParallel(plans, { ...auditOptions, threads: options.threads })) {
      failed ||= fallsShort(audited.report, options.failOn);
      if (options.format === "jsonl") {
        const line = `${JSON.stringify(audited.report)}\n`;
        if (options.output === undefined) process.stdout.write(line);
        else lines.push(line);
      } else {
        reports.push(audited.report);
        for (const ancestor of audited.ancestors) ancestors.set(ancestor.id, ancestor);
      }
    }
    if (options.format === "jsonl") {
      if (options.output !== undefined) await emit(lines.join(""), options.output, outputInputs);
    } else {
      const matrix = buildComplianceMatrix(reports, [...ancestors.values()]);
      const text = options.format === "json" ? `${JSON.stringify({ version, settings: reports[0]?.settings, reports, matrix, ...reading }, null, 2)}\n`
        : options.format === "text" ? renderBatchSummary(reports, reading, options.lang)
        : options.format === "findings-csv" ? renderFindingsCsv(reports, reading)
        : options.format === "items-csv" || options.format === "items-json" ? renderItemTable(reports, options.format === "items-csv" ? "csv" : "json", options.lang, reading)
        : renderMatrix(matrix, reports, options.format, options.lang, reading);
      await emit(text, options.output, outputInputs);
    }
    if (unreadable.length > 0) process.exitCode = 4;
    else if (failed) process.exitCode = 3;
  });

/** The options of what is known of a document, as `extract` has them, added to a command. */
function documentOptions(command: Command, scope: string): Command {
  return command
    .option("--title <title>", `the title, ${scope}`)
    .option("--jurisdiction <name>", `the jurisdiction, e.g. 代县, ${scope}`)
    .addOption(new Option("--level <level>", `the jurisdiction's level, ${scope}`).choices(["national", "province", "city", "county"]))
    .option("--parent <name>", `the jurisdiction above, e.g. 忻州市, ${scope}`);
}

/** What the document options say, as `resolvePlan` and `loadPlanBatch` take it. */
function documentMetaOf({ title, jurisdiction, level, parent }: DocumentOptions): DocumentMeta {
  const given = {
    ...(jurisdiction === undefined ? {} : { name: jurisdiction }),
    ...(level === undefined ? {} : { level }),
    ...(parent === undefined ? {} : { parent }),
  };
  return { ...(title === undefined ? {} : { title }), ...(Object.keys(given).length === 0 ? {} : { jurisdiction: given }) };
}

/** The batch of `audit-all`: its plans, and the inputs it could not read or skipped, with a reading progress bar. */
async function resolvePlans(inputs: readonly string[], options: AuditAllCommandOptions): Promise<PlanBatch> {
  const { loadPlanBatch, readPlansFromStandardInput } = await library();
  const { verifyQuotes, stdinFormat, manifest } = options;
  const onProgress = progressBar("read");
  const meta = documentMetaOf(options);
  return loadPlanBatch(inputs, {
    verifyQuotes,
    readStandardInput: () => readPlansFromStandardInput({ format: stdinFormat, verifyQuotes, accepted: ["json", "yaml", "jsonl", "document"] }),
    ...(manifest === undefined ? {} : { manifest }),
    ...(Object.keys(meta).length === 0 ? {} : { meta }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
}

/** A progress bar on standard error, on a terminal only (not when piped or in CI logs), started at the first step. */
function progressBar(stage: string): ((done: number, total: number, name: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: SingleBar | undefined;
  return (done, total, name) => {
    if (bar === undefined) {
      bar = new SingleBar({ format: `${stage} {bar} {value}/{total} {name}`, stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
      bar.start(total, 0, { name: "" });
    }
    // File names may hold controls; the bar writes them to the terminal.
    bar.update(done, { name: terminalText(name) });
    if (done === total) bar.stop();
  };
}

documentOptions(program
  .command("extract")
  .description("read a plan out of a document (PDF, Word .docx/.doc, HTML or text): sections, indicators, tasks, projects, units, quotes")
  .argument("<document>", `the document, its format told by content: PDF, Word (.docx, .doc), an HTML page or a text file in UTF-8, UTF-16, GB18030/GBK/GB2312 or Big5${stdinNote} (its plan's id is then "stdin" unless --id gives one)`)
  .addOption(new Option("-f, --format <format>", "output format").choices(["json", "yaml"]).default("json"))
  .option("--id <id>", "the plan's id (default: from the file name)")
  .option("-o, --output <file>", "write the plan to this file (written whole or not at all); its source is named relative to it"),
"where the document does not show it")
  .action(async (document: string, options: ExtractOptions) => {
    const { extractPlan, idFromFileName, readDocumentFile, readStandardInputDocument, standardInputName, stringifyYaml } = await library();
    const fromStandardInput = isStandardInput(document);
    const raw = fromStandardInput ? await readStandardInputDocument() : (await readDocumentFile(document)).text;
    // A document from standard input has no file to name as the plan's source: it is named <stdin>.
    const sourceFile = fromStandardInput ? standardInputName
      : options.output === undefined ? document : path.relative(path.dirname(path.resolve(options.output)), path.resolve(document));
    const { plan, warnings } = extractPlan(raw, {
      id: options.id ?? idFromFileName(fromStandardInput ? standardInputName : document),
      sourceFile,
      ...documentMetaOf(options),
    });
    printWarnings(fromStandardInput ? standardInputName : document, warnings);
    const text = options.format === "yaml" ? stringifyYaml(plan) : `${JSON.stringify(plan, null, 2)}\n`;
    await emit(text, options.output, [document]);
    if (options.output !== undefined) {
      const counts = `${plan.sections.length} sections, ${plan.indicators.length} indicators, ${plan.tasks.length} tasks, ${plan.projects.length} projects`;
      process.stderr.write(terminalText(`${options.output}: ${plan.title} (${plan.jurisdiction.name}, ${plan.jurisdiction.level} under ${plan.jurisdiction.parent ?? "-"}) — ${counts}\n`));
    }
    if (plan.completeness !== undefined) {
      process.stderr.write(terminalText(`${fromStandardInput ? standardInputName : document}: the copy looks cut off (${plan.completeness.reasons.join(", ")}); it ends with: ${plan.completeness.endsWith.slice(-40)}\n`));
    }
  });

/** A plan and the bundled plans above it; a plan with none above it is a usage error. */
async function resolveWithAncestors(command: string, name: string, options: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">, meta: DocumentMeta = {}) {
  const { getAncestorPlans, standardInputName } = await library();
  const plan = await resolvePlanArgument(name, options, meta);
  const ancestors = getAncestorPlans(plan);
  if (ancestors.length === 0) {
    const input = isStandardInput(name) ? standardInputName : name;
    const hint = plan.jurisdiction.level === "national" ? "" : ": give its jurisdiction and the one above it (--jurisdiction, --parent)";
    throw new InputError(command, [{ path: "", message: `no bundled plan sits above ${input} (${plan.jurisdiction.name})${hint}` }]);
  }
  return { plan, ancestors };
}

/** What extraction had to assume, one line each, on standard error: the plan is made, but the user should know. */
function printWarnings(input: string, warnings: readonly PlanIssue[]): void {
  for (const warning of warnings) process.stderr.write(terminalText(`plan-align: warning: ${describeIssue(input, warning)}\n`));
}

/** The plan an argument names: a bundled id, a plan file, a document (extracted with `meta`), or `-` for standard input. */
async function resolvePlanArgument(name: string, { verifyQuotes, stdinFormat }: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">, meta: DocumentMeta = {}): Promise<Plan> {
  const { readPlansFromStandardInput, resolvePlan } = await library();
  const given = Object.keys(meta).length === 0 ? {} : { meta };
  if (!isStandardInput(name)) {
    const { plan, warnings } = await resolvePlan(name, { verifyQuotes, ...given });
    printWarnings(name, warnings);
    return plan;
  }
  const [plan] = await readPlansFromStandardInput({ format: stdinFormat, verifyQuotes, accepted: ["json", "yaml", "document"], ...given });
  // One plan is all a single-plan format holds.
  return plan!;
}

const isStandardInput = (name: string) => name === "-";

interface ExtractOptions extends DocumentOptions {
  format: "json" | "yaml";
  id?: string;
  output?: string;
}

/** What `audit` and `audit-all` are told of documents, as `extract` is. */
interface DocumentOptions {
  title?: string;
  jurisdiction?: string;
  level?: Level;
  parent?: string;
}

interface AuditCommandOptions extends Omit<CompareOptions, "format">, DocumentOptions {
  format: AuditFormat;
  failOn?: "error" | "warning";
}

interface AuditAllCommandOptions extends Omit<CompareOptions, "format">, DocumentOptions {
  format: "text" | "json" | "jsonl" | "csv" | "findings-csv" | "items-csv" | "items-json" | "html";
  threads: number;
  failOn?: "error" | "warning";
  manifest?: string;
}

interface CompareOptions {
  format: ReportFormat;
  lang: ReportLanguage;
  threshold?: number;
  selection: SelectionOptions["method"];
  synonyms?: string;
  review?: string;
  verifyQuotes: boolean;
  stdinFormat?: StdinFormat;
  output?: string;
}

async function alignOptionsOf({ threshold, selection, synonyms, review, stdinFormat }: Omit<CompareOptions, "format">): Promise<AlignOptions> {
  const { createSynonymTable, defaultSynonymGroups, loadReviewFile, loadSynonymFile, readReviewFromStandardInput, readSynonymsFromStandardInput } = await library();
  const readSynonyms = (file: string) => (isStandardInput(file) ? readSynonymsFromStandardInput(stdinFormat) : loadSynonymFile(file));
  const readReview = (file: string) => (isStandardInput(file) ? readReviewFromStandardInput(stdinFormat) : loadReviewFile(file));
  return {
    selection: { method: selection },
    ...(threshold === undefined ? {} : { thresholds: { indicator: threshold, task: threshold, project: threshold, section: threshold } }),
    ...(synonyms === undefined ? {} : {
      scorerOptions: { synonyms: createSynonymTable([...defaultSynonymGroups, ...(await readSynonyms(synonyms))]) },
    }),
    ...(review === undefined ? {} : { review: await readReview(review) }),
  };
}

function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === "" || !Number.isFinite(score) || score < 0 || score > 1) throw new InvalidArgumentError("a number from 0 to 1");
  return score;
}

function positiveInteger(value: string): number {
  const count = Number(value);
  if (!/^\d+$/u.test(value.trim()) || !Number.isSafeInteger(count) || count < 1) throw new InvalidArgumentError("a whole number from 1 up");
  return count;
}

/** Writes to standard output, or to `output` when given, never over one of `inputs` (the files the command read). */
async function emit(text: string, output: string | undefined, inputs: readonly string[]): Promise<void> {
  if (output === undefined) process.stdout.write(text);
  else await writeOutputFile(output, text, inputs);
}

/** The files named in a report command's options, which it reads. */
function optionInputs({ synonyms, review }: Pick<CompareOptions, "synonyms" | "review">): string[] {
  return [synonyms, review].filter((file) => file !== undefined);
}

function printValidation(result: PlanValidation): void {
  if (result.valid) {
    console.log(terminalText(`✓ ${result.id ?? result.input}: valid (${result.file})`));
    return;
  }
  const count = result.problems.length;
  console.log(terminalText(`✗ ${result.id ?? result.input}: ${count} problem${count === 1 ? "" : "s"} (${result.file})`));
  for (const problem of result.problems) console.log(terminalText(`  ${result.file}: ${problem.path || "(plan)"}: ${problem.message}`));
}

function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof InputError) {
    // Bad input: one line per problem, with the file (or the function) and the path inside it.
    for (const issue of error.issues) console.error(terminalText(`plan-align: ${describeIssue(error.input, issue)}`));
    process.exitCode = 1;
    return;
  }
  if (error instanceof OutputError) {
    // Output that cannot go where it was asked to (a missing folder, a FIFO, the input itself) is the user's to fix.
    console.error(terminalText(`plan-align: ${error.message}`));
    process.exitCode = 1;
    return;
  }
  console.error(terminalText(`plan-align: ${error instanceof Error ? error.message : String(error)}`));
  process.exitCode = 2;
});
