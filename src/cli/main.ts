#!/usr/bin/env node
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { AlignOptions, PlanReference, SelectionOptions } from "../align/types.js";
import { defaultEmbeddingsCache } from "../embeddings/default-cache.js";
import { EmbeddingsError } from "../embeddings/errors.js";
import type { AuditReport } from "../findings/types.js";
import type { DocumentMeta } from "../load/files.js";
import type { PlanBatch } from "../load/plan-batch.js";
import type { PlanValidation } from "../load/validate.js";
import { InputError, type PlanIssue } from "../model/input-error.js";
import type { Level, Plan } from "../model/plan.js";
import type { AuditFormat } from "../report/render-audit.js";
import type { ReportLanguage } from "../report/labels.js";
import type { ReportFormat } from "../report/render-alignment.js";
import type { TextEmbeddings } from "../similarity/embeddings.js";
import { terminalText } from "../report/formats.js";
import { helpConfiguration, localizeCommanderError } from "./commander-text.js";
import { describeInputIssue, describeUnreadableLine } from "./input-messages.js";
import { cliLanguage, messagesIn } from "./messages.js";
import { handleOutputStreamErrors, OutputError, writeOutputFile } from "./output.js";
import type { StdinFormat } from "./standard-input.js";
import { nearestPlans, type KnownPlan } from "./suggest-plan.js";
// Inlined by the build, so dist/cli.js knows its version wherever the package is installed.
import { version } from "../../package.json";

// The library loads when a command runs, not to print help or refuse an argument.
const library = () => import("./library.js");

// The command line: parses arguments and prints. Everything it does is a library call, loaded when a command runs.

// Help, errors and progress in the reader's language: --lang, else the locale (src/cli/messages.ts).
const language = cliLanguage(process.argv.slice(2), process.env);
const say = messagesIn(language);

handleOutputStreamErrors(say);

// Set before the commands are added: each command takes them over from the program.
const program = new Command("plan-align")
  .description(say("program.description"))
  .version(version, "-V, --version", say("option.version"))
  .helpOption("-h, --help", say("option.help"))
  .helpCommand("help [command]", say("command.help"))
  .configureHelp(helpConfiguration(language))
  .configureOutput({ outputError: (text, write) => write(localizeCommanderError(text, language)) })
  .addHelpText("after", say("program.language"))
  .showHelpAfterError();

const formatOption = () =>
  new Option("-f, --format <format>", say("option.format")).choices(["text", "json"]).default("text");

/** `--lang` of the commands that write no report: the language of their help, errors and progress only. */
const messagesLanguageOption = () => new Option("--lang <lang>", say("option.messagesLang")).choices(["zh", "en"]);

/** The format of `-` (standard input), which has no file extension to tell it; detected when not given. */
const stdinFormatOption = (formats: readonly StdinFormat[]) =>
  new Option("--stdin-format <format>", say("option.stdinFormat")).choices(formats);

const stdinNote = say("note.stdin");

const planWithParentsHelp = `${say("argument.planWithParents")}${stdinNote}`;

program
  .command("list")
  .description(say("list.description"))
  .addOption(formatOption())
  .addOption(messagesLanguageOption())
  .action(async (options: { format: string }) => {
    const { listBundledPlans } = await library();
    const plans = listBundledPlans();
    if (options.format === "json") return printJson(plans);
    for (const plan of plans) {
      // A part not known whole is marked, its count not being all it has; one not known at all shows ？, not 0.
      const count = (part: "indicators" | "tasks" | "projects") =>
        plan.known[part] === "unknown" ? "  ？ " : `${String(plan.counts[part]).padStart(3)}${plan.known[part] === "complete" ? " " : "＊"}`;
      console.log(
        [plan.id.padEnd(9), plan.level.padEnd(8), `↑ ${(plan.parent ?? "-").padEnd(9)}`,
          `指标 ${count("indicators")}  任务 ${count("tasks")}  工程 ${count("projects")}`,
          plan.title].join("  "),
      );
    }
    if (plans.some((plan) => Object.values(plan.known).some((known) => known !== "complete"))) {
      console.log("＊ 只知一部分（分组标题、截断前的部分或少数条目）；？ 未知");
    }
  });

