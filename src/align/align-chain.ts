import * as z from "zod";
import { checkArguments } from "../model/input-error.js";
import { AlignOptionsSchema } from "../model/options.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import { checkReviewNamesCompared } from "../model/review.js";
import { version } from "../model/version.js";
import { alignPlansUnchecked, describePlan, settingsOf } from "./align-plans.js";
import type { AlignSettings } from "./settings.js";
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
  /** plan-align's version that made the chain. */
  version: string;
  /** The options that change the results, defaults filled in, as each aligned step has them. */
  settings: AlignSettings;
}

/**
 * Aligns a plan with each of its ancestors, nearest first (e.g. 代县 with 忻州市, 山西省 and the nation).
 * A level whose plan has no known content is skipped, and the step says so: the subject is then compared
 * with the levels above it directly.
 *
 * @param ancestors - the plans above the subject, nearest first; for bundled plans `getAncestorPlans(subject)`
 * @throws InputError when a plan or an option does not match its schema, or a review decision names plans
 * not compared here
 * @example
 * const daixian = getBundledPlan("daixian");
 * const chain = alignChain(daixian, getAncestorPlans(daixian));
 * chain.steps.map((step) => [step.reference.id, step.status]); // [["xinzhou", "skipped"], ["shanxi", "aligned"], ["national", "aligned"]]
 */
export function alignChain(subject: Plan, ancestors: readonly Plan[], options: AlignOptions = {}): ChainAlignment {
  checkArguments("alignChain", { subject: [PlanSchema, subject], ancestors: [z.array(PlanSchema), ancestors], options: [AlignOptionsSchema, options] });
  checkReviewNamesCompared("alignChain", options.review, new Map([[subject.id, referencesCompared(ancestors)]]), "options.review");
  return alignChainUnchecked(subject, ancestors, options);
}

/** The ids of the plans a chain compares its subject with: the levels with content. */
export function referencesCompared(ancestors: readonly Plan[]): string[] {
  return ancestors.filter((reference) => reference.content !== "none").map((reference) => reference.id);
}

/** `alignChain` for arguments already checked: what audits call. */
export function alignChainUnchecked(subject: Plan, ancestors: readonly Plan[], options: AlignOptions): ChainAlignment {
  return {
    subject: describePlan(subject),
    version,
    settings: settingsOf(options),
    steps: ancestors.map((reference): ChainStep => {
      if (reference.content === "none") {
        return { reference: describePlan(reference), status: "skipped", reason: "no-content" };
      }
      return { reference: describePlan(reference), status: "aligned", alignment: alignPlansUnchecked(reference, subject, options) };
    }),
  };
}
