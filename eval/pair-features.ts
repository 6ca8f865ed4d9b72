// Features of every scored pair of a task or project gold set, by family of evidence: what eval/ceiling.ts
// weighs to find how far any selection over these kinds of evidence can go.
import { alignPlans, defaultSelection, listCandidates } from "../src/align/align-plans.js";
import { collectItems, type PlanItem } from "../src/align/items.js";
import { bundledPlanIds, getBundledPlan } from "../src/load/bundled.js";
import { getSectionPath } from "../src/model/sections.js";
import type { Plan } from "../src/model/plan.js";
import { stripGenericWords } from "../src/similarity/prepare.js";
import { createScorer } from "../src/similarity/scorer.js";
import { toComparableText } from "../src/synonyms/synonyms.js";
import { tokenizeWithSegmenter } from "../src/text/tokenize.js";
import { goldPlans, type GoldSet } from "./gold.js";

/** The features of each family, in the order `PairRow.features` holds them. */
export const featureFamilies = {
  /** The built-in scorer's score and signals. */
  signals: ["score", "body", "content", "terms", "label"],
  /** Where the pair stands among both items' candidates. */
  rank: ["inverseRowRank", "inverseColumnRank", "shareOfRowBest", "shareOfColumnBest", "standout", "rowBest", "columnBest", "leadOverRowSecond", "leadOverColumnSecond"],
  /** The plans' structure: corresponding groups, position in the document, length. */
  structure: ["groupsCorrespond", "positionGap", "lengthRatio"],
  /** Which clauses of one item the other carries, words weighted by how specific they are. */
  clauses: ["bestClausePair", "referenceClausesCarried", "subjectClausesCarried", "clausesCarried"],
  /** The other bundled plans as go-betweens: both items correspond to the same item of a third plan. */
  thirdPlans: ["throughThirdPlan", "sameThirdPlanItem"],
} as const;

export type FeatureFamily = keyof typeof featureFamilies;
export const featureNames: readonly string[] = Object.values(featureFamilies).flat();

export interface PairRow {
  set: string;
  tuning: boolean;
  gold: boolean;
  /** In `featureNames` order. */
  features: number[];
}

/** Every pair of the set's two plans that the scorer scores above 0, with its features and whether gold holds it. */
export function pairFeatures(set: GoldSet): PairRow[] {
  const kind = set.kind as "task" | "project";
  const { reference, subject } = goldPlans(set);
  const candidates = listCandidates(reference, subject, { kinds: [kind] });
  const referenceItems = collectItems(reference, kind);
  const subjectItems = collectItems(subject, kind);
  const rowScores = scoresBy(candidates.map((pair) => [pair.reference.id, pair.score]));
  const columnScores = scoresBy(candidates.map((pair) => [pair.subject.id, pair.score]));
  const structure = structureOf(reference, subject, referenceItems, subjectItems);
  const clauses = clauseEvidence([...referenceItems, ...subjectItems]);
  const thirdPlans = thirdPlanEvidence(set, kind, referenceItems, subjectItems);
  const gold = new Set(set.pairs.map((pair) => `${pair.reference}\u0000${pair.subject}`));
  return candidates.map((pair) => {
    const signal = (name: string) => pair.signals.find((entry) => entry.name === name)?.value ?? 0;
    const row = rowScores.get(pair.reference.id)!;
    const column = columnScores.get(pair.subject.id)!;
    const rowRank = row.indexOf(pair.score) + 1;
    const columnRank = column.indexOf(pair.score) + 1;
    const features = [
      pair.score, signal("body"), signal("content"), signal("terms"), signal("label"),
      1 / rowRank, 1 / columnRank, pair.score / row[0]!, pair.score / column[0]!,
      2 * pair.score - meanOfBest(row) - meanOfBest(column), row[0]!, column[0]!,
      rowRank === 1 ? pair.score - (row[1] ?? 0) : 0, columnRank === 1 ? pair.score - (column[1] ?? 0) : 0,
      ...structure(pair.reference.id, pair.subject.id),
      ...clauses(pair.reference.id, pair.subject.id),
      ...thirdPlans(pair.reference.id, pair.subject.id),
    ];
    return { set: set.name, tuning: set.tuning === true, gold: gold.has(`${pair.reference.id}\u0000${pair.subject.id}`), features };
  });
}

function scoresBy(entries: ReadonlyArray<readonly [string, number]>): Map<string, number[]> {
  const scores = new Map<string, number[]>();
  for (const [id, score] of entries) {
    const list = scores.get(id);
    if (list === undefined) scores.set(id, [score]);
    else list.push(score);
  }
  for (const list of scores.values()) list.sort((a, b) => b - a);
  return scores;
}

// The neighbourhood selection by rank stands a pair out from (docs/matching.md).
const meanOfBest = (sorted: readonly number[]) => {
  const nearest = sorted.slice(0, defaultSelection.neighbours);
  return nearest.reduce((sum, score) => sum + score, 0) / nearest.length;
};