program
  .command("validate")
  .description(say("validate.description"))
  .argument("[plans...]", `${say("validate.plans")}${stdinNote}`)
  .option("--all", say("validate.all"))
  .addOption(formatOption())
  .addOption(messagesLanguageOption())
  .addOption(stdinFormatOption(["json", "yaml", "document"]))
  .action(async (plans: string[], options: { all?: boolean; format: string; stdinFormat?: StdinFormat }) => {
    const { bundledPlanIds, validatePlan, validateStandardInput } = await library();
    const inputs = options.all === true ? [...bundledPlanIds, ...plans] : plans;
    if (inputs.length === 0) program.error(say("validate.none"));
    const results: PlanValidation[] = [];
    for (const input of inputs) {
      const unknown = isStandardInput(input) ? undefined : await unknownPlanName(input);
      // A name that is neither an id nor a file is checked here, so the nearest ids can be suggested.
      if (unknown !== undefined) results.push({ input, file: input, id: null, valid: false, problems: [{ path: "", message: unknown }] });
      else results.push(isStandardInput(input) ? await validateStandardInput(options.stdinFormat) : await validatePlan(input));
    }
    if (options.format === "json") printJson({ valid: results.every((result) => result.valid), plans: results });
    else for (const result of results) printValidation(result);
    if (!results.every((result) => result.valid)) process.exitCode = 1;
  });

// The report's language defaults to Chinese whatever the locale; --lang sets the help's and messages' too.
const reportOptions = (command: Command, formats = ["text", "json", "md", "csv", "html", "items-json"], defaultFormat = "md", stdinFormats: readonly StdinFormat[] = ["json", "yaml", "document"], defaultFormatDescription?: string) =>
  command
    .addOption(new Option("-f, --format <format>", say("option.format")).choices(formats).default(defaultFormat, defaultFormatDescription))
    .addOption(new Option("--lang <lang>", say("option.lang")).choices(["zh", "en"]).default("zh"))
    .option("--threshold <score>", say("option.threshold"), parseScore)
    .addOption(new Option("--selection <method>", say("option.selection")).choices(["rank", "threshold"]).default("rank"))
    .option("--synonyms <file>", `${say("option.synonyms")}${stdinNote}`)
    .option("--review <file>", `${say("option.review")}${stdinNote}`)
    .addOption(stdinFormatOption(stdinFormats))
    .option("--no-verify-quotes", say("option.noVerifyQuotes"))
    .option("-o, --output <file>", say("option.output"))
    .option("--embeddings-url <url>", say("option.embeddingsUrl"))
    .option("--embeddings-model <name>", say("option.embeddingsModel"))
    .option("--embeddings-key <key>", say("option.embeddingsKey"))
    .option("--embeddings-cache <folder>", say("option.embeddingsCache"), defaultEmbeddingsCache())
    .option("--no-embeddings-cache", say("option.noEmbeddingsCache"))
    .addOption(new Option("--embeddings-timeout <seconds>", say("option.embeddingsTimeout")).argParser(positiveNumber).default(60))
    // Checked before any plan is read: the two name one model behind one endpoint.
    .hook("preAction", (_command, action) => {
      const { embeddingsUrl, embeddingsModel } = action.opts<EmbeddingsCommandOptions>();
      if ((embeddingsUrl === undefined) !== (embeddingsModel === undefined)) action.error(say("embeddings.bothNeeded"));
    });

reportOptions(
  program
    .command("compare")
    .description(say("compare.description"))
    .argument("<reference>", `${say("compare.reference")}${stdinNote}`)
    .argument("<subject>", `${say("compare.subject")}${stdinNote}`),
).action(async (referenceName: string, subjectName: string, options: CompareOptions) => {
  const { alignPlans, renderAlignment } = await library();
  const [reference, subject] = [await resolvePlanArgument(referenceName, options), await resolvePlanArgument(subjectName, options)];
  const alignment = alignPlans(reference, subject, await alignOptionsOf(options, [reference, subject]));
  await emit(renderAlignment(alignment, options.format, { lang: options.lang }), options.output, [referenceName, subjectName, ...optionInputs(options)]);
});

