import type { AuditOptions, AuditReport } from "../findings/types.js";
import { auditManyFinding, auditPlanFinding } from "../findings/audit-plan.js";
import { getAncestorPlansUnchecked } from "../load/bundled.js";
import type { Plan } from "../model/plan.js";
import { auditAllFinding, auditEachFinding, type AuditAllOptions, type AuditAllResult } from "./audit-all.js";

// The audits of `plan-align` and `plan-align/node`: a level above a plan that the caller does not give
// gets its bundled plan.

/**
 * Audits a plan against every plan above it (its chain of ancestors, nearest first): missing indicators,
 * tasks and projects, weaker, equal, stronger or incomparable targets, later deadlines, downgraded
 * indicator natures, what it adds, and of the plan itself: tasks without a lead unit, omissions in its
 * source. Findings come in a stable order: by ancestor, then kind, then document order. Without
 * `options.ancestors`, the ancestors are the bundled plans above it (`getAncestorPlans`).
 *
 * @throws InputError when the plan or an option (ancestors, alignment options, language) does not match its
 * schema, naming the argument and the path inside it, or when a review decision names plans not compared
 * @example
 * const report = auditPlan(getBundledPlan("daixian"));
 * report.findings.filter((finding) => finding.kind === "weaker-target").length; // 2
 * report.summary.bySeverity; // { error: 2, warning: 1, info: 17 }
 */
export function auditPlan(subject: Plan, options: AuditOptions = {}): AuditReport {
  return auditPlanFinding(getAncestorPlansUnchecked, subject, options);
}

/**
 * Audits several plans, each against its own ancestors.
 *
 * @throws InputError as `auditPlan` does, naming the plan by its index (`plans[2].tasks[0].title`)
 * @example
 * const reports = auditMany([getBundledPlan("daixian"), getBundledPlan("nanyang")]);
 * reports.map((report) => [report.subject.id, report.findings.length]); // [["daixian", 20], ["nanyang", 19]]
 */
export function auditMany(subjects: readonly Plan[], options: Omit<AuditOptions, "ancestors"> = {}): AuditReport[] {
  return auditManyFinding(getAncestorPlansUnchecked, subjects, options);
}

/**
 * Audits each plan against its ancestors, one at a time, as a stream: a plan's ancestors are found among
 * the given plans first (a bureau's own city or province plan), then among the bundled ones, with the
 * national division table deciding who is whose parent. Memory stays flat however many plans there are.
 *
 * @throws InputError at the call, before any audit, when a plan or an option does not match its schema
 * (`plans[3].tasks[0].title`) or a review decision names plans not compared
 * @example
 * for (const report of auditEach([getBundledPlan("daixian"), getBundledPlan("nanyang")])) {
 *   console.log(report.subject.id, report.findings.length); // daixian 9, then nanyang 8
 * }
 */
export function auditEach(plans: readonly Plan[], options: AuditAllOptions = {}): Generator<AuditReport> {
  return auditEachFinding(getAncestorPlansUnchecked, plans, options);
}

/**
 * Audits many plans at once, each against its ancestors (see `auditEach`), and builds the compliance
 * matrix: each ancestor's indicators and task and project groups against every plan below it.
 *
 * @throws InputError as `auditEach` does
 * @example
 * const { reports, matrix } = auditAll([getBundledPlan("daixian"), getBundledPlan("nanyang")]);
 * reports.length; // 2
 * matrix.columns.map((plan) => plan.id); // ["daixian", "nanyang"]
 * matrix.rows.length; // 27 items of their ancestors
 */
export function auditAll(plans: readonly Plan[], options: AuditAllOptions = {}): AuditAllResult {
  return auditAllFinding(getAncestorPlansUnchecked, plans, options);
}
