// The plain baseline issue #20 asks every evaluation to show beside plan-align: what a researcher writes in an
// afternoon. The items of the two plans cut into words by jieba (its own dictionary, as installed), TF-IDF
// over those items, cosine similarity, and each item's best counterpart taken both ways when it scores at
// least one threshold, the threshold chosen on the tuning sets. plan-align's signals and rank rules are
// worth what they add to this.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { collectItems } from "../src/align/items.js";
import type { Plan } from "../src/model/plan.js";
import { goldPlans, measuresUnder, scopedIds, type GoldConvention, type GoldSet } from "./gold.js";

/** A set's pairs as the baseline finds them, and how they stand against gold. */
export interface BaselineScore {
  name: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  optionalFound: number;
}

type Vector = Map<string, number>;

let segmenter: Jieba | undefined;
const words = (text: string): string[] => {
  segmenter ??= Jieba.withDict(dict);
  return segmenter.cut(text, false).filter((word) => /[\p{Script=Han}\p{L}\p{N}]/u.test(word));
};

/** The scoped items of one side with their texts: tasks or projects, and their groups where the set scopes them. */
function itemsOf(plan: Plan, set: GoldSet, side: "reference" | "subject"): Array<{ id: string; text: string }> {
  if (set.kind !== "task" && set.kind !== "project") throw new Error(`${set.name}: the baseline is for task and project sets`);
  const scoped = scopedIds(plan, set, side);
  return [...collectItems(plan, set.kind), ...collectItems(plan, "section")]
    .filter((entry) => scoped.has(entry.item.id))
    .map((entry) => ({ id: entry.item.id, text: entry.text }));
}

/** TF-IDF vectors, normalized, over the items of both plans together (smoothed idf, as common libraries have it). */
function tfIdf(texts: readonly string[]): Vector[] {
  const counts = texts.map((text) => {
    const count: Vector = new Map();
    for (const word of words(text)) count.set(word, (count.get(word) ?? 0) + 1);
    return count;
  });
  const documentFrequency = new Map<string, number>();
  for (const count of counts) for (const word of count.keys()) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  return counts.map((count) => {
    const vector: Vector = new Map();
    for (const [word, times] of count) vector.set(word, times * (Math.log((1 + texts.length) / (1 + (documentFrequency.get(word) ?? 0))) + 1));
    const norm = Math.hypot(...vector.values()) || 1;
    for (const [word, weight] of vector) vector.set(word, weight / norm);
    return vector;
  });
}

function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (const [word, weight] of a) sum += weight * (b.get(word) ?? 0);
  return sum;
}

/** Each side's items and the cosine of every pair, computed once per set; the threshold is applied after. */
export function baselineSimilarities(set: GoldSet): { reference: string[]; subject: string[]; similarity: number[][] } {
  const plans = goldPlans(set);
  const reference = itemsOf(plans.reference, set, "reference");
  const subject = itemsOf(plans.subject, set, "subject");
  const vectors = tfIdf([...reference, ...subject].map((item) => item.text));
  const similarity = reference.map((_, row) => subject.map((__, column) => cosine(vectors[row]!, vectors[reference.length + column]!)));
  return { reference: reference.map((item) => item.id), subject: subject.map((item) => item.id), similarity };
}

/** The baseline's pairs at a threshold: each item's best counterpart, both ways, scoring at least the threshold. */
export function scoreBaseline(set: GoldSet, similarities: ReturnType<typeof baselineSimilarities>, threshold: number): BaselineScore {
  const { reference, subject, similarity } = similarities;
  const found = new Set<string>();
  const key = (row: number, column: number) => `${reference[row]} ↔ ${subject[column]}`;
  const bestOf = (values: readonly number[]) => values.reduce((best, value, index) => (value > (values[best] ?? -1) ? index : best), 0);
  similarity.forEach((row, index) => {
    const column = bestOf(row);
    if ((row[column] ?? 0) >= threshold) found.add(key(index, column));
  });
  subject.forEach((_, column) => {
    const row = bestOf(similarity.map((values) => values[column] ?? 0));
    if ((similarity[row]?.[column] ?? 0) >= threshold) found.add(key(row, column));
  });
  const gold = new Set(set.pairs.map((pair) => `${pair.reference} ↔ ${pair.subject}`));
  const optional = new Set((set.optional ?? []).map((pair) => `${pair.reference} ↔ ${pair.subject}`));
  const truePositives = [...found].filter((pair) => gold.has(pair)).length;
  return {
    name: set.name, truePositives, falsePositives: found.size - truePositives, falseNegatives: gold.size - truePositives,
    optionalFound: [...found].filter((pair) => optional.has(pair)).length,
  };
}

/** Micro measures of baseline scores under a convention. */
export function summarizeBaseline(scores: readonly BaselineScore[], convention: GoldConvention = "required") {
  const sum = (field: "truePositives" | "falsePositives" | "falseNegatives" | "optionalFound") => scores.reduce((total, score) => total + score[field], 0);
  return measuresUnder({ truePositives: sum("truePositives"), falsePositives: sum("falsePositives"), falseNegatives: sum("falseNegatives"), optionalFound: sum("optionalFound") }, convention);
}

/**
 * The baseline on every task and project set, its one threshold the one with the best micro F1 (required
 * pairs) over the tuning sets, from 0.02 to 0.60 by 0.01.
 */
export function runBaseline(sets: readonly GoldSet[]): { threshold: number; scores: BaselineScore[] } {
  const taskSets = sets.filter((set) => set.kind === "task" || set.kind === "project");
  const similarities = taskSets.map(baselineSimilarities);
  const tuning = taskSets.flatMap((set, index) => (set.tuning === true ? [index] : []));
  let threshold = 0.02;
  let bestF1 = -1;
  for (let step = 2; step <= 60; step += 1) {
    const candidate = step / 100;
    const { f1 } = summarizeBaseline(tuning.map((index) => scoreBaseline(taskSets[index]!, similarities[index]!, candidate)));
    if (f1 > bestF1) [threshold, bestF1] = [candidate, f1];
  }
  return { threshold, scores: taskSets.map((set, index) => scoreBaseline(set, similarities[index]!, threshold)) };
}
