#!/usr/bin/env node
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { readdir, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { AlignOptions, PlanReference, SelectionOptions } from "../align/types.js";
import type { AuditReport } from "../findings/types.js";
import type { PlanValidation } from "../load/validate.js";
import { describeIssue, InputError } from "../model/input-error.js";
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

const reportOptions = (command: Command, formats = ["text", "json", "md", "csv", "html"], defaultFormat = "md", stdinFormats: readonly StdinFormat[] = ["json", "yaml", "document"]) =>
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

reportOptions(
  program
    .command("audit")
    .description("audit a plan against every plan above it: where it falls short, what it misses, what it adds")
    .argument("<plan>", planWithParentsHelp),
  ["text", "json", "md", "csv", "html"],
  "text",
)
  .addOption(new Option("--fail-on <severity>", "exit with 3 when a finding of this severity or worse is found").choices(["error", "warning"]))
  .action(async (planName: string, options: AuditCommandOptions) => {
    const { auditPlan, renderAudit } = await library();
    const { plan, ancestors } = await resolveWithAncestors("audit", planName, options);
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

reportOptions(
  program
    .command("audit-all")
    .description("audit many plans at once, each against the plans above it (given ones first), with the compliance matrix")
    .argument("<plans...>", `plan files, documents, corpora of plans in JSON lines (.jsonl), or folders of them; bundled ids too${stdinNote}`),
  ["json", "jsonl", "csv", "findings-csv", "html"],
  "html",
  ["json", "yaml", "jsonl", "document"],
)
  .addOption(new Option("--fail-on <severity>", "exit with 3 when any plan has a finding of this severity or worse").choices(["error", "warning"]))
  .addOption(new Option("--threads <count>", "audits at once, on worker threads").argParser(positiveInteger).default(availableParallelism(), "one per core"))
  .action(async (inputs: string[], options: AuditAllCommandOptions) => {
    const { auditEachInParallel, buildComplianceMatrix, renderFindingsCsv, renderMatrix } = await library();
    const plans = await resolvePlans(inputs, options);
    const onProgress = progressBar(plans.length);
    const auditOptions = { align: await alignOptionsOf(options), lang: options.lang, ...(onProgress === undefined ? {} : { onProgress }) };
    let failed = false;
    // Audits run on every core and come back in input order: one line each as it is done for jsonl, so memory
    // stays flat (to a file, whole or not at all); the rest need all reports for the matrix.
    const lines: string[] = [];
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
      if (options.output !== undefined) await emit(lines.join(""), options.output, [...inputs, ...optionInputs(options)]);
    } else {
      const matrix = buildComplianceMatrix(reports, [...ancestors.values()]);
      const text = options.format === "json" ? `${JSON.stringify({ reports, matrix }, null, 2)}\n`
        : options.format === "findings-csv" ? renderFindingsCsv(reports) : renderMatrix(matrix, reports, options.format, options.lang);
      await emit(text, options.output, [...inputs, ...optionInputs(options)]);
    }
    if (failed) process.exitCode = 3;
  });

/** Plans from files, documents and folders of them (one level deep), or bundled ids; all or none. */
async function resolvePlans(inputs: readonly string[], { verifyQuotes, stdinFormat }: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">): Promise<Plan[]> {
  const { isBundledPlanId, loadPlanCorpus, readPlansFromStandardInput, resolvePlan } = await library();
  const names: string[] = [];
  for (const input of inputs) {
    if (isBundledPlanId(input) || isStandardInput(input) || !(await isDirectory(input))) names.push(input);
    else names.push(...(await readdir(input)).filter((name) => planInputExtensions.has(path.extname(name).toLowerCase())).sort().map((name) => path.join(input, name)));
  }
  if (names.length === 0) program.error(`audit-all: no plan files or documents in ${inputs.join(", ")}`);
  const plans: Plan[] = [];
  for (const name of names) {
    // A corpus in JSON lines, one plan per line, as an engine partitioning a corpus writes it.
    if (isStandardInput(name)) plans.push(...(await readPlansFromStandardInput({ format: stdinFormat, verifyQuotes, accepted: ["json", "yaml", "jsonl", "document"] })));
    else if (path.extname(name).toLowerCase() === ".jsonl") plans.push(...(await loadPlanCorpus(name, { verifyQuotes })));
    else plans.push((await resolvePlan(name, { verifyQuotes })).plan);
  }
  const ids = new Map<string, number>();
  for (const plan of plans) ids.set(plan.id, (ids.get(plan.id) ?? 0) + 1);
  const repeated = [...ids].filter(([, count]) => count > 1).map(([id]) => id);
  if (repeated.length > 0) program.error(`audit-all: several plans have the id ${repeated.join(", ")}; give each plan its own id`);
  return plans;
}

const planInputExtensions = new Set([".json", ".jsonl", ".yaml", ".yml", ".txt", ".html", ".htm"]);

async function isDirectory(name: string): Promise<boolean> {
  return stat(name).then((entry) => entry.isDirectory(), () => false);
}

/** A progress bar on standard error, on a terminal only (not when piped or in CI logs). */
function progressBar(total: number): ((done: number, all: number, plan: PlanReference) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar({ format: "{bar} {value}/{total} {plan}", stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
  bar.start(total, 0, { plan: "" });
  return (done, _all, plan) => {
    bar.update(done, { plan: plan.id });
    if (done === total) bar.stop();
  };
}

program
  .command("extract")
  .description("read a plan out of a document (PDF, Word .docx/.doc, HTML or text): sections, indicators, tasks, projects, units, quotes")
  .argument("<document>", `the document, its format told by content: PDF, Word (.docx, .doc), an HTML page or a text file in UTF-8, UTF-16, GB18030/GBK/GB2312 or Big5${stdinNote} (its plan's id is then "stdin" unless --id gives one)`)
  .addOption(new Option("-f, --format <format>", "output format").choices(["json", "yaml"]).default("json"))
  .option("--id <id>", "the plan's id (default: from the file name)")
  .option("--title <title>", "the title, where the document does not show it")
  .option("--jurisdiction <name>", "the jurisdiction, e.g. 代县, where the title does not start with it")
  .addOption(new Option("--level <level>", "the jurisdiction's level").choices(["national", "province", "city", "county"]))
  .option("--parent <name>", "the jurisdiction above, e.g. 忻州市, where the document does not cite it")
  .option("-o, --output <file>", "write the plan to this file (written whole or not at all); its source is named relative to it")
  .action(async (document: string, options: ExtractOptions) => {
    const { extractPlan, idFromFileName, readDocumentFile, readStandardInputDocument, standardInputName, stringifyYaml } = await library();
    const fromStandardInput = isStandardInput(document);
    const raw = fromStandardInput ? await readStandardInputDocument() : (await readDocumentFile(document)).text;
    // A document from standard input has no file to name as the plan's source: it is named <stdin>.
    const sourceFile = fromStandardInput ? standardInputName
      : options.output === undefined ? document : path.relative(path.dirname(path.resolve(options.output)), path.resolve(document));
    const { plan } = extractPlan(raw, {
      id: options.id ?? idFromFileName(fromStandardInput ? standardInputName : document),
      sourceFile,
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.jurisdiction === undefined && options.level === undefined && options.parent === undefined ? {} : {
        jurisdiction: {
          ...(options.jurisdiction === undefined ? {} : { name: options.jurisdiction }),
          ...(options.level === undefined ? {} : { level: options.level }),
          ...(options.parent === undefined ? {} : { parent: options.parent }),
        },
      }),
    });
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
async function resolveWithAncestors(command: string, name: string, options: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">) {
  const { getAncestorPlans, standardInputName } = await library();
  const plan = await resolvePlanArgument(name, options);
  const ancestors = getAncestorPlans(plan);
  if (ancestors.length === 0) program.error(`${command}: no bundled plan sits above ${isStandardInput(name) ? standardInputName : name} (${plan.jurisdiction.name})`);
  return { plan, ancestors };
}

/** The plan an argument names: a bundled id, a plan file, a document, or `-` for standard input. */
async function resolvePlanArgument(name: string, { verifyQuotes, stdinFormat }: Pick<CompareOptions, "verifyQuotes" | "stdinFormat">): Promise<Plan> {
  const { readPlansFromStandardInput, resolvePlan } = await library();
  if (!isStandardInput(name)) return (await resolvePlan(name, { verifyQuotes })).plan;
  const [plan] = await readPlansFromStandardInput({ format: stdinFormat, verifyQuotes, accepted: ["json", "yaml", "document"] });
  // One plan is all a single-plan format holds.
  return plan!;
}

const isStandardInput = (name: string) => name === "-";

interface ExtractOptions {
  format: "json" | "yaml";
  id?: string;
  title?: string;
  jurisdiction?: string;
  level?: Level;
  parent?: string;
  output?: string;
}

interface AuditCommandOptions extends Omit<CompareOptions, "format"> {
  format: AuditFormat;
  failOn?: "error" | "warning";
}

interface AuditAllCommandOptions extends Omit<CompareOptions, "format"> {
  format: "json" | "jsonl" | "csv" | "findings-csv" | "html";
  threads: number;
  failOn?: "error" | "warning";
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
