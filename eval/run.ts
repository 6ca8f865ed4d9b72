// npm run eval: precision, recall and F1 of alignPlans against the gold alignments, per set and per
// category, for the default tokenizer and the alternatives measured in docs/tokenization.md.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AlignOptions } from "../src/align/types.js";
import { defaultEmbeddingsCache } from "../src/embeddings/default-cache.js";
import { embedPlans } from "../src/embeddings/embed.js";
import { EmbeddingsError } from "../src/embeddings/errors.js";
import type { TextEmbeddings } from "../src/similarity/embeddings.js";
import type { Tokenizer } from "../src/text/tokenize.js";
import { extractPlan } from "../src/extract/extract-plan.js";
import { comparableForm, variants } from "./variants.js";
import { extractionSources, readSource, scoreExtraction } from "./extraction.js";
import { layoutsDirectory, metadataFields, openingsDirectory, scoreMetadata, type MetadataScore } from "./metadata.js";
import { measureAgreement } from "./agreement.js";
import { runBaseline, summarizeBaseline } from "./baseline.js";
import { fitTopics } from "../src/align/fit-topics.js";
import { categoryOf, goldPlans, loadGoldSets, measuresUnder, rankGoldSet, scoreGoldSet, summarize, type GoldSet, type SetScore } from "./gold.js";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);

function printTable(title: string, sets: readonly GoldSet[], scores: readonly SetScore[], verbose: boolean) {
  const use = (set: GoldSet | undefined) => (set === undefined || categoryOf(set) !== "tasks" ? "" : set.tuning === true ? "tuning" : "held-out");
  console.log(`\n${title}`);
  console.log(`${"set".padEnd(30)} ${"use".padEnd(8)} ${"P".padStart(7)} ${"R".padStart(7)} ${"F1".padStart(7)}   tp fp fn`);
  scores.forEach((score, index) => {
    console.log(`${score.name.padEnd(30)} ${use(sets[index]).padEnd(8)} ${percent(score.precision)} ${percent(score.recall)} ${percent(score.f1)}   ${score.truePositives} ${score.falsePositives} ${score.falseNegatives}`);
    if (verbose) {
      for (const pair of score.extra) console.log(`    + ${pair}`);
      for (const pair of score.missed) console.log(`    - ${pair}`);
    }
  });
  const line = (name: string, total: ReturnType<typeof summarize>) =>
    console.log(`${name.padEnd(39)} ${percent(total.precision)} ${percent(total.recall)} ${percent(total.f1)}`);
  for (const category of ["indicators", "groups", "tasks"] as const) {
    if (!scores.some((score) => score.category === category)) continue;
    line(`all ${category === "tasks" ? "tasks and projects" : category} (micro)`, summarize(scores, category));
  }
  const part = (tuning: boolean) => scores.filter((_, index) => sets[index] !== undefined && use(sets[index]) === (tuning ? "tuning" : "held-out"));
  if (part(true).length > 0) line("  tuning sets (micro)", summarize(part(true), "tasks"));
  if (part(false).length > 0) line("  held-out sets (micro)", summarize(part(false), "tasks"));
}

/**
 * How far audits' "missing task/project" findings can be trusted: of the items reported missing, how many gold
 * leaves unmatched (precision); of those gold leaves unmatched, how many are reported (found).
 */
function printFindingQuality(scores: readonly SetScore[]) {
  console.log("\nmissing-task and missing-project findings against the gold (tasks and projects sets)");
  console.log(`${"set".padEnd(30)} ${"missing".padStart(8)} ${"correct".padStart(8)} ${"precision".padStart(10)} ${"found".padStart(9)}   ${"unconfirmed".padStart(11)} ${"with a gold pair".padStart(17)} ${"gold among candidates".padStart(22)}`);
  const total = { reported: 0, correct: 0, gold: 0 };
  const unconfirmed = { reported: 0, withGoldCounterpart: 0, withGoldCandidate: 0 };
  const row = (name: string, missing: typeof total, others: typeof unconfirmed) => {
    const precision = missing.reported === 0 ? "—" : percent(missing.correct / missing.reported);
    const found = `${missing.correct}/${missing.gold}`;
    console.log(`${name.padEnd(30)} ${String(missing.reported).padStart(8)} ${String(missing.correct).padStart(8)} ${precision.padStart(10)} ${found.padStart(9)}   ${String(others.reported).padStart(11)} ${String(others.withGoldCounterpart).padStart(17)} ${String(others.withGoldCandidate).padStart(22)}`);
  };
  for (const score of scores.filter((entry) => entry.category === "tasks")) {
    for (const field of ["reported", "correct", "gold"] as const) total[field] += score.missing[field];
    for (const field of ["reported", "withGoldCounterpart", "withGoldCandidate"] as const) unconfirmed[field] += score.unconfirmed[field];
    row(score.name, score.missing, score.unconfirmed);
  }
  row("all", total, unconfirmed);
}

