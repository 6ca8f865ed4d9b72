import { checkArguments } from "../model/input-error.js";
import { AlignOptionsSchema } from "../model/options.js";
import { levelDepth, PlanSchema, type Plan } from "../model/plan.js";
import { checkReviewNamesCompared } from "../model/review.js";
import { getOutline } from "../model/sections.js";
import { createScorer } from "../similarity/scorer.js";
import type { ItemKind, Scorer } from "../similarity/types.js";
import { version } from "../model/version.js";
import { applyReview, type ScoredPair } from "./apply-review.js";
import { sharedClause } from "./clauses.js";
import { collectItems, type PlanItem } from "./items.js";
import { describeSettings, type AlignSettings } from "./settings.js";
import { scorePairs, type PairScoring, type ScoredPairs } from "./score-pairs.js";
import { bestPairBy, selectByClause, selectByRank, selectByThreshold, selectForHeadings, selectOneToOne, type SelectedPair } from "./select-pairs.js";
import type {
  AlignOptions, AlignThresholds, Alignment, Candidate, CandidateList, ItemReference, Match, PlanReference, Relation, SelectionOptions,
} from "./types.js";

/** Default thresholds; see docs/matching.md for how they were chosen. */
export const defaultAlignThresholds: Readonly<AlignThresholds> = Object.freeze({
  indicator: 0.5,
  task: 0.45,
  project: 0.45,
  section: 0.5,
});

/** Default selection of task, project and group pairs; see docs/matching.md for how it was chosen. */
export const defaultSelection: Readonly<SelectionOptions> = Object.freeze({
  method: "rank",
  floor: 0.12,
  neighbours: 3,
  standout: -0.02,
  ratio: 1.2,
  margin: 0.05,
  candidateFloor: 0.08,
  candidateShare: 0.45,
  candidateCount: 3,
});

/**
 * The confidence level of task, project and group matches: audits call a match scoring below it a
 * low-confidence match, counted apart from carried. On the gold sets that tuned the selection, a third of the
 * matches below 0.15 are wrong, against a tenth at or above it (docs/matching.md, "Low-confidence matches").
 */
export const confidenceLevel = 0.15;

const allKinds: readonly ItemKind[] = ["section", "indicator", "task", "project"];

/** The group role whose sections stand for tasks or projects across granularity. */
const groupRoleOf = { task: "tasks", project: "projects" } as const;

/**
 * Aligns the items of two plans: indicators one-to-one by optimal assignment; task and project groups
 * (sections), tasks and projects many-to-many, chosen by rank as well as by score (`AlignOptions.selection`).
 * A bare heading (a task with no text of its own, a group with nothing under it) may correspond to a whole
 * group or to one item. Every match carries its score, each signal's part in it and the rule that accepted it;
 * reference items left unmatched list their best candidates when they have plausible ones.
 *
 * @throws InputError when a plan or an option does not match its schema (naming the argument and the path
 * inside it), or when a review decision names plans other than these two
 * @example
 * const alignment = alignPlans(getBundledPlan("national"), getBundledPlan("daixian"));
 * alignment.matches.filter((match) => match.kind === "indicator").length; // 6
 */
export function alignPlans(reference: Plan, subject: Plan, options: AlignOptions = {}): Alignment {
  checkArguments("alignPlans", { reference: [PlanSchema, reference], subject: [PlanSchema, subject], options: [AlignOptionsSchema, options] });
  checkReviewNamesCompared("alignPlans", options.review, new Map([[subject.id, [reference.id]]]), "options.review");
  return alignPlansUnchecked(reference, subject, options);
}

