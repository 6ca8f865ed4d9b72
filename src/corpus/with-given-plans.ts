import type { AuditOptions, AuditReport } from "../findings/types.js";
import { auditManyFinding, auditPlanFinding } from "../findings/audit-plan.js";
import { findAncestorPlans, getAncestorNames, type FindAncestors } from "../load/ancestors.js";
import { InputError } from "../model/input-error.js";
import type { Plan } from "../model/plan.js";
import { auditAllFinding, auditEachFinding, type AuditAllOptions, type AuditAllResult } from "./audit-all.js";

// The audits of `plan-align/core`, which carries no bundled plan: the plans above a plan come from the
// caller. Levels the caller leaves out are skipped, as in `plan-align`, but a plan with none of its levels
// given is refused: an audit against nothing would look like a clean one.

/** The ancestors found among the given plans alone; refused (at `path`) when none of them is given. */
function givenAncestors(functionName: string, path: string, hint: string): FindAncestors {
  return (plan, among) => {
    const ancestors = findAncestorPlans(plan, among, () => []);
    const levels = getAncestorNames(plan);
    if (levels.length > 0 && !ancestors.some((ancestor) => among.includes(ancestor))) {
      throw new InputError(functionName, [{
        path,
        message: `no plan above "${plan.id}" (${levels.join(", ")}) is given, and plan-align/core bundles none: ${hint}, or import ${functionName} from plan-align to use its bundled plans`,
      }]);
    }
    return ancestors;
  };
}

/**
 * Audits a plan against the plans above it, given as `options.ancestors`, nearest first: what
 * `plan-align`'s `auditPlan` does, without its bundled plans. A plan at the top (全国) needs none.
 *
 * @throws InputError as `plan-align`'s `auditPlan` does, and when the plan has levels above it and
 * `options.ancestors` is not given
 * @example
 * // Plans of your own (here plan-align's bundled ones): the county's, then those above it, nearest first.
 * const daixian = getBundledPlan("daixian");
 * const report = auditPlan(daixian, { ancestors: getAncestorPlans(daixian) });
 * report.chain.map((step) => step.reference.id); // ["xinzhou", "shanxi", "national"]
 */
export function auditPlan(subject: Plan, options: AuditOptions = {}): AuditReport {
  return auditPlanFinding(givenAncestors("auditPlan", "options.ancestors", "give them as options.ancestors, nearest first"), subject, options);
}

/**
 * Audits several plans, each on its own: only plans at the top (全国) can be audited so, as no ancestors
 * are given; for plans with levels above, `auditAll` with those plans among the plans.
 *
 * @throws InputError as `plan-align`'s `auditMany` does, and when a plan has levels above it
 * @example
 * auditMany([getBundledPlan("national")]).length; // 1
 */
export function auditMany(subjects: readonly Plan[], options: Omit<AuditOptions, "ancestors"> = {}): AuditReport[] {
  return auditManyFinding(givenAncestors("auditMany", "plans", "audit it with auditPlan and options.ancestors"), subjects, options);
}

const amongThePlans = "put the plans above it among the plans";

/**
 * Audits each plan against the plans above it among the given plans, one at a time, as a stream: what
 * `plan-align`'s `auditEach` does, without its bundled plans. A level whose plan is not given is skipped.
 *
 * @throws InputError at the call, before any audit, as `plan-align`'s `auditEach` does, and when a plan has
 * levels above it and none of their plans is among the plans
 * @example
 * const plans = ["national", "shanxi", "daixian"].map(getBundledPlan); // from plan-align, or files of your own
 * [...auditEach(plans)].map((report) => report.subject.id); // ["national", "shanxi", "daixian"]
 */
export function auditEach(plans: readonly Plan[], options: AuditAllOptions = {}): Generator<AuditReport> {
  const findAncestors = givenAncestors("auditEach", "plans", amongThePlans);
  const reports = auditEachFinding(findAncestors, plans, options);
  // The stream finds each plan's ancestors only at its turn: look once now, so a refusal comes at the call.
  for (const plan of plans) findAncestors(plan, plans);
  return reports;
}

/**
 * Audits many plans at once against the plans above them among the given plans, and builds the
 * compliance matrix: what `plan-align`'s `auditAll` does, without its bundled plans.
 *
 * @throws InputError as `auditEach` does
 * @example
 * const { reports, matrix } = auditAll(["national", "shanxi", "daixian"].map(getBundledPlan));
 * reports.length; // 3
 * matrix.rows.length; // 26: the national plan's 7 indicators and 7 task groups, 山西省's 8 task and 4 project groups
 */
export function auditAll(plans: readonly Plan[], options: AuditAllOptions = {}): AuditAllResult {
  return auditAllFinding(givenAncestors("auditAll", "plans", amongThePlans), plans, options);
}
