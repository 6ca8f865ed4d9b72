import * as z from "zod";
import { InputError } from "./input-error.js";

/** One decision of an auditor about a pair of items of two plans. */
export const ReviewDecisionSchema = z
  .object({
    reference: z.string().min(1).describe("Id of the reference plan, e.g. national."),
    subject: z.string().min(1).describe("Id of the subject plan, e.g. daixian."),
    kind: z.enum(["indicator", "task", "project", "section"]),
    referenceItem: z.string().min(1).describe("Id of the item in the reference plan, e.g. core-2."),
    subjectItem: z.string().min(1).describe("Id of the item in the subject plan."),
    decision: z
      .enum(["confirm", "reject", "add"])
      .describe("confirm: the match is right; reject: it is wrong and is removed; add: a match the program missed."),
    note: z.string().optional(),
    reviewer: z.string().optional(),
  })
  .strict();
/**
 * One decision of an auditor about a pair of items: in the plans `reference` and `subject`, the items
 * `referenceItem` and `subjectItem` of one `kind` are a match (`confirm`), are not (`reject`), or are a match
 * the program missed (`add`); `note` and `reviewer` are kept for the record.
 *
 * @useDeclaredType
 */
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** A review file (JSON or YAML): the decisions `compare`, `chain` and `audit` apply with `--review`. */
export const ReviewFileSchema = z
  .object({
    $comment: z.string().optional(),
    reviews: z.array(ReviewDecisionSchema),
  })
  .strict();

/** Review decisions with the file they came from, so errors can name it. */
export interface Review {
  file?: string;
  decisions: readonly ReviewDecision[];
}

/** Review decisions as the `review` option takes them (what `loadReviewFile` returns). */
export const ReviewSchema = z
  .object({ file: z.string().min(1).optional(), decisions: z.array(ReviewDecisionSchema) })
  .strict();

/**
 * Refuses decisions that name a pair of plans the call does not compare: they would be ignored without a
 * word, and a review written for another plan would seem to have been applied.
 *
 * @param compared - for each subject plan's id, the ids of the plans it is compared with
 * @param where - the review's place among the arguments, for a review that did not come from a file
 * @throws InputError naming the review file (or the function and `where`), each such decision and its ids
 */
export function checkReviewNamesCompared(functionName: string, review: Review | undefined, compared: ReadonlyMap<string, readonly string[]>, where: string): void {
  if (review === undefined) return;
  const issues = review.decisions.flatMap((decision, index) => {
    const references = compared.get(decision.subject);
    if (references?.includes(decision.reference) === true) return [];
    const path = review.file === undefined ? `${where}.decisions[${index}]` : `reviews[${index}]`;
    const but = references === undefined
      ? `${decision.subject} is not among the plans ${functionName} compares`
      : `${functionName} compares ${decision.subject} only with ${references.join(", ") || "no plan"}`;
    return [{ path, message: `names ${decision.reference} → ${decision.subject}, but ${but}` }];
  });
  if (issues.length > 0) throw new InputError(review.file ?? functionName, issues);
}
