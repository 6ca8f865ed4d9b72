import { readDataFile } from "./read-data-file.js";
import { checkArguments } from "../model/input-error.js";
import { FilePathSchema } from "../model/options.js";
import { ReviewFileSchema, type Review } from "../model/review.js";
import { formatPath, PlanLoadError } from "./errors.js";

/**
 * Reads an auditor's review file (JSON or YAML, docs/review.schema.json): decisions to confirm, reject or
 * add pairs, which `alignPlans`, `alignChain` and `auditPlan` apply through their `review` option.
 *
 * @throws PlanLoadError naming the file and the path of each problem, e.g. `reviews[2].decision`
 * @example
 * const review = await loadReviewFile("docs/examples/review.yaml");
 * review.decisions.length; // 1: the nation's and 代县's core-1 confirmed as a pair
 * const report = auditPlan(getBundledPlan("daixian"), { align: { review } });
 */
export async function loadReviewFile(file: string): Promise<Review> {
  checkArguments("loadReviewFile", { file: [FilePathSchema, file] });
  return parseReview(await readDataFile(file), file);
}

/**
 * Checks a review file's content, already read (from a file or standard input), against its schema.
 *
 * @throws PlanLoadError naming `file` and the path of each problem
 */
export function parseReview(value: unknown, file: string): Review {
  const result = ReviewFileSchema.safeParse(value);
  if (!result.success) {
    throw new PlanLoadError(file, result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  return { file, decisions: result.data.reviews };
}