/** `alignPlans` for arguments already checked: what chains and audits call for each plan above. */
export function alignPlansUnchecked(reference: Plan, subject: Plan, options: AlignOptions): Alignment {
  const thresholds = { ...defaultAlignThresholds, ...options.thresholds };
  const selection = { ...defaultSelection, ...options.selection };
  const kinds = requestedKinds(options);
  const { itemsByKind, scorer } = prepareAlignment(reference, subject, options);
  const matches: Match[] = [];
  const rejected: Match[] = [];
  const scoredByKind = new Map<ItemKind, ScoredPair[]>();
  // Groups are aligned first: the groups they leave unmatched may then correspond to single items.
  const sectionScores = scoreAll(itemsByKind.get("section"), scorer, keptFrom("section", thresholds, selection));
  const sectionPairs = selectPairs("section", sectionScores, thresholds, selection);
  for (const kind of kinds) {
    const items = itemsByKind.get(kind) ?? { reference: [], subject: [] };
    let proposed: SelectedPair[];
    if (kind === "indicator") {
      proposed = selectOneToOne(scoreGrid(items, scorer), thresholds.indicator);
    } else if (kind === "section") {
      proposed = sectionPairs;
      scoredByKind.set(kind, sectionScores.kept);
    } else {
      const scored = scoreWorkItems(kind, itemsByKind, sectionPairs, scorer, keptFrom(kind, thresholds, selection));
      const byScore = [...selectPairs(kind, scored.items, thresholds, selection), ...selectForHeadings(scored.across, thresholds[kind], selection)];
      const selected = selection.method === "rank" ? [...byScore, ...selectByClause(scored.items, byScore, selection)] : byScore;
      proposed = keepOneGranularity(selected);
      scoredByKind.set(kind, [...scored.items.kept, ...scored.across]);
    }
    // A reviewer may confirm a task's counterpart across granularity, so groups are reviewable with work items.
    const sections = itemsByKind.get("section") ?? { reference: [], subject: [] };
    const reviewable = kind === "task" || kind === "project"
      ? { reference: [...items.reference, ...sections.reference], subject: [...items.subject, ...sections.subject] }
      : items;
    const reviewed = applyReview(proposed, options.review, {
      kind, referencePlan: reference.id, subjectPlan: subject.id, items: reviewable, scorer, oneToOne: kind === "indicator",
    });
    matches.push(...reviewed.pairs.sort(inDocumentOrder).map((pair) => toMatch(kind, pair)));
    rejected.push(...reviewed.rejected.map((pair) => toMatch(kind, pair)));
  }
  const { unmatched, candidates } = leftOver(kinds, itemsByKind, matches, scoredByKind, selection);
  return {
    reference: describePlan(reference),
    subject: describePlan(subject),
    relation: relationOf(reference, subject),
    matches,
    unmatched,
    candidates,
    rejected,
    thresholds,
    selection,
    version,
    settings: describeSettings(options, kinds, thresholds, selection),
  };
}

/**
 * Every pair of items of the same kind (and, for sections, the same role) with its score, best first:
 * the candidates `alignPlans` chooses from, for review screens and for measuring how well a scorer
 * separates true pairs from the rest.
 *
 * @example
 * const [best] = listCandidates(getBundledPlan("national"), getBundledPlan("daixian"), { kinds: ["indicator"] });
 * best?.reference.label; // "生产安全事故死亡人数"
 * best?.score; // 0.956
 */
export function listCandidates(reference: Plan, subject: Plan, options: AlignOptions = {}): Candidate[] {
  checkArguments("listCandidates", { reference: [PlanSchema, reference], subject: [PlanSchema, subject], options: [AlignOptionsSchema, options] });
  const { itemsByKind, scorer } = prepareAlignment(reference, subject, options);
  const candidates: Candidate[] = [];
  for (const kind of requestedKinds(options)) {
    for (const pair of scoreAll(itemsByKind.get(kind), scorer, { floor: 0, nearest: 1 }).kept) candidates.push(toCandidate(kind, pair));
  }
  return candidates.sort((a, b) => b.score - a.score);
}

const requestedKinds = (options: AlignOptions) => allKinds.filter((kind) => (options.kinds ?? allKinds).includes(kind));

/** The settings an alignment with these options records: the options that change results, defaults filled in. */
export function settingsOf(options: AlignOptions): AlignSettings {
  return describeSettings(options, requestedKinds(options), { ...defaultAlignThresholds, ...options.thresholds }, { ...defaultSelection, ...options.selection });
}

interface SidedItems {
  reference: PlanItem[];
  subject: PlanItem[];
}

