// Gold alignments (tests/fixtures/gold/*.json, made by reading the documents) and the measures of how well
// alignPlans reproduces them. Used by `npm run eval` and by the tests that hold the quality floors.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { alignPlans, listCandidates } from "../src/align/align-plans.js";
import { collectItems } from "../src/align/items.js";
import { extractPlan } from "../src/extract/extract-plan.js";
import type { AlignOptions } from "../src/align/types.js";
import { bundledPlanIds, getBundledPlan } from "../src/load/bundled.js";
import { fitTopics } from "../src/align/fit-topics.js";
import type { TopicModel } from "../src/similarity/topics.js";
import type { Plan } from "../src/model/plan.js";

const ScopeSchema = z.object({
  origin: z.array(z.string()).optional(),
  parents: z.array(z.string()).optional(),
  /** Task and project sets: the side's groups of that role count too (an outline's headings correspond to them). */
  groups: z.boolean().optional(),
});

/** A reference item and a subject item that gold pairs, with why. */
const GoldPairSchema = z.object({ reference: z.string(), subject: z.string(), note: z.string() });

const GoldSetSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** A bundled plan's id, or the id given to the plan extracted from `referenceDocument`. */
  reference: z.string(),
  /** A document (path from the repository's root) that the reference plan is extracted from, as a user would. */
  referenceDocument: z.string().optional(),
  subject: z.string(),
  kind: z.enum(["indicator", "section", "task", "project"]),
  /** Task and project sets: true for the sets the selection's parameters were chosen on; the others report. */
  tuning: z.boolean().optional(),
  scope: z.object({ reference: ScopeSchema, subject: ScopeSchema }),
  pairs: z.array(GoldPairSchema),
  /**
   * Task and project sets: pairs a careful reader finds defensible but partial (a short item's clause inside a
   * long item, a shared component, a borderline overlap); neither a hit nor a miss when scoring.
   */
  optional: z.array(GoldPairSchema).optional(),
  unmatched: z.object({ reference: z.array(z.string()), subject: z.array(z.string()) }),
  reviewer_notes: z.string().optional(),
});
export type GoldSet = z.infer<typeof GoldSetSchema>;

/** Which quality floor a set counts towards: indicators, task and project groups, or tasks and projects. */
export type GoldCategory = "indicators" | "groups" | "tasks";

const root = path.join(import.meta.dirname, "..");
export const goldDir = path.join(root, "tests", "fixtures", "gold");

export function loadGoldSets(): GoldSet[] {
  return readdirSync(goldDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => GoldSetSchema.parse(JSON.parse(readFileSync(path.join(goldDir, name), "utf8"))));
}

export const categoryOf = (set: GoldSet): GoldCategory =>
  set.kind === "indicator" ? "indicators" : set.kind === "section" ? "groups" : "tasks";

/** The two plans of a gold set: bundled, or extracted from the set's document. */
export function goldPlans(set: GoldSet): { reference: Plan; subject: Plan } {
  const reference = set.referenceDocument === undefined
    ? getBundledPlan(set.reference)
    : extractPlan(readFileSync(path.join(root, set.referenceDocument), "utf8"), { id: set.reference }).plan;
  return { reference, subject: getBundledPlan(set.subject) };
}

/** The ids of a plan's items that a gold set's scope covers. */
export function scopedIds(plan: Plan, set: GoldSet, side: "reference" | "subject"): Set<string> {
  const scope = set.scope[side];
  if (set.kind === "indicator") {
    return new Set(plan.indicators.filter((item) => scope.origin?.includes(item.origin) ?? true).map((item) => item.id));
  }
  if (set.kind === "task" || set.kind === "project") {
    const items = (set.kind === "task" ? plan.tasks : plan.projects).map((item) => item.id);
    const role = set.kind === "task" ? "tasks" : "projects";
    const groups = scope.groups === true ? collectItems(plan, "section").filter((entry) => entry.role === role).map((entry) => entry.item.id) : [];
    return new Set([...items, ...groups]);
  }
  return new Set(plan.sections.filter((section) => section.parent !== null && (scope.parents?.includes(section.parent) ?? true)).map((section) => section.id));
}

export interface SetScore {
  name: string;
  category: GoldCategory;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pairs found that gold marks optional (defensible but partial): false positives under the required-only convention, neither hit nor miss under the other. */
  optionalFound: number;
  /** The pairs that differ from gold, for reading. */
  extra: string[];
  missed: string[];
  /**
   * Reference items the alignment says have no counterpart (what audits report missing), how many gold agrees
   * with, and how many gold leaves without a counterpart (the absences there were to find).
   */
  missing: { reported: number; correct: number; gold: number };
  /**
   * Reference items left to an auditor with candidates: how many, how many of them gold pairs with something,
   * and how many have a gold counterpart among their candidates.
   */
  unconfirmed: { reported: number; withGoldCounterpart: number; withGoldCandidate: number };
}

let bundledTopics: TopicModel | undefined;

/**
 * Options as the command line aligns bundled plans: with the topic space fitted once on every bundled plan
 * (the gold sets' plans among them), unless the options bring their own.
 */
