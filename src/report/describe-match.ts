import type { CandidateList, Match, ReviewMark } from "../align/types.js";
import type { SignalScore } from "../similarity/types.js";
import type { Labels } from "./labels.js";

// How a pair was chosen, in words: shared by every renderer that shows matches.

export const formatScore = (score: number) => score.toFixed(2);

/** Why a match was made: the rule that accepted it, then each signal's value and weight. */
export function describeBasis(match: Match, labels: Labels): string {
  return `${labels.ruleColumn}: ${labels.rule[match.rule]}; ${describeSignals(match.signals, labels)}`;
}

export function describeSignals(signals: readonly SignalScore[], labels: Labels): string {
  return signals
    .map((signal) => `${labels.signal[signal.name as keyof Labels["signal"]] ?? signal.name} ${formatScore(signal.value)}×${signal.weight}${signal.note === undefined ? "" : ` (${signal.note})`}`)
    .join("; ");
}

/** A reference item's candidates, the best first, with their scores. */
export function describeCandidates(entry: CandidateList, labels: Labels): string {
  return entry.candidates.map((candidate) => `${candidate.subject.id} ${candidate.subject.label} (${formatScore(candidate.score)})`).join(labels.listSeparator);
}

/** The reviewer's decision on a match, in words, with the note; empty when unreviewed. */
export function describeReview({ review }: { review?: ReviewMark | undefined }, labels: Labels): string {
  if (review === undefined) return "";
  const note = review.note === undefined ? "" : `: ${review.note}`;
  return `${labels.reviewDecision[review.decision]}${note}`;
}