reportOptions(
  program
    .command("chain")
    .description(say("chain.description"))
    .argument("<subject>", planWithParentsHelp),
).action(async (subjectName: string, options: CompareOptions) => {
  const { alignChain, renderChain } = await library();
  const { plan, ancestors } = await resolveWithAncestors("chain", subjectName, options);
  const chain = alignChain(plan, ancestors, await alignOptionsOf(options, [plan, ...ancestors]));
  await emit(renderChain(chain, options.format, { lang: options.lang }), options.output, [subjectName, ...optionInputs(options)]);
});

documentOptions(reportOptions(
  program
    .command("audit")
    .description(say("audit.description"))
    .argument("<plan>", planWithParentsHelp),
  ["text", "json", "md", "csv", "html"],
  "text",
)
  .addOption(new Option("--fail-on <severity>", say("audit.failOn")).choices(["error", "warning"])),
say("audit.documentScope"))
  .action(async (planName: string, options: AuditCommandOptions) => {
    const { auditPlan, renderAudit } = await library();
    const { plan, ancestors } = await resolveWithAncestors("audit", planName, options, documentMetaOf(options));
    const report = auditPlan(plan, { ancestors, align: await alignOptionsOf(options, [plan, ...ancestors]), lang: options.lang });
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
    .description(say("auditAll.description"))
    .argument("[plans...]", `${say("auditAll.plans")}${stdinNote}`)
    .addHelpText("after", say("auditAll.exitCodes")),
  ["text", "json", "jsonl", "csv", "findings-csv", "items-csv", "items-json", "html"],
  "html",
  ["json", "yaml", "jsonl", "document"],
  say("auditAll.formatDefault"),
)
  .addOption(new Option("--fail-on <severity>", say("auditAll.failOn")).choices(["error", "warning"]))
  .addOption(new Option("--threads <count>", say("auditAll.threads")).argParser(positiveInteger).default(availableParallelism(), say("auditAll.threadsDefault")))
  .option("--manifest <file>", say("auditAll.manifest")),
say("auditAll.documentScope"))
  .action(async (inputs: string[], options: AuditAllCommandOptions, command: Command) => {
    if (inputs.length === 0 && options.manifest === undefined) program.error(say("auditAll.none"));
    // Without -f, a terminal gets the text summary; a pipe or a file the HTML page, as before.
    if (command.getOptionValueSource("format") === "default" && options.output === undefined && process.stdout.isTTY === true) options.format = "text";
    const { auditEachInParallel, buildComplianceMatrix, renderBatchReadingLines, renderBatchSummary, renderFindingsCsv, renderItemTable, renderMatrix, version } = await library();
    const batch = await resolvePlans(inputs, options);
    const { plans, unreadable, skipped, notes } = batch;
    const reading = { unreadable, skipped, notes };
    for (const note of notes) process.stderr.write(terminalText(`plan-align: ${note}\n`));
    for (const input of unreadable) process.stderr.write(terminalText(input.reason.map((line) => `plan-align: ${describeUnreadableLine(input.file, line, language, say)}\n`).join("")));
    for (const input of unreadable) {
      const nearest = await suggestedPlans(input.file);
      if (nearest !== undefined) process.stderr.write(terminalText(`plan-align: ${say("plan.unreadableSuggest", { input: input.file, suggestions: nearest })}\n`));
    }
    if (plans.length === 0) {
      // Nothing to audit: as for bad input, no output, and why on standard error.
      for (const input of skipped) process.stderr.write(terminalText(`plan-align: ${say("auditAll.skipped", { file: input.file, reason: input.reason })}\n`));
      if (unreadable.length === 0) program.error(say("auditAll.noPlans", { inputs: inputs.join(", ") }));
      process.exitCode = 1;
      return;
    }
    const outputInputs = [...batch.files, ...optionInputs(options), ...(options.manifest === undefined ? [] : [options.manifest])];
    const onProgress = progressBar(say("progress.audit"));
    const auditOptions = { align: await alignOptionsOf(options, await withBundledAncestors(plans, options)), lang: options.lang, ...(onProgress === undefined ? {} : { onProgress: (done: number, total: number, plan: PlanReference) => onProgress(done, total, plan.id) }) };
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
        : options.format === "csv" ? renderMatrix(matrix, reports, "csv", options.lang, reading)
        : renderMatrix(matrix, reports, "html", options.lang, reading, { plans: [...plans, ...ancestors.values()], date: today(), options: optionsGiven(command) });
      await emit(text, options.output, outputInputs);
    }
    if (unreadable.length > 0) process.exitCode = 4;
    else if (failed) process.exitCode = 3;
  });