/** Whether the items stand in groups that group alignment pairs; how far apart they stand; their length ratio. */
function structureOf(reference: Plan, subject: Plan, referenceItems: readonly PlanItem[], subjectItems: readonly PlanItem[]) {
  const groupPairs = new Set(alignPlans(reference, subject, { kinds: ["section"] }).matches.map((match) => `${match.reference.id}\u0000${match.subject.id}`));
  const sectionsOf = (plan: Plan, items: readonly PlanItem[]) =>
    new Map(items.map((entry) => [entry.item.id, getSectionPath(plan, sectionOf(plan, entry.item.id)).map((section) => section.id)]));
  const positionOf = (items: readonly PlanItem[]) => new Map(items.map((entry, index) => [entry.item.id, index / Math.max(1, items.length - 1)]));
  const lengthOf = (items: readonly PlanItem[]) => new Map(items.map((entry) => [entry.item.id, entry.text.length]));
  const [referenceSections, subjectSections] = [sectionsOf(reference, referenceItems), sectionsOf(subject, subjectItems)];
  const [referencePosition, subjectPosition] = [positionOf(referenceItems), positionOf(subjectItems)];
  const [referenceLength, subjectLength] = [lengthOf(referenceItems), lengthOf(subjectItems)];
  return (referenceId: string, subjectId: string) => [
    referenceSections.get(referenceId)!.some((a) => subjectSections.get(subjectId)!.some((b) => groupPairs.has(`${a}\u0000${b}`))) ? 1 : 0,
    Math.abs(referencePosition.get(referenceId)! - subjectPosition.get(subjectId)!),
    Math.abs(Math.log((referenceLength.get(referenceId)! + 1) / (subjectLength.get(subjectId)! + 1))),
  ];
}

const sectionOf = (plan: Plan, id: string) => [...plan.tasks, ...plan.projects].find((item) => item.id === id)!.section;

/**
 * Clause by clause: the best-matching pair of clauses, and the share of each item's clauses the other
 * carries (half or more of the clause's word weight, and at least a few specific words, found in the other).
 */
function clauseEvidence(items: readonly PlanItem[]) {
  const words = (text: string) => new Set(tokenizeWithSegmenter(stripGenericWords(toComparableText(text))).filter((word) => word.length >= 2));
  const documents = new Map(items.map((entry) => {
    const text = `${entry.item.label}。${entry.text}`;
    const clauses = text.split(/[。;；，,、]/u).filter((clause) => clause.length >= 6).map(words).filter((clause) => clause.size >= 2);
    return [entry.item.id, { words: words(text), clauses }];
  }));
  const frequency = new Map<string, number>();
  let clauseCount = 0;
  for (const document of documents.values()) {
    for (const clause of document.clauses) {
      clauseCount += 1;
      for (const word of clause) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
  }
  const weight = (word: string) => Math.log((clauseCount + 1) / ((frequency.get(word) ?? 0) + 1));
  const total = (set: ReadonlySet<string>) => [...set].reduce((sum, word) => sum + weight(word), 0);
  const shared = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].reduce((sum, word) => sum + (b.has(word) ? weight(word) : 0), 0);
  const totals = new Map<ReadonlySet<string>, number>([...documents.values()].flatMap((document) => document.clauses.map((clause) => [clause, total(clause)] as const)));
  const carried = (clause: ReadonlySet<string>, other: ReadonlySet<string>) => {
    const overlap = shared(clause, other);
    return overlap >= 6 && overlap >= 0.5 * totals.get(clause)!;
  };
  return (referenceId: string, subjectId: string) => {
    const a = documents.get(referenceId)!;
    const b = documents.get(subjectId)!;
    let bestClausePair = 0;
    for (const x of a.clauses) {
      for (const y of b.clauses) {
        const overlap = shared(x, y);
        const union = totals.get(x)! + totals.get(y)! - overlap;
        if (union > 0) bestClausePair = Math.max(bestClausePair, overlap / union);
      }
    }
    const fromReference = a.clauses.filter((clause) => carried(clause, b.words)).length;
    const fromSubject = b.clauses.filter((clause) => carried(clause, a.words)).length;
    return [
      bestClausePair,
      a.clauses.length === 0 ? 0 : fromReference / a.clauses.length,
      b.clauses.length === 0 ? 0 : fromSubject / b.clauses.length,
      Math.min(10, fromReference + fromSubject),
    ];
  };
}

/** Evidence through the other bundled plans with items of this kind: the best path through one of their items. */
function thirdPlanEvidence(set: GoldSet, kind: "task" | "project", referenceItems: readonly PlanItem[], subjectItems: readonly PlanItem[]) {
  const third = bundledPlanIds
    .filter((id) => id !== set.reference && id !== set.subject)
    .flatMap((id) => collectItems(getBundledPlan(id), kind));
  const scorer = createScorer({ corpus: [...referenceItems, ...subjectItems, ...third].map((entry) => entry.item) });
  const scoresAgainstThird = (items: readonly PlanItem[]) => new Map(items.map((entry) => [entry.item.id, third.map((other) => scorer.score(entry.item, other.item).score)]));
  const [fromReference, fromSubject] = [scoresAgainstThird(referenceItems), scoresAgainstThird(subjectItems)];
  // An item's counterpart in the third plans: its best, when that is a plausible match at all.
  const bestIndex = (scores: readonly number[]) => {
    const best = Math.max(0, ...scores);
    return best >= 0.15 ? scores.indexOf(best) : -1;
  };
  return (referenceId: string, subjectId: string) => {
    const a = fromReference.get(referenceId)!;
    const b = fromSubject.get(subjectId)!;
    let path = 0;
    for (let index = 0; index < a.length; index++) path = Math.max(path, Math.sqrt(a[index]! * b[index]!));
    const same = bestIndex(a);
    return [path, same >= 0 && same === bestIndex(b) ? 1 : 0];
  };
}