/**
 * plan-align beside the plain baseline (eval/baseline.ts), computed in this run, on every task and project
 * set: F1 with required pairs only (the floors' convention) and with gold's optional pairs neutral.
 */
function printBeside(sets: readonly GoldSet[], scores: readonly SetScore[]) {
  const baseline = runBaseline(sets);
  console.log(`\nplan-align beside the plain baseline (jieba words, TF-IDF cosine, best counterpart both ways at ≥ ${baseline.threshold.toFixed(2)}, the threshold chosen on the tuning sets)`);
  console.log(`${"set".padEnd(30)} ${"use".padEnd(8)} ${"plan-align P/R/F1".padStart(23)} ${"F1 opt.".padStart(7)}   ${"baseline P/R/F1".padStart(23)} ${"F1 opt.".padStart(7)}`);
  const row = (name: string, use: string, ours: ReturnType<typeof measuresUnder>, oursOptional: ReturnType<typeof measuresUnder>, theirs: ReturnType<typeof measuresUnder>, theirsOptional: ReturnType<typeof measuresUnder>) =>
    console.log(`${name.padEnd(30)} ${use.padEnd(8)} ${percent(ours.precision)} ${percent(ours.recall)} ${percent(ours.f1)} ${percent(oursOptional.f1)}   ${percent(theirs.precision)} ${percent(theirs.recall)} ${percent(theirs.f1)} ${percent(theirsOptional.f1)}`);
  const taskScores = scores.filter((score) => score.category === "tasks");
  for (const [index, score] of taskScores.entries()) {
    const theirs = baseline.scores[index]!;
    const use = sets.find((set) => set.name === score.name)?.tuning === true ? "tuning" : "held-out";
    row(score.name, use, measuresUnder(score, "required"), measuresUnder(score, "optional-neutral"), measuresUnder(theirs, "required"), measuresUnder(theirs, "optional-neutral"));
  }
  for (const tuning of [true, false]) {
    const names = new Set(sets.filter((set) => (set.tuning === true) === tuning).map((set) => set.name));
    const ours = taskScores.filter((score) => names.has(score.name));
    const theirs = baseline.scores.filter((score) => names.has(score.name));
    row(`  ${tuning ? "tuning" : "held-out"} sets (micro)`, "", summarize(ours, "tasks"), summarize(ours, "tasks", "optional-neutral"), summarizeBaseline(theirs), summarizeBaseline(theirs, "optional-neutral"));
  }
}

function jiebaTokenizer(): Tokenizer {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(readFileSync(path.join(import.meta.dirname, "..", "data", "text", "domain-words.txt")));
  return (text) => jieba.cut(text, false).filter((token) => /[\p{Script=Han}\p{L}\p{N}]/u.test(token));
}

function printRanking(name: string, sets: readonly GoldSet[], tokenizer?: Tokenizer | "unigram" | "segmenter" | "bigram") {
  const rankings = sets.map((set) => rankGoldSet(set, tokenizer === undefined ? {} : { scorerOptions: { tokenizer } }));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const cells = rankings.map((ranking) => ranking.meanMargin.toFixed(2).padStart(6));
  console.log(`${name.padEnd(28)} ${percent(mean(rankings.map((ranking) => ranking.topOne)))} ${mean(rankings.map((ranking) => ranking.meanMargin)).toFixed(3).padStart(7)}  ${cells.join("")}`);
}

/**
 * The vectors of every gold plan's items from the model of meaning that `npm run eval -- --embeddings-url
 * <url> --embeddings-model <name>` names (the command line's options: --embeddings-cache <folder>,
 * --no-embeddings-cache, the key in PLAN_ALIGN_EMBEDDINGS_KEY), with the URL; undefined without them.
 * Exits on an error.
 */
