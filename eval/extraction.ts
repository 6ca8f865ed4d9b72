// How well extractPlan reproduces the hand-checked bundled plans from their source texts: items are
// paired by where their quotes stand in the source (overlapping spans) and, for indicators, by name or
// target; then precision and recall per kind, and agreement of targets, years and units on the pairs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { diceCoefficient } from "dice-coefficient";
import { extractPlan } from "../src/extract/extract-plan.js";
import { getBundledPlan } from "../src/load/bundled.js";
import type { Indicator, Plan, Project, Task, Units } from "../src/model/plan.js";
import { parseTarget } from "../src/targets/parse-target.js";
import { normalizeText } from "../src/text/normalize.js";
import { measures } from "./gold.js";

export const extractionSources = ["daixian", "nanyang", "jilin", "ningbo", "jinhua"] as const;

export function readSource(id: string): string {
  return readFileSync(path.join(import.meta.dirname, "..", "data", "sources", `${id}.txt`), "utf8");
}

type Span = [number, number];

function spanOf(source: string, quote: string, within?: Span): Span | undefined {
  const start = source.indexOf(quote, within?.[0] ?? 0);
  if (start === -1 || (within !== undefined && start + quote.length > within[1])) return within === undefined ? undefined : spanOf(source, quote);
  return [start, start + quote.length];
}

/** Where an indicator's quote stands: inside its task or project when it is an inline target, since the same words can stand elsewhere too. */
function indicatorSpan(plan: Plan, indicator: Indicator, source: string): Span | undefined {
  const item = indicator.item === undefined ? undefined : [...plan.tasks, ...plan.projects].find((candidate) => candidate.id === indicator.item);
  return spanOf(source, indicator.quote, item === undefined ? undefined : spanOf(source, item.quote));
}

const overlaps = (a: Span | undefined, b: Span | undefined) => a !== undefined && b !== undefined && a[0] < b[1] && b[0] < a[1];

/** Pairs items one to one, best candidates first, among those `accept` allows. */
function pairUp<T>(extracted: readonly T[], gold: readonly T[], score: (a: T, b: T) => number | undefined): Array<[T, T]> {
  const candidates: Array<{ a: T; b: T; score: number }> = [];
  for (const a of extracted) for (const b of gold) {
    const value = score(a, b);
    if (value !== undefined) candidates.push({ a, b, score: value });
  }
  candidates.sort((x, y) => y.score - x.score);
  const usedA = new Set<T>();
  const usedB = new Set<T>();
  const pairs: Array<[T, T]> = [];
  for (const { a, b } of candidates) {
    if (usedA.has(a) || usedB.has(b)) continue;
    usedA.add(a);
    usedB.add(b);
    pairs.push([a, b]);
  }
  return pairs;
}

const sameTarget = (a: Indicator, b: Indicator) => {
  const [x] = parseTarget(a.target ?? "").targets;
  const [y] = parseTarget(b.target ?? "").targets;
  if (x === undefined || y === undefined) return normalizeText(a.target ?? "") === normalizeText(b.target ?? "");
  return x.kind === y.kind && x.comparator === y.comparator && x.value === y.value && x.unit === y.unit && x.change === y.change;
};

const nameSimilarity = (a: Indicator, b: Indicator) => diceCoefficient(normalizeText(a.name), normalizeText(b.name));

const unitsKey = (units: Units | undefined) =>
  units === undefined ? "" : `${units.lead.map(normalizeText).join("、")}|${units.supporting.map(normalizeText).join("、")}`;

export interface KindScore {
  extracted: number;
  gold: number;
  matched: number;
  precision: number;
  recall: number;
}

export interface ExtractionScore {
  source: string;
  indicators: KindScore;
  tasks: KindScore;
  projects: KindScore;
  /** Of the paired indicators: share whose target (value, comparator, unit) and year agree with gold. */
  targetValues: number;
  targetYears: number;
  /** Of the paired tasks and projects: share whose lead and supporting units agree with gold. */
  units: number;
  /** The items without a partner, for reading: `extra` were extracted but are not in gold. */
  differences: { extra: string[]; missed: string[] };
}

