import { munkres } from "munkres";
import { levelDepth, type Plan } from "../model/plan.js";
import { createScorer } from "../similarity/scorer.js";
import type { ItemKind, Scorer } from "../similarity/types.js";
import { applyReview, type ScoredPair } from "./apply-review.js";
import { collectItems, type PlanItem } from "./items.js";
import type { AlignOptions, AlignThresholds, Alignment, ItemReference, Match, PlanReference, Relation } from "./types.js";

/** Default thresholds; see docs/matching.md for how they were chosen. */
export const defaultAlignThresholds: Readonly<AlignThresholds> = {
  indicator: 0.5,
  task: 0.45,
  project: 0.45,
  section: 0.5,
  margin: 0.05,
};

const allKinds: readonly ItemKind[] = ["section", "indicator", "task", "project"];

/**
 * Aligns the items of two plans: indicators one-to-one by optimal assignment, tasks, projects and task or
 * project groups (sections) many-to-many. Works for a parent and a child, for peers, and in either
 * direction; every match carries its score and each signal's part in it.
 *
 * @example
 * const alignment = alignPlans(getBundledPlan("national"), getBundledPlan("daixian"));
 * alignment.matches.filter((match) => match.kind === "indicator").length; // 6
 */
export function alignPlans(reference: Plan, subject: Plan, options: AlignOptions = {}): Alignment {
  const thresholds = { ...defaultAlignThresholds, ...options.thresholds };
  const { itemsByKind, scorer } = prepareAlignment(reference, subject, options);
  const matches: Match[] = [];
  const unmatched: Alignment["unmatched"] = { reference: [], subject: [] };
  const rejected: Match[] = [];
  for (const [kind, items] of itemsByKind) {
    const proposed = kind === "indicator"
      ? assignOneToOne(items.reference, items.subject, scorer, thresholds.indicator)
      : pairManyToMany(items.reference, items.subject, scorer, thresholds[kind], thresholds.margin);
    const reviewed = applyReview(proposed, options.review, {
      kind, referencePlan: reference.id, subjectPlan: subject.id, items, scorer, oneToOne: kind === "indicator",
    });
    const pairs = reviewed.pairs.sort(inDocumentOrder);
    matches.push(...pairs.map((pair) => toMatch(kind, pair)));
    rejected.push(...reviewed.rejected.map((pair) => toMatch(kind, pair)));
    const matchedReference = new Set(pairs.map((pair) => pair.reference));
    const matchedSubject = new Set(pairs.map((pair) => pair.subject));
    unmatched.reference.push(...items.reference.filter((entry) => !matchedReference.has(entry)).map(toReference));
    unmatched.subject.push(...items.subject.filter((entry) => !matchedSubject.has(entry)).map(toReference));
  }
  return {
    reference: describePlan(reference),
    subject: describePlan(subject),
    relation: relationOf(reference, subject),
    matches,
    unmatched,
    rejected,
    thresholds,
  };
}

/**
 * Every pair of items of the same kind (and, for sections, the same role) with its score, best first:
 * the candidates `alignPlans` chooses from, for review screens and for measuring how well a scorer
 * separates true pairs from the rest.
 *
 * @example
 * const [best] = listCandidates(national, daixian, { kinds: ["indicator"] });
 */
export function listCandidates(reference: Plan, subject: Plan, options: AlignOptions = {}): Match[] {
  const { itemsByKind, scorer } = prepareAlignment(reference, subject, options);
  const candidates: Match[] = [];
  for (const [kind, items] of itemsByKind) {
    candidates.push(...scoreAll(items.reference, items.subject, scorer).flat().map((pair) => toMatch(kind, pair)));
  }
  return candidates.sort((a, b) => b.score - a.score);
}

function prepareAlignment(reference: Plan, subject: Plan, options: AlignOptions) {
  const kinds = allKinds.filter((kind) => (options.kinds ?? allKinds).includes(kind));
  const itemsByKind = new Map(kinds.map((kind) => [kind, { reference: collectItems(reference, kind), subject: collectItems(subject, kind) }]));
  const scorer =
    options.scorer ??
    createScorer({
      ...options.scorerOptions,
      corpus: [...itemsByKind.values()].flatMap(({ reference: a, subject: b }) => [...a, ...b].map((entry) => entry.item)),
    });
  return { itemsByKind, scorer };
}

function scoreAll(references: readonly PlanItem[], subjects: readonly PlanItem[], scorer: Scorer): ScoredPair[][] {
  return references.map((reference) =>
    subjects.map((subject) => ({
      reference,
      subject,
      // Groups of different roles (tasks vs projects) never correspond.
      similarity: reference.role === subject.role ? scorer.score(reference.item, subject.item) : { score: 0, signals: [] },
    })),
  );
}

/** One-to-one: the assignment that maximizes the total score (Hungarian algorithm), then the threshold. */
function assignOneToOne(references: readonly PlanItem[], subjects: readonly PlanItem[], scorer: Scorer, threshold: number): ScoredPair[] {
  if (references.length === 0 || subjects.length === 0) return [];
  const scored = scoreAll(references, subjects, scorer);
  const cost = scored.map((row) => row.map((pair) => 1 - pair.similarity.score));
  return munkres(cost)
    .map(([row, column]) => scored[row]?.[column])
    .filter((pair): pair is ScoredPair => pair !== undefined && pair.similarity.score >= threshold);
}

/**
 * Many-to-many: above the threshold, each subject item keeps its best counterpart and any other within the
 * margin of it (one county task may carry out two provincial ones), and each reference item keeps its best.
 */
function pairManyToMany(references: readonly PlanItem[], subjects: readonly PlanItem[], scorer: Scorer, threshold: number, margin: number): ScoredPair[] {
  const scored = scoreAll(references, subjects, scorer).flat().filter((pair) => pair.similarity.score >= threshold);
  const best = (key: "reference" | "subject") => {
    const top = new Map<PlanItem, number>();
    for (const pair of scored) top.set(pair[key], Math.max(top.get(pair[key]) ?? 0, pair.similarity.score));
    return top;
  };
  const bestForSubject = best("subject");
  const bestForReference = best("reference");
  return scored.filter(
    (pair) =>
      pair.similarity.score >= (bestForSubject.get(pair.subject) ?? 1) - margin ||
      pair.similarity.score === bestForReference.get(pair.reference),
  );
}

const inDocumentOrder = (a: ScoredPair, b: ScoredPair) => a.reference.order - b.reference.order || a.subject.order - b.subject.order;

function toMatch(kind: ItemKind, { reference, subject, similarity, review }: ScoredPair): Match {
  return {
    kind,
    reference: toReference(reference),
    subject: toReference(subject),
    score: round(similarity.score),
    signals: similarity.signals.map((signal) => ({ ...signal, value: round(signal.value) })),
    ...(review === undefined ? {} : { review }),
  };
}

function toReference(entry: PlanItem): ItemReference {
  return { kind: entry.item.kind, id: entry.item.id, label: entry.item.label, text: entry.text, quote: entry.quote };
}

export function describePlan(plan: Plan): PlanReference {
  return { id: plan.id, title: plan.title, level: plan.jurisdiction.level };
}

function relationOf(reference: Plan, subject: Plan): Relation {
  const difference = levelDepth[reference.jurisdiction.level] - levelDepth[subject.jurisdiction.level];
  if (difference < 0) return "ancestor";
  return difference === 0 ? "peer" : "descendant";
}

const round = (value: number) => Math.round(value * 1000) / 1000;
