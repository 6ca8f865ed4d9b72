import type { Plan } from "../model/plan.js";
import { alignPlans, describePlan } from "./align-plans.js";
import type { AlignOptions, Alignment, PlanReference } from "./types.js";

/** One level of a chain: aligned with the subject, or skipped with the reason. */
export type ChainStep =
  | { reference: PlanReference; status: "aligned"; alignment: Alignment }
  | { reference: PlanReference; status: "skipped"; reason: SkipReason };

/** Why a level was skipped: `no-content`, the plan is known to exist but none of its content is at hand. */
export type SkipReason = "no-content";

/** A subject plan aligned with each plan above it, nearest first. */
export interface ChainAlignment {
  subject: PlanReference;
  steps: ChainStep[];
}

/**
 * Aligns a plan with each of its ancestors, nearest first (e.g. 代县 with 忻州市, 山西省 and the nation).
 * A level whose plan has no known content is skipped, and the step says so: the subject is then compared
 * with the levels above it directly.
 *
 * @param ancestors - the plans above the subject, nearest first; for bundled plans `getAncestorPlans(subject)`
 * @example
 * const chain = alignChain(daixian, getAncestorPlans(daixian));
 * chain.steps.map((step) => step.status); // ["skipped", "aligned", "aligned"]
 */
export function alignChain(subject: Plan, ancestors: readonly Plan[], options: AlignOptions = {}): ChainAlignment {
  return {
    subject: describePlan(subject),
    steps: ancestors.map((reference): ChainStep => {
      if (reference.content === "none") {
        return { reference: describePlan(reference), status: "skipped", reason: "no-content" };
      }
      return { reference: describePlan(reference), status: "aligned", alignment: alignPlans(reference, subject, options) };
    }),
  };
}