/**
 * Today's date, YYYY-MM-DD, for a report's header: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible
 * builds convention), when set, fixes it, so that a test or a build makes the same page each run.
 */
function today(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((part) => String(part).padStart(2, "0")).join("-");
}

/** The options given on the command line that shape the results, as [option, value] pairs (value empty for a flag), for a report's header. */
function optionsGiven(command: Command): Array<[string, string]> {
  // The key is a secret, not a setting.
  const aside = new Set(["output", "format", "threads", "embeddingsKey"]);
  return command.options.flatMap((option): Array<[string, string]> => {
    const name = option.attributeName();
    if (aside.has(name) || command.getOptionValueSource(name) !== "cli" || option.long === undefined) return [];
    const value: unknown = command.getOptionValue(name);
    return [[option.long, typeof value === "boolean" ? "" : String(value)]];
  });
}

/** The options of what is known of a document, as `extract` has them, added to a command. */
function documentOptions(command: Command, scope: string): Command {
  return command
    .option("--title <title>", say("option.title", { scope }))
    .option("--jurisdiction <name>", say("option.jurisdiction", { scope }))
    .addOption(new Option("--level <level>", say("option.level", { scope })).choices(["national", "province", "city", "county"]))
    .option("--parent <name>", say("option.parent", { scope }));
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
  const onProgress = progressBar(say("progress.read"));
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
  .description(say("extract.description"))
  .argument("<document>", `${say("extract.document")}${stdinNote}${say("extract.stdinId")}`)
  .addOption(new Option("-f, --format <format>", say("option.format")).choices(["json", "yaml"]).default("json"))
  .addOption(messagesLanguageOption())
  .option("--id <id>", say("extract.id"))
  .option("-o, --output <file>", say("extract.output")),
say("extract.documentScope"))
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
      process.stderr.write(terminalText(`${say("extract.written", {
        output: options.output, title: plan.title, jurisdiction: plan.jurisdiction.name, level: plan.jurisdiction.level, parent: plan.jurisdiction.parent ?? "-",
        sections: plan.sections.length, indicators: plan.indicators.length, tasks: plan.tasks.length, projects: plan.projects.length,
      })}\n`));
    }
    if (plan.completeness !== undefined) {
      const ending = plan.completeness.endsWith.slice(-40);
      process.stderr.write(terminalText(`${say("extract.cutOff", { document: fromStandardInput ? standardInputName : document, reasons: plan.completeness.reasons.join(", "), ending })}\n`));
    }
  });

/** A plan and the bundled plans above it; a plan with none above it is a usage error. */
async function resolveWithAncestors(command: string, name: string, options: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">, meta: DocumentMeta = {}) {
  const { getAncestorPlans, standardInputName } = await library();
  const plan = await resolvePlanArgument(name, options, meta);
  const ancestors = getAncestorPlans(plan);
  if (ancestors.length === 0) {
    const input = isStandardInput(name) ? standardInputName : name;
    const hint = plan.jurisdiction.level === "national" ? "" : say("plan.noParentHint");
    throw new InputError(command, [{ path: "", message: `${say("plan.noParent", { input, jurisdiction: plan.jurisdiction.name })}${hint}` }]);
  }
  return { plan, ancestors };
}