export function asTheCommandLine(options: AlignOptions): AlignOptions {
  bundledTopics ??= fitTopics(bundledPlanIds.map(getBundledPlan));
  return { ...options, scorerOptions: { topics: bundledTopics, ...options.scorerOptions } };
}

/**
 * Aligns a gold set's two plans as the command line would (`asTheCommandLine`) and compares the matches
 * within its scope with the gold pairs.
 */
export function scoreGoldSet(set: GoldSet, options: AlignOptions = {}): SetScore {
  const { reference, subject } = goldPlans(set);
  const inReference = scopedIds(reference, set, "reference");
  const inSubject = scopedIds(subject, set, "subject");
  const alignment = alignPlans(reference, subject, asTheCommandLine({ ...options, kinds: [set.kind] }));
  const key = (a: string, b: string) => `${a} ↔ ${b}`;
  const found = new Set(
    alignment.matches
      .filter((match) => inReference.has(match.reference.id) && inSubject.has(match.subject.id))
      .map((match) => key(match.reference.id, match.subject.id)),
  );
  const gold = new Set(set.pairs.map((pair) => key(pair.reference, pair.subject)));
  const optional = new Set((set.optional ?? []).map((pair) => key(pair.reference, pair.subject)));
  const truePositives = [...found].filter((pair) => gold.has(pair)).length;
  const goldUnmatched = new Set(set.unmatched.reference);
  const missing = alignment.unmatched.reference.filter((item) => inReference.has(item.id));
  const unconfirmed = alignment.candidates.filter((entry) => inReference.has(entry.reference.id));
  return {
    name: set.name,
    category: categoryOf(set),
    truePositives,
    falsePositives: found.size - truePositives,
    falseNegatives: gold.size - truePositives,
    ...measures(truePositives, found.size - truePositives, gold.size - truePositives),
    optionalFound: [...found].filter((pair) => optional.has(pair)).length,
    extra: [...found].filter((pair) => !gold.has(pair)),
    missed: [...gold].filter((pair) => !found.has(pair)),
    missing: { reported: missing.length, correct: missing.filter((item) => goldUnmatched.has(item.id)).length, gold: goldUnmatched.size },
    unconfirmed: {
      reported: unconfirmed.length,
      withGoldCounterpart: unconfirmed.filter((entry) => !goldUnmatched.has(entry.reference.id)).length,
      withGoldCandidate: unconfirmed.filter((entry) => entry.candidates.some((candidate) => gold.has(key(entry.reference.id, candidate.subject.id)))).length,
    },
  };
}

export function measures(truePositives: number, falsePositives: number, falseNegatives: number) {
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * How pairs gold marks optional count: `required` (the floors' convention) takes a found optional pair as a
 * false positive; `optional-neutral` counts it neither as a hit nor as a miss.
 */
export type GoldConvention = "required" | "optional-neutral";

/** A set's measures under a convention. */
export function measuresUnder(score: Pick<SetScore, "truePositives" | "falsePositives" | "falseNegatives" | "optionalFound">, convention: GoldConvention) {
  const falsePositives = convention === "required" ? score.falsePositives : score.falsePositives - score.optionalFound;
  return measures(score.truePositives, falsePositives, score.falseNegatives);
}

/** Micro-averaged measures over the sets of one category: every gold pair counts once. */
export function summarize(scores: readonly SetScore[], category: GoldCategory, convention: GoldConvention = "required") {
  const inCategory = scores.filter((score) => score.category === category);
  const sum = (field: "truePositives" | "falsePositives" | "falseNegatives" | "optionalFound") =>
    inCategory.reduce((total, score) => total + score[field], 0);
  const total = { truePositives: sum("truePositives"), falsePositives: sum("falsePositives"), falseNegatives: sum("falseNegatives"), optionalFound: sum("optionalFound") };
  return { category, sets: inCategory.length, ...measuresUnder(total, convention) };
}

export interface SetRanking {
  name: string;
  /** Share of gold pairs whose subject item is the reference item's best-scored candidate. */
  topOne: number;
  /** Mean of (score of the gold pair − best score of any other candidate of that reference item). */
  meanMargin: number;
}

/**
 * How well the scorer separates each gold pair from the other candidates of its reference item,
 * independent of any threshold: the measure used to compare tokenizers.
 */
export function rankGoldSet(set: GoldSet, options: AlignOptions = {}): SetRanking {
  const { reference, subject } = goldPlans(set);
  const inSubject = scopedIds(subject, set, "subject");
  const candidates = listCandidates(reference, subject, { ...options, kinds: [set.kind] }).filter((match) =>
    inSubject.has(match.subject.id),
  );
  let topOne = 0;
  let margin = 0;
  for (const pair of set.pairs) {
    const forReference = candidates.filter((match) => match.reference.id === pair.reference);
    const gold = forReference.find((match) => match.subject.id === pair.subject)?.score ?? 0;
    const otherSubjects = new Set(set.pairs.filter((other) => other.reference === pair.reference).map((other) => other.subject));
    const bestOther = Math.max(0, ...forReference.filter((match) => !otherSubjects.has(match.subject.id)).map((match) => match.score));
    if (gold > bestOther) topOne += 1;
    margin += gold - bestOther;
  }
  const count = Math.max(1, set.pairs.length);
  return { name: set.name, topOne: topOne / count, meanMargin: margin / count };
}
