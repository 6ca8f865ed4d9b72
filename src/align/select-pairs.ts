import { munkres } from "munkres";
import type { ScoredPair } from "./apply-review.js";
import type { PlanItem } from "./items.js";
import type { ScoredPairs } from "./score-pairs.js";
import type { MatchRule, SelectionOptions } from "./types.js";
import { sharedClause } from "./clauses.js";

/** A pair chosen by a selection rule, with the rule that accepted it. */
export interface SelectedPair extends ScoredPair {
  rule: MatchRule;
}

/** One-to-one: the assignment that maximizes the total score (Hungarian algorithm), then the threshold. */
export function selectOneToOne(scored: readonly ScoredPair[][], threshold: number): SelectedPair[] {
  if (scored.length === 0 || (scored[0]?.length ?? 0) === 0) return [];
  const cost = scored.map((row) => row.map((pair) => 1 - pair.similarity.score));
  return munkres(cost)
    .map(([row, column]) => scored[row]?.[column])
    .filter((pair): pair is ScoredPair => pair !== undefined && pair.similarity.score >= threshold)
    .map((pair) => ({ ...pair, rule: "one-to-one" as const }));
}

/**
 * The absolute rule: above the threshold, each subject item keeps its best counterpart and any other within
 * the margin of it (one county task may carry out two provincial ones), and each reference item keeps its best.
 */
export function selectByThreshold(pairs: readonly ScoredPair[], threshold: number, margin: number): SelectedPair[] {
  return acceptedByThreshold(pairs, threshold, margin).map((pair) => ({ ...pair, rule: "threshold" as const }));
}

function acceptedByThreshold(pairs: readonly ScoredPair[], threshold: number, margin: number): ScoredPair[] {
  const above = pairs.filter((pair) => pair.similarity.score >= threshold);
  const bestForSubject = bestPairBy(above, "subject");
  const bestForReference = bestPairBy(above, "reference");
  return above.filter(
    (pair) =>
      pair.similarity.score >= (bestForSubject.get(pair.subject)?.similarity.score ?? 1) - margin ||
      pair.similarity.score === bestForReference.get(pair.reference)?.similarity.score,
  );
}

/**
 * Selection by rank, for items whose scores depend on their length and wording more than on what they mean
 * (a one-sentence county task against a 500-character city task that contains it): besides the absolute
 * rule, a pair is accepted when it stands out from both items' nearest candidates (`standout`): twice its
 * score, less the mean of each item's best `neighbours` scores, reaches `standout`, and the score reaches the
 * floor. An item whose candidates all score alike gains nothing by being best; one long item that several
 * short ones point to keeps them all. This is the cross-domain similarity local scaling (CSLS) of
 * embedding retrieval, applied to any scorer.
 */
export function selectByRank(scored: ScoredPairs, threshold: number, options: SelectionOptions): SelectedPair[] {
  const byThreshold = new Set(acceptedByThreshold(scored.kept, threshold, options.margin));
  const forReference = neighbourhoods(scored.nearest.reference, options.neighbours);
  const forSubject = neighbourhoods(scored.nearest.subject, options.neighbours);
  const selected: SelectedPair[] = [];
  for (const pair of scored.kept) {
    const score = pair.similarity.score;
    if (byThreshold.has(pair)) {
      selected.push({ ...pair, rule: "threshold" });
    } else if (score >= options.floor && standout(pair, forReference, forSubject) >= options.standout) {
      selected.push({ ...pair, rule: "standout" });
    }
  }
  return selected;
}

/** Twice the pair's score less the mean scores of each item's nearest candidates: how far it stands out. */
function standout(pair: ScoredPair, forReference: ReadonlyMap<PlanItem, number>, forSubject: ReadonlyMap<PlanItem, number>): number {
  return 2 * pair.similarity.score - (forReference.get(pair.reference) ?? 0) - (forSubject.get(pair.subject) ?? 0);
}

/** Each item's mean score over its best `count` candidates. */
function neighbourhoods(nearest: ReadonlyMap<PlanItem, readonly number[]>, count: number): Map<PlanItem, number> {
  const means = new Map<PlanItem, number>();
  for (const [item, scores] of nearest) {
    const best = scores.slice(0, Math.max(1, count));
    means.set(item, best.reduce((sum, value) => sum + value, 0) / best.length);
  }
  return means;
}

/**
 * Across granularity, the bare heading is the one looking for a counterpart (its group, or the item that
 * carries it): it keeps its best candidate when that is above the threshold, or above the floor and clearly
 * ahead of its second (`distinct-best`), and any other above the threshold within the margin of the best.
 */
export function selectForHeadings(pairs: readonly ScoredPair[], threshold: number, options: SelectionOptions): SelectedPair[] {
  const byHeading = new Map<PlanItem, ScoredPair[]>();
  for (const pair of pairs) {
    const heading = pair.reference.bareHeading ? pair.reference : pair.subject;
    const list = byHeading.get(heading);
    if (list === undefined) byHeading.set(heading, [pair]);
    else list.push(pair);
  }
  const selected: SelectedPair[] = [];
  for (const candidates of byHeading.values()) {
    const [best, second] = [...candidates].sort((a, b) => b.similarity.score - a.similarity.score);
    if (best === undefined) continue;
    const score = best.similarity.score;
    if (score >= threshold) {
      selected.push(...candidates.filter((pair) => pair.similarity.score >= Math.max(threshold, score - options.margin)).map((pair) => ({ ...pair, rule: "threshold" as const })));
    } else if (score >= options.floor && score >= options.ratio * (second?.similarity.score ?? 0)) {
      selected.push({ ...best, rule: "distinct-best" });
    }
  }
  return selected;
}

/**
 * Clauses carried word for word: an item's best-ranked counterpart that no other rule accepted is accepted
 * when the two share a clause (`sharedClause`) and the score reaches the floor, so that a short item inside a
 * long one is not lost to the long one's better match elsewhere.
 */
export function selectByClause(scored: ScoredPairs, selected: readonly ScoredPair[], options: SelectionOptions): SelectedPair[] {
  const taken = new Set(selected.map((pair) => pair.reference.item.id + "\u0000" + pair.subject.item.id));
  const best = new Set([...bestPairBy(scored.kept, "reference").values(), ...bestPairBy(scored.kept, "subject").values()]);
  return [...best]
    .filter((pair) => !taken.has(pair.reference.item.id + "\u0000" + pair.subject.item.id) && pair.similarity.score >= options.floor && sharedClause(pair.reference.text, pair.subject.text) !== undefined)
    .map((pair) => ({ ...pair, rule: "clause" as const }));
}

/** Each item's best-scored pair. */
export function bestPairBy(pairs: readonly ScoredPair[], side: "reference" | "subject"): Map<PlanItem, ScoredPair> {
  const best = new Map<PlanItem, ScoredPair>();
  for (const pair of pairs) {
    const current = best.get(pair[side]);
    if (current === undefined || pair.similarity.score > current.similarity.score) best.set(pair[side], pair);
  }
  return best;
}