async function modelOfMeaning(sets: readonly GoldSet[]): Promise<{ embeddings: TextEmbeddings; url: string } | undefined> {
  const { values } = parseArgs({
    options: { "embeddings-url": { type: "string" }, "embeddings-model": { type: "string" }, "embeddings-cache": { type: "string" }, "no-embeddings-cache": { type: "boolean" } },
    strict: false,
  });
  const [url, model, cache] = [values["embeddings-url"], values["embeddings-model"], values["embeddings-cache"]];
  if (url === undefined && model === undefined) return undefined;
  if (typeof url !== "string" || typeof model !== "string" || (cache !== undefined && typeof cache !== "string")) {
    console.error("npm run eval: --embeddings-url <url> and --embeddings-model <name> go together (docs/matching.md)");
    process.exit(1);
  }
  const apiKey = process.env.PLAN_ALIGN_EMBEDDINGS_KEY;
  const cacheDir = values["no-embeddings-cache"] === true ? undefined : (cache ?? defaultEmbeddingsCache());
  const plans = sets.flatMap((set) => Object.values(goldPlans(set)));
  try {
    const embeddings = await embedPlans(plans, { url, model, ...(apiKey === undefined || apiKey === "" ? {} : { apiKey }), ...(cacheDir === undefined ? {} : { cacheDir }) });
    return { embeddings, url };
  } catch (error) {
    if (!(error instanceof EmbeddingsError)) throw error;
    console.error(`npm run eval: ${error.message}`);
    process.exit(1);
  }
}

const sets = loadGoldSets();
const verbose = process.argv.includes("--verbose");
const meaning = await modelOfMeaning(sets);
const withMeaning: AlignOptions = meaning === undefined ? {} : { scorerOptions: { embeddings: meaning.embeddings } };
const defaultScores = sets.map((set) => scoreGoldSet(set, withMeaning));
if (meaning !== undefined) {
  const { embeddings, url } = meaning;
  const [vector] = embeddings.vectors.values();
  console.log(`model of meaning: ${embeddings.model} at ${url}, ${embeddings.vectors.size} item texts of ${vector?.length ?? 0} dimensions; the default's alignments use it (its table, the findings, the baseline comparison), the other tables do not`);
}
const defaultTitle = "default, as the command line aligns bundled plans (bigram tokens, selection by rank, topic space fitted on every bundled plan)";
printTable(meaning === undefined ? defaultTitle : `${defaultTitle}, with the model of meaning ${meaning.embeddings.model}`, sets, defaultScores, verbose);
if (meaning !== undefined) printTable("default without the model of meaning (for comparison)", sets, sets.map((set) => scoreGoldSet(set)), false);
printFindingQuality(defaultScores);
printBeside(sets, defaultScores);
// The matcher before selection by rank: the threshold alone, with the work-item weights of version 0.1.
const previousWorkItemWeights = { label: 0.3, tokens: 0.2, body: 0.4, content: 0, terms: 0, context: 0.1, topic: 0 };
const previous = (set: GoldSet) =>
  scoreGoldSet(set, { selection: { method: "threshold" }, ...(categoryOf(set) === "tasks" ? { scorerOptions: { weights: previousWorkItemWeights } } : {}) });
// What topic evidence adds, and what the plans it is fitted on add (docs/matching.md, "Topic evidence").
const taskSets = sets.filter((set) => categoryOf(set) === "tasks");
printTable("without topic evidence (topic weight 0), for comparison", taskSets, taskSets.map((set) => scoreGoldSet(set, { scorerOptions: { weights: { topic: 0 } } })), false);
printTable(
  "topic space fitted on the two compared plans only, as a library call with fitTopics([reference, subject]) would",
  taskSets,
  taskSets.map((set) => {
    const { reference, subject } = goldPlans(set);
    return scoreGoldSet(set, { scorerOptions: { topics: fitTopics([reference, subject]) } });
  }),
  false,
);
printTable("before: selection by the threshold alone, with version 0.1's task weights (for comparison)", sets, sets.map(previous), false);
if (process.argv.includes("--thresholds")) {
  console.log("\nmicro F1 by threshold (the same threshold for indicators and for sections)");
  for (const threshold of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
    const scores = sets.map((set) => scoreGoldSet(set, { thresholds: { indicator: threshold, section: threshold } }));
    console.log(`${threshold.toFixed(2)}  indicators ${percent(summarize(scores, "indicators").f1)}  groups ${percent(summarize(scores, "groups").f1)}`);
  }
  const taskSets = sets.filter((set) => set.kind === "task");
  if (taskSets.length > 0) {
    console.log("\ntasks by task threshold: P / R / F1 (micro)");
    for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
      const total = summarize(taskSets.map((set) => scoreGoldSet(set, { thresholds: { task: threshold } })), "tasks");
      console.log(`${threshold.toFixed(2)}  ${percent(total.precision)} ${percent(total.recall)} ${percent(total.f1)}`);
    }
  }
}
if (process.argv.includes("--tokenizers")) {
  console.log("\nseparation of gold pairs from other candidates, by tokenizer (higher is better)");
  console.log(`${"tokenizer".padEnd(28)} ${"top-1".padStart(7)} ${"margin".padStart(7)}  margin per set: ${sets.map((set) => set.name.split("-").slice(0, 2).join("-")).join(" | ")}`);
  printRanking("bigram (default)", sets, "bigram");
  printRanking("unigram", sets, "unigram");
  printRanking("segmenter (Intl.Segmenter)", sets, "segmenter");
  printRanking("jieba + domain dictionary", sets, jiebaTokenizer());

  const alternatives: Array<[string, Tokenizer | "unigram" | "segmenter"]> = [
    ["unigram", "unigram"],
    ["segmenter (Intl.Segmenter)", "segmenter"],
    ["jieba + domain dictionary", jiebaTokenizer()],
  ];
  for (const [name, tokenizer] of alternatives) {
    printTable(name, sets, sets.map((set) => scoreGoldSet(set, { scorerOptions: { tokenizer } })), false);
  }
}