// Sections are always collected: the groups decide which bare headings may pair across granularity.
function prepareAlignment(reference: Plan, subject: Plan, options: AlignOptions) {
  const kinds = new Set<ItemKind>(["section", ...requestedKinds(options)]);
  const outlines = { reference: getOutline(reference), subject: getOutline(subject) };
  const itemsByKind = new Map<ItemKind, SidedItems>(
    [...kinds].map((kind) => [kind, { reference: collectItems(reference, kind, outlines.reference), subject: collectItems(subject, kind, outlines.subject) }]),
  );
  const scorer =
    options.scorer ??
    createScorer({
      ...options.scorerOptions,
      corpus: [...itemsByKind.values()].flatMap(({ reference: a, subject: b }) => [...a, ...b].map((entry) => entry.item)),
    });
  return { itemsByKind, scorer };
}

function selectPairs(kind: ItemKind, scored: ScoredPairs, thresholds: AlignThresholds, selection: SelectionOptions): SelectedPair[] {
  const threshold = thresholds[kind];
  return selection.method === "rank" ? selectByRank(scored, threshold, selection) : selectByThreshold(scored.kept, threshold, selection.margin);
}

/** Scores every pair of two lists, row by row: what one-to-one assignment needs. */
function scoreGrid(items: SidedItems | undefined, scorer: Scorer): ScoredPair[][] {
  if (items === undefined) return [];
  return items.reference.map((reference) => items.subject.map((subject) => scorePair(reference, subject, scorer)));
}

/**
 * The lowest score at which a pair of this kind can make a difference: be matched by either rule, or offered
 * as a candidate. Pairs below it are only counted among their items' nearest scores.
 */
const keptFrom = (kind: ItemKind, thresholds: AlignThresholds, selection: SelectionOptions): PairScoring => ({
  floor: Math.min(thresholds[kind], selection.floor, selection.candidateFloor),
  nearest: selection.neighbours,
});

// Groups of different roles (tasks vs projects) never correspond.
function scoreAll(items: SidedItems | undefined, scorer: Scorer, scoring: PairScoring): ScoredPairs {
  return scorePairs(items?.reference ?? [], items?.subject ?? [], scorer, { ...scoring, compared: (reference, subject) => reference.role === subject.role });
}

function scorePair(reference: PlanItem, subject: PlanItem, scorer: Scorer): ScoredPair {
  return { reference, subject, similarity: scorer.score(reference.item, subject.item) };
}

/**
 * Tasks or projects with each other, and across granularity: a bare heading (a table of contents' task, a
 * skeleton's empty group) with the other plan's items and with its groups of that role that group alignment
 * left unmatched, so that an outline meets a complete plan group by group.
 */
function scoreWorkItems(kind: "task" | "project", itemsByKind: Map<ItemKind, SidedItems>, sectionPairs: readonly ScoredPair[], scorer: Scorer, scoring: PairScoring): { items: ScoredPairs; across: ScoredPair[] } {
  const items = itemsByKind.get(kind) ?? { reference: [], subject: [] };
  const sections = itemsByKind.get("section") ?? { reference: [], subject: [] };
  const role = groupRoleOf[kind];
  const pairedGroups = new Set(sectionPairs.flatMap((pair) => [pair.reference, pair.subject]));
  const openGroups = (side: "reference" | "subject") => sections[side].filter((group) => group.role === role && !pairedGroups.has(group));
  const across: ScoredPair[] = [];
  const pairAcross = (references: readonly PlanItem[], subjects: readonly PlanItem[]) => {
    for (const reference of references) {
      for (const subject of subjects) if (reference.bareHeading || subject.bareHeading) across.push(scorePair(reference, subject, scorer));
    }
  };
  pairAcross(items.reference, openGroups("subject"));
  pairAcross(openGroups("reference"), items.subject);
  return { items: scoreAll(items, scorer, scoring), across };
}

/**
 * A bare heading that corresponds to a whole group keeps that group and drops the single items it was also
 * paired with: they are parts of its counterpart, not counterparts of their own.
 */
