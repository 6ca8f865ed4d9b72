import { z } from "zod";

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
