import { PlanLoadError, type PlanIssue } from "../load/errors.js";
import type { Review } from "../model/review.js";
import type { ItemKind, Scorer, Similarity } from "../similarity/types.js";
import type { PlanItem } from "./items.js";
import type { SelectedPair } from "./select-pairs.js";
import type { ReviewMark } from "./types.js";

/** A scored pair of items, as alignment builds them before they become matches. */
export interface ScoredPair {
  reference: PlanItem;
  subject: PlanItem;
  similarity: Similarity;
  review?: ReviewMark;
}

interface ReviewContext {
  kind: ItemKind;
  referencePlan: string;
  subjectPlan: string;
  items: { reference: readonly PlanItem[]; subject: readonly PlanItem[] };
  scorer: Scorer;
  oneToOne: boolean;
}

/**
 * Applies an auditor's decisions on pairs of one kind: a rejected pair is removed, a confirmed one marked,
 * an added one scored and put in (for one-to-one kinds, replacing the program's pairs of either item).
 * Decisions naming items that do not exist throw, naming the review file and the decision's path.
 */
export function applyReview(pairs: readonly SelectedPair[], review: Review | undefined, context: ReviewContext): { pairs: SelectedPair[]; rejected: SelectedPair[] } {
  let result = [...pairs];
  const rejected: SelectedPair[] = [];
  const problems: PlanIssue[] = [];
  (review?.decisions ?? []).forEach((decision, index) => {
    if (decision.reference !== context.referencePlan || decision.subject !== context.subjectPlan || decision.kind !== context.kind) return;
    const reference = context.items.reference.find((entry) => entry.item.id === decision.referenceItem);
    const subject = context.items.subject.find((entry) => entry.item.id === decision.subjectItem);
    if (reference === undefined) problems.push({ path: `reviews[${index}].referenceItem`, message: `no ${context.kind} "${decision.referenceItem}" in plan ${context.referencePlan}` });
    if (subject === undefined) problems.push({ path: `reviews[${index}].subjectItem`, message: `no ${context.kind} "${decision.subjectItem}" in plan ${context.subjectPlan}` });
    if (reference === undefined || subject === undefined) return;
    const mark = (decisionName: ReviewMark["decision"]): ReviewMark => ({
      decision: decisionName,
      ...(decision.note === undefined ? {} : { note: decision.note }),
      ...(decision.reviewer === undefined ? {} : { reviewer: decision.reviewer }),
    });
    const existing = result.find((pair) => pair.reference === reference && pair.subject === subject);
    const pair: SelectedPair = existing ?? { reference, subject, similarity: context.scorer.score(reference.item, subject.item), rule: "review" };
    result = result.filter((candidate) => candidate !== existing);
    if (decision.decision === "reject") {
      rejected.push({ ...pair, review: mark("rejected") });
      return;
    }
    if (context.oneToOne) {
      // The reviewer's pair wins over the program's pairs of either item.
      result = result.filter((candidate) => candidate.review !== undefined || (candidate.reference !== reference && candidate.subject !== subject));
    }
    result.push({ ...pair, review: mark(existing !== undefined && decision.decision === "confirm" ? "confirmed" : "added") });
  });
  if (problems.length > 0) throw new PlanLoadError(review?.file ?? "<review>", problems);
  return { pairs: result, rejected };
}