/** What extraction had to assume, one line each, on standard error: the plan is made, but the user should know. */
function printWarnings(input: string, warnings: readonly PlanIssue[]): void {
  for (const warning of warnings) process.stderr.write(terminalText(`plan-align: ${say("warning", { message: describeInputIssue(input, warning, language, say) })}\n`));
}

/**
 * Why `name` names no plan, when it is neither a bundled id nor a file (nor a folder), with the nearest
 * bundled ids if any is near; undefined when it names one.
 */
async function unknownPlanName(name: string): Promise<string | undefined> {
  const { bundledPlanIds } = await library();
  if (bundledPlanIds.includes(name) || (await stat(name).then(() => true, () => false))) return undefined;
  const nearest = await suggestedPlans(name);
  return nearest === undefined ? say("plan.unknown", { ids: bundledPlanIds.join(", ") }) : say("plan.unknownSuggest", { suggestions: nearest });
}

/** The bundled plans as suggestions name them, read once (a batch may have many unreadable inputs). */
let knownPlans: KnownPlan[] | undefined;

/** The bundled plans nearest to `name` (nanyan, 南阳), as a list to print; undefined when none is near. */
async function suggestedPlans(name: string): Promise<string | undefined> {
  const { bundledPlanIds, getBundledPlan } = await library();
  if (bundledPlanIds.includes(name)) return undefined;
  knownPlans ??= bundledPlanIds.map((id) => ({ id, jurisdiction: getBundledPlan(id).jurisdiction.name }));
  const nearest = nearestPlans(name, knownPlans);
  return nearest.length === 0 ? undefined : nearest.map((plan) => say("plan.suggestion", { ...plan })).join(say("plan.suggestionSeparator"));
}