console.log("\nextraction of the five sources against their hand-checked plans (P = precision, R = recall)");
console.log(`${"source".padEnd(9)} ${"indicators P/R".padEnd(16)} ${"tasks P/R".padEnd(16)} ${"projects P/R".padEnd(16)} ${"target".padStart(7)} ${"year".padStart(7)} ${"units".padStart(7)}  variants`);
for (const id of extractionSources) {
  const score = scoreExtraction(id);
  const pair = (kind: { precision: number; recall: number }) => `${percent(kind.precision)}/${percent(kind.recall).trim()}`.padEnd(16);
  const original = JSON.stringify(comparableForm(extractPlan(readSource(id), { id }).plan));
  const sameForVariants = Object.entries(variants).map(([name, make]) => `${name} ${JSON.stringify(comparableForm(extractPlan(make(readSource(id)), { id }).plan)) === original ? "same" : "DIFFERENT"}`);
  console.log(`${id.padEnd(9)} ${pair(score.indicators)} ${pair(score.tasks)} ${pair(score.projects)} ${percent(score.targetValues)} ${percent(score.targetYears)} ${percent(score.units)}  ${sameForVariants.join(", ")}`);
  if (verbose) {
    for (const item of score.differences.extra) console.log(`    + ${item}`);
    for (const item of score.differences.missed) console.log(`    - ${item}`);
  }
}

const metadataRuns: Array<[string, MetadataScore]> = [
  ["synthetic page layouts (tests/fixtures/layouts/)", scoreMetadata(layoutsDirectory)],
  ["real page openings, tuning half (tests/fixtures/openings/)", scoreMetadata(openingsDirectory, "tuning")],
  ["real page openings, held-out half (second round of rules)", scoreMetadata(openingsDirectory, "held-out")],
  ["real page openings, held-out-2 (third round of rules)", scoreMetadata(openingsDirectory, "held-out-2")],
  ["real page openings, held-out-3 (never tuned on)", scoreMetadata(openingsDirectory, "held-out-3")],
];
console.log("\ndocument metadata (floor 95% of fields, no page refused)");
for (const [name, metadata] of metadataRuns) {
  console.log(`${name}: ${metadata.fixtures.length} pages, ${percent(metadata.accuracy).trim()} of fields, ${metadata.refused} refused`);
  console.log(`    ${metadataFields.filter((field) => metadata.fieldAccuracy[field] !== undefined).map((field) => `${field} ${percent(metadata.fieldAccuracy[field] ?? 0).trim()}`).join(" · ")}`);
  if (verbose) for (const miss of metadata.mismatches) console.log(`    ${miss.fixture} ${miss.field}: expected ${miss.expected}, read ${miss.actual}`);
}

console.log("\nagreement of two blind readings of the same plans (tests/fixtures/agreement/): the ceiling a matcher's F1 is measured under");
for (const entry of measureAgreement()) {
  console.log(`${entry.name.padEnd(30)} gold ${entry.gold} pairs, second reading ${entry.second}, both ${entry.both}: F1 ${percent(entry.f1).trim()}`);
}