function kindScore(extracted: number, gold: number, matched: number): KindScore {
  const { precision, recall } = measures(matched, extracted - matched, gold - matched);
  return { extracted, gold, matched, precision, recall };
}

/** Extracts one source and compares the result with its bundled, hand-checked plan. */
export function scoreExtraction(id: string, source = readSource(id), gold: Plan = getBundledPlan(id)): ExtractionScore {
  const { plan } = extractPlan(source, { id });
  const goldSource = readSource(id);
  const span = (quote: string, text: string) => spanOf(text, quote);
  const indicatorPairs = pairUp(plan.indicators, gold.indicators, (a, b) => {
    if (!overlaps(indicatorSpan(plan, a, source), indicatorSpan(gold, b, goldSource))) return undefined;
    const similarity = nameSimilarity(a, b);
    return similarity >= 0.5 || sameTarget(a, b) ? similarity + (sameTarget(a, b) ? 1 : 0) : undefined;
  });
  // Spans of two work items and the length they share; undefined when either quote is not found.
  const shared = (a: Task | Project, b: Task | Project) => {
    const x = span(a.quote, source);
    const y = span(b.quote, goldSource);
    if (x === undefined || y === undefined) return undefined;
    return { x, y, length: Math.min(x[1], y[1]) - Math.max(x[0], y[0]) };
  };
  const workPairs = <T extends Task | Project>(extracted: readonly T[], goldItems: readonly T[]) =>
    pairUp(extracted, goldItems, (a, b) => {
      const overlap = shared(a, b);
      if (overlap === undefined || !overlaps(overlap.x, overlap.y)) return undefined;
      return overlap.length / Math.max(overlap.x[1] - overlap.x[0], overlap.y[1] - overlap.y[0]);
    }).filter(([a, b]) => {
      const overlap = shared(a, b);
      // Most of the gold item must be covered: half of either span is the least that counts.
      return overlap !== undefined && overlap.length >= 0.5 * Math.min(overlap.x[1] - overlap.x[0], overlap.y[1] - overlap.y[0]);
    });
  const taskPairs = workPairs(plan.tasks, gold.tasks);
  const projectPairs = workPairs(plan.projects, gold.projects);
  const share = (count: number, total: number) => (total === 0 ? 1 : count / total);
  const workItemPairs = [...taskPairs, ...projectPairs];
  return {
    source: id,
    indicators: kindScore(plan.indicators.length, gold.indicators.length, indicatorPairs.length),
    tasks: kindScore(plan.tasks.length, gold.tasks.length, taskPairs.length),
    projects: kindScore(plan.projects.length, gold.projects.length, projectPairs.length),
    targetValues: share(indicatorPairs.filter(([a, b]) => sameTarget(a, b)).length, indicatorPairs.length),
    targetYears: share(indicatorPairs.filter(([a, b]) => a.year === b.year).length, indicatorPairs.length),
    units: share(workItemPairs.filter(([a, b]) => unitsKey(a.units) === unitsKey(b.units)).length, workItemPairs.length),
    differences: {
      extra: [
        ...unpaired(plan.indicators, indicatorPairs, 0).map((item) => `${item.id} ${item.name} ${item.target ?? ""}`),
        ...unpaired(plan.tasks, taskPairs, 0).map((item) => `${item.id} ${item.title}`),
      ],
      missed: [
        ...unpaired(gold.indicators, indicatorPairs, 1).map((item) => `${item.id} ${item.name} ${item.target ?? ""}`),
        ...unpaired(gold.tasks, taskPairs, 1).map((item) => `${item.id} ${item.title}`),
      ],
    },
  };
}

function unpaired<T>(items: readonly T[], pairs: ReadonlyArray<[T, T]>, side: 0 | 1): T[] {
  const paired = new Set(pairs.map((pair) => pair[side]));
  return items.filter((item) => !paired.has(item));
}
