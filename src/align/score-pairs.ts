import { getScoreFirst } from "../similarity/scorer.js";
import type { Scorer, Similarity } from "../similarity/types.js";
import type { ScoredPair } from "./apply-review.js";
import type { PlanItem } from "./items.js";

/**
 * The pairs of two item lists that may end up in an alignment, and each item's best few scores over all of
 * its pairs. Nine in ten pairs of two plans' tasks score below any floor a pair must reach to be matched or
 * offered as a candidate; keeping them, with their explanations, would make memory grow with the product of
 * the plans' sizes. Rank selection still compares each pair with its items' nearest candidates, whatever
 * they score, so those scores are kept, as numbers.
 */
export interface ScoredPairs {
  /** The pairs scoring at least the floor, reference by reference. */
  kept: ScoredPair[];
  /** Each item's best scores over all its pairs, best first, as many as asked for. */
  nearest: { reference: Map<PlanItem, number[]>; subject: Map<PlanItem, number[]> };
}

export interface PairScoring {
  /** Pairs below it are counted among the nearest scores, and not kept. */
  floor: number;
  /** How many of each item's best scores to keep. */
  nearest: number;
  /** Which pairs to score at all. */
  compared?: (reference: PlanItem, subject: PlanItem) => boolean;
}

/** Scores every pair of the two lists that `compared` allows, row by row. */
export function scorePairs(references: readonly PlanItem[], subjects: readonly PlanItem[], scorer: Scorer, scoring: PairScoring): ScoredPairs {
  // The built-in scorer explains only the pairs that are kept; another scorer explains every pair it scores.
  const scoreFirst = getScoreFirst(scorer);
  const result: ScoredPairs = { kept: [], nearest: { reference: new Map(), subject: new Map() } };
  const count = Math.max(1, scoring.nearest);
  for (const reference of references) {
    for (const subject of subjects) {
      if (scoring.compared !== undefined && !scoring.compared(reference, subject)) continue;
      let similarity: Similarity | undefined;
      const score = scoreFirst === undefined ? (similarity = scorer.score(reference.item, subject.item)).score : scoreFirst.score(reference.item, subject.item);
      remember(result.nearest.reference, reference, score, count);
      remember(result.nearest.subject, subject, score, count);
      if (score >= scoring.floor) result.kept.push({ reference, subject, similarity: similarity ?? scoreFirst!.explainLast(reference.item, subject.item) });
    }
  }
  return result;
}

/** Adds a score to an item's best `count`, kept in descending order. */
function remember(nearest: Map<PlanItem, number[]>, item: PlanItem, score: number, count: number): void {
  const best = nearest.get(item);
  if (best === undefined) {
    nearest.set(item, [score]);
    return;
  }
  if (best.length === count) {
    if (score <= best[count - 1]!) return;
    best.pop();
  }
  let index = best.length;
  while (index > 0 && best[index - 1]! < score) index--;
  best.splice(index, 0, score);
}