function keepOneGranularity(pairs: readonly SelectedPair[]): SelectedPair[] {
  const withGroup = new Set<PlanItem>();
  for (const pair of pairs) {
    if (pair.reference.bareHeading && pair.subject.item.kind === "section") withGroup.add(pair.reference);
    if (pair.subject.bareHeading && pair.reference.item.kind === "section") withGroup.add(pair.subject);
  }
  return pairs.filter(
    (pair) =>
      !(withGroup.has(pair.reference) && pair.subject.item.kind !== "section") &&
      !(withGroup.has(pair.subject) && pair.reference.item.kind !== "section"),
  );
}

/**
 * The reference items no match covers, split into those with plausible candidates (the best few, above the
 * candidate floor) and those with none; and the subject items no match covers.
 */
function leftOver(kinds: readonly ItemKind[], itemsByKind: Map<ItemKind, SidedItems>, matches: readonly Match[], scoredByKind: Map<ItemKind, ScoredPair[]>, selection: SelectionOptions) {
  const matchedReference = new Set(matches.map((match) => `${match.reference.kind}:${match.reference.id}`));
  const matchedSubject = new Set(matches.map((match) => `${match.subject.kind}:${match.subject.id}`));
  const key = (entry: PlanItem) => `${entry.item.kind}:${entry.item.id}`;
  const unmatched: Alignment["unmatched"] = { reference: [], subject: [] };
  const candidates: CandidateList[] = [];
  // A subject item that carries another reference item far better than this one is that item's counterpart,
  // not a plausible one of this: what the share rule keeps from turning a dropped item into "unconfirmed".
  const bestMatch = new Map<string, number>();
  for (const match of matches) bestMatch.set(`${match.subject.kind}:${match.subject.id}`, Math.max(bestMatch.get(`${match.subject.kind}:${match.subject.id}`) ?? 0, match.score));
  // The share rule never cuts an item's best-ranked counterpart that carries one of its clauses word for
  // word: that one is plausible however well it carries another item.
  const plausibleFor = (pair: ScoredPair, best: ScoredPair | undefined) =>
    (pair.similarity.score >= selection.candidateFloor && pair.similarity.score >= selection.candidateShare * (bestMatch.get(key(pair.subject)) ?? 0)) ||
    (pair === best && sharedClause(pair.reference.text, pair.subject.text) !== undefined);
  for (const kind of kinds) {
    const items = itemsByKind.get(kind) ?? { reference: [], subject: [] };
    const scored = scoredByKind.get(kind) ?? [];
    const bestForReference = bestPairBy(scored, "reference");
    for (const entry of items.reference) {
      if (matchedReference.has(key(entry))) continue;
      const plausible = kind === "indicator"
        ? []
        : scored
          .filter((pair) => pair.reference === entry && plausibleFor(pair, bestForReference.get(entry)))
          .sort((a, b) => b.similarity.score - a.similarity.score)
          .slice(0, selection.candidateCount);
      if (plausible.length === 0) unmatched.reference.push(toReference(entry));
      else candidates.push({ reference: toReference(entry), candidates: plausible.map((pair) => ({ subject: toReference(pair.subject), score: round(pair.similarity.score), signals: roundSignals(pair) })) });
    }
    unmatched.subject.push(...items.subject.filter((entry) => !matchedSubject.has(key(entry))).map(toReference));
  }
  return { unmatched, candidates };
}

const inDocumentOrder = (a: ScoredPair, b: ScoredPair) => a.reference.order - b.reference.order || a.subject.order - b.subject.order;

function toCandidate(kind: ItemKind, pair: ScoredPair): Candidate {
  return { kind, reference: toReference(pair.reference), subject: toReference(pair.subject), score: round(pair.similarity.score), signals: roundSignals(pair) };
}

function toMatch(kind: ItemKind, pair: SelectedPair): Match {
  return { ...toCandidate(kind, pair), rule: pair.rule, ...(pair.review === undefined ? {} : { review: pair.review }) };
}

const roundSignals = (pair: ScoredPair) => pair.similarity.signals.map((signal) => ({ ...signal, value: round(signal.value) }));

function toReference(entry: PlanItem): ItemReference {
  return {
    kind: entry.item.kind, id: entry.item.id, label: entry.item.label, text: entry.text, quote: entry.quote,
    ...(entry.provenance === undefined ? {} : { provenance: entry.provenance }),
    ...(entry.target === undefined ? {} : { target: entry.target }),
  };
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
