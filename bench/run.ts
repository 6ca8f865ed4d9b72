// npm run bench: how fast the pipeline is on this machine, as a table; `npm run bench -- --json` prints one
// JSON object instead. A benchmark, not a test: nothing fails when the machine is slow. Figures that compare
// (baselineRatio, × baseline) are taken in the same run, because absolute times vary across runs here.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import diceCoefficient from "natural/lib/natural/distance/dice_coefficient.js";
import { alignPlans, auditPlan, extractPlan, fitTopics, getBundledPlan, listBundledPlans, parseTarget, renderAudit, type Plan } from "../src/index.js";
import { benchReadDocuments } from "./read-documents.js";

const { values: flags } = parseArgs({ options: { json: { type: "boolean", default: false }, "skip-hierarchy": { type: "boolean", default: false } } });
const root = path.join(import.meta.dirname, "..");

/** The median time of `runs` calls, after one call to warm up. */
function medianMs(run: () => unknown, runs: number): number {
  run();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const plans = listBundledPlans().map((summary) => getBundledPlan(summary.id));
const orderedPairs = plans.flatMap((reference) => plans.filter((subject) => subject !== reference).map((subject) => [reference, subject] as const));

// Alignment: every ordered pair of the bundled plans, each timed on its own.
const alignTimes = orderedPairs.map(([reference, subject]) => medianMs(() => alignPlans(reference, subject), 5));

// Alignment as the command line and batches do it, with the topic space fitted once on every bundled plan:
// each pair timed with the fit's time spread over all the pairs (the set-up a batch pays once).
const topicFitMs = medianMs(() => fitTopics(plans), 3);
const topics = fitTopics(plans);
const topicAlignTimes = orderedPairs.map(([reference, subject]) => medianMs(() => alignPlans(reference, subject, { scorerOptions: { topics } }), 5) + topicFitMs / orderedPairs.length);

// The naive baseline: every pair of item texts of the two plans scored with natural's stock Dice coefficient,
// nothing prepared, nothing selected. Both sides are timed over all ordered pairs, in alternation.
const itemTexts = (plan: Plan) => [
  ...plan.indicators.map((indicator) => `${indicator.name}${indicator.target ?? ""}`),
  ...plan.tasks.map((task) => task.text),
  ...plan.projects.map((project) => project.text),
  ...plan.sections.map((section) => section.title),
];
const texts = new Map(plans.map((plan) => [plan, itemTexts(plan)]));
const naive = () => {
  for (const [reference, subject] of orderedPairs) for (const a of texts.get(reference)!) for (const b of texts.get(subject)!) diceCoefficient(a, b);
};
const ours = () => {
  for (const [reference, subject] of orderedPairs) alignPlans(reference, subject);
};
const naiveMs = medianMs(naive, 3);
const oursMs = medianMs(ours, 3);

// Extraction: the five bundled sources, read as a user's documents would be.
const sources = ["daixian", "nanyang", "jilin", "ningbo", "jinhua"].map((id) => ({ id, text: readFileSync(path.join(root, "data", "sources", `${id}.txt`), "utf8") }));
const sourceBytes = sources.reduce((sum, source) => sum + Buffer.byteLength(source.text), 0);
const extractMs = medianMs(() => sources.forEach((source) => extractPlan(source.text, { id: source.id })), 5);

// Reading documents of every format, beside reading them as UTF-8 text.
const reading = await benchReadDocuments();

// Stages on single plans, against a baseline every user pays anyway (a JSON round trip of the 代县 plan).
const daixian = getBundledPlan("daixian");
const targets = plans.flatMap((plan) => plan.indicators.map((indicator) => indicator.target ?? ""));
const stageBaseline = medianMs(() => JSON.parse(JSON.stringify(daixian)), 50);
const stages = [
  ["baseline: JSON round trip of the 代县 plan", stageBaseline],
  [`parseTarget: every bundled target (${targets.length})`, medianMs(() => targets.forEach((target) => parseTarget(target)), 20)],
  ["auditPlan: 代县 against 山西省 and the nation", medianMs(() => auditPlan(daixian), 10)],
  ["renderAudit: 代县 as HTML (audit included)", medianMs(() => renderAudit(auditPlan(daixian), "html"), 10)],
  ["alignPlans: 吉林 ↔ 南阳", medianMs(() => alignPlans(getBundledPlan("jilin"), getBundledPlan("nanyang")), 10)],
] as const;

// The synthetic nation runs in a process of its own, so that its peak memory is its own.
const hierarchy = flags["skip-hierarchy"]
  ? null
  : JSON.parse(execFileSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "hierarchy.ts")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 }));

const result = {
  alignMedianMs: round(quantile(alignTimes, 0.5)),
  alignP95Ms: round(quantile(alignTimes, 0.95)),
  alignPairs: orderedPairs.length,
  topicFitMs: round(topicFitMs),
  topicAlignMedianMs: round(quantile(topicAlignTimes, 0.5)),
  topicAlignP95Ms: round(quantile(topicAlignTimes, 0.95)),
  extractMBps: round(sourceBytes / 1e6 / (extractMs / 1000)),
  reading,
  hierarchy,
  baselineRatio: round(naiveMs / oursMs),
};

if (flags.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const rows: [string, string][] = [
    [`alignment, median over ${orderedPairs.length} ordered pairs of bundled plans`, `${result.alignMedianMs} ms`],
    ["alignment, 95th percentile", `${result.alignP95Ms} ms`],
    ["fitting the topic space on every bundled plan (once per batch or command)", `${result.topicFitMs} ms`],
    ["alignment with the topic space, its fit spread over the pairs: median", `${result.topicAlignMedianMs} ms`],
    ["alignment with the topic space, its fit spread over the pairs: 95th percentile", `${result.topicAlignP95Ms} ms`],
    ["naive baseline (natural's Dice on all item-text pairs) ÷ alignPlans, same pairs", `${result.baselineRatio}×`],
    ["extraction of the five sources", `${result.extractMBps} MB/s`],
    ...reading.formats.map(({ format, documentsPerSecond, timesBaseline }) => [`reading 代县 and 南阳: ${format}`, `${documentsPerSecond} documents/s (${timesBaseline}× UTF-8 text)`] as [string, string]),
    ["  reading's share of reading, extracting and auditing those PDFs", `${round(reading.pdfReadShare * 100)}%`],
    ...stages.map(([name, ms]) => [name, `${round(ms)} ms (${round(ms / stageBaseline)}× baseline)`] as [string, string]),
  ];
  if (hierarchy !== null) {
    rows.push(
      [`synthetic nation: ${hierarchy.plans} plans audited against their ancestors`, `${hierarchy.wallSeconds} s wall, ${hierarchy.peakRssMB} MB peak`],
      ["  plan pairs audited per second", String(hierarchy.pairsPerSecond)],
      ["  findings against the kept truth", `precision ${hierarchy.precision}, recall ${hierarchy.recall}`],
    );
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