/** The plan an argument names: a bundled id, a plan file, a document (extracted with `meta`), or `-` for standard input. */
async function resolvePlanArgument(name: string, { verifyQuotes, stdinFormat }: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">, meta: DocumentMeta = {}): Promise<Plan> {
  const { readPlansFromStandardInput, resolvePlan } = await library();
  const given = Object.keys(meta).length === 0 ? {} : { meta };
  if (!isStandardInput(name)) {
    const unknown = await unknownPlanName(name);
    if (unknown !== undefined) throw new InputError(name, [{ path: "", message: unknown }]);
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

/** The options of a model of meaning behind an endpoint, which every command that aligns takes. */
interface EmbeddingsCommandOptions {
  embeddingsUrl?: string;
  embeddingsModel?: string;
  embeddingsKey?: string;
  /** A folder, or false with --no-embeddings-cache. */
  embeddingsCache: string | false;
  /** Seconds. */
  embeddingsTimeout: number;
}

interface CompareOptions extends EmbeddingsCommandOptions {
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

/**
 * The options of alignment the command line gives, for aligning `plans` (every plan compared, those above
 * included), with the topic space fitted once on them and the bundled plans: more plans of the field teach
 * more of which words go together.
 */
async function alignOptionsOf(options: Omit<CompareOptions, "format">, plans: readonly Plan[]): Promise<AlignOptions> {
  const { threshold, selection, synonyms, review, stdinFormat } = options;
  const { bundledPlanIds, createSynonymTable, defaultSynonymGroups, fitTopics, getBundledPlan, loadReviewFile, loadSynonymFile, readReviewFromStandardInput, readSynonymsFromStandardInput } = await library();
  const readSynonyms = (file: string) => (isStandardInput(file) ? readSynonymsFromStandardInput(stdinFormat) : loadSynonymFile(file));
  const readReview = (file: string) => (isStandardInput(file) ? readReviewFromStandardInput(stdinFormat) : loadReviewFile(file));
  const scorerOptions = {
    ...(synonyms === undefined ? {} : { synonyms: createSynonymTable([...defaultSynonymGroups, ...(await readSynonyms(synonyms))]) }),
    ...(await embeddingsOf(options, plans)),
    topics: fitTopics([...new Map([...bundledPlanIds.map(getBundledPlan), ...plans].map((plan) => [plan.id, plan])).values()]),
  };
  return {
    selection: { method: selection },
    ...(threshold === undefined ? {} : { thresholds: { indicator: threshold, task: threshold, project: threshold, section: threshold } }),
    scorerOptions,
    ...(review === undefined ? {} : { review: await readReview(review) }),
  };
}

/**
 * The vectors of every item of `plans` from the model of meaning that --embeddings-url and
 * --embeddings-model name, with a progress bar on a terminal; nothing without them.
 */
async function embeddingsOf(options: EmbeddingsCommandOptions, plans: readonly Plan[]): Promise<{ embeddings?: TextEmbeddings }> {
  const { embeddingsUrl: url, embeddingsModel: model, embeddingsCache: cacheDir } = options;
  if (url === undefined || model === undefined) return {};
  const { embedPlans } = await library();
  const apiKey = options.embeddingsKey ?? process.env.PLAN_ALIGN_EMBEDDINGS_KEY;
  const onProgress = progressBar(say("progress.embed"));
  const embeddings = await embedPlans(plans, {
    url, model, timeoutMs: options.embeddingsTimeout * 1000,
    ...(apiKey === undefined || apiKey === "" ? {} : { apiKey }),
    ...(cacheDir === false ? {} : { cacheDir }),
    ...(onProgress === undefined ? {} : { onProgress: (done: number, total: number) => onProgress(done, total, model) }),
  });
  return { embeddings };
}

/** The plans of a batch and the bundled plans above them: every plan its audits may compare. */
async function withBundledAncestors(plans: readonly Plan[], options: EmbeddingsCommandOptions): Promise<Plan[]> {
  if (options.embeddingsUrl === undefined) return [...plans];
  const { getAncestorPlans } = await library();
  return [...new Set([...plans, ...plans.flatMap((plan) => getAncestorPlans(plan))])];
}

function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === "" || !Number.isFinite(score) || score < 0 || score > 1) throw new InvalidArgumentError(say("argument.score"));
  return score;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(say("argument.positiveNumber"));
  return number;
}

function positiveInteger(value: string): number {
  const count = Number(value);
  if (!/^\d+$/u.test(value.trim()) || !Number.isSafeInteger(count) || count < 1) throw new InvalidArgumentError(say("argument.positiveInteger"));
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
  const plan = result.id ?? result.input;
  if (result.valid) {
    console.log(terminalText(say("validate.valid", { plan, file: result.file })));
    return;
  }
  const count = result.problems.length;
  console.log(terminalText(say(count === 1 ? "validate.oneProblem" : "validate.problems", { plan, count, file: result.file })));
  for (const problem of result.problems) {
    // English names the whole plan "(plan)", as it always has; Chinese words a problem of the whole plan its own way.
    const issue = language === "en" && problem.path === "" ? { ...problem, path: "(plan)" } : problem;
    console.log(terminalText(`  ${describeInputIssue(result.file, issue, language, say)}`));
  }
}

function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof InputError) {
    // Bad input: one line per problem, with the file (or the function) and the path inside it.
    for (const issue of error.issues) console.error(terminalText(`plan-align: ${describeInputIssue(error.input, issue, language, say)}`));
    process.exitCode = 1;
    return;
  }
  if (error instanceof EmbeddingsError) {
    // The endpoint cannot give vectors: a server to start, a URL, model or key to correct.
    console.error(terminalText(`plan-align: ${say(`embeddings.${error.failure}`, error.values)}`));
    process.exitCode = 1;
    return;
  }
  if (error instanceof OutputError) {
    // Output that cannot go where it was asked to (a missing folder, a FIFO, the input itself) is the user's to fix.
    console.error(terminalText(`plan-align: ${error.describe(say)}`));
    process.exitCode = 1;
    return;
  }
  console.error(terminalText(`plan-align: ${error instanceof Error ? error.message : String(error)}`));
  process.exitCode = 2;
});
