import { describePlan } from "../align/align-plans.js";
import type { PlanReference } from "../align/types.js";
import { auditPlan } from "../findings/audit-plan.js";
import type { AuditOptions, AuditReport } from "../findings/types.js";
import { getAncestorPlans } from "../load/bundled.js";
import type { Plan } from "../model/plan.js";
import { buildComplianceMatrix, type ComplianceMatrix } from "./compliance-matrix.js";

/** Options of `auditEach` and `auditAll`; every field has a default. */
export interface AuditAllOptions extends Omit<AuditOptions, "ancestors"> {
  /** Called after each audit with how many are done, of how many, and the plan just audited. Default: none. */
  onProgress?: (done: number, total: number, plan: PlanReference) => void;
}

/**
 * Audits each plan against its ancestors, one at a time, as a stream: a plan's ancestors are found among
 * the given plans first (a bureau's own city or province plan), then among the bundled ones, with the
 * national division table deciding who is whose parent. Memory stays flat however many plans there are.
 *
 * @example
 * for (const report of auditEach([cityPlan, ...countyPlans])) write(JSON.stringify(report));
 */
export function* auditEach(plans: readonly Plan[], options: AuditAllOptions = {}): Generator<AuditReport> {
  for (const { report } of auditWithAncestors(plans, options)) yield report;
}

/** An audit with the ancestors it was made against. */
export interface AuditedPlan {
  report: AuditReport;
  ancestors: Plan[];
}

export function* auditWithAncestors(plans: readonly Plan[], options: AuditAllOptions): Generator<AuditedPlan> {
  const { onProgress, ...auditOptions } = options;
  const ancestorsOf = findAncestors(plans);
  for (const [index, plan] of plans.entries()) {
    const ancestors = ancestorsOf(plan);
    yield { report: auditPlan(plan, { ...auditOptions, ancestors }), ancestors };
    onProgress?.(index + 1, plans.length, describePlan(plan));
  }
}

/** A plan's ancestors among the given plans first, then the bundled ones (see `getAncestorPlans`). */
export function findAncestors(plans: readonly Plan[]): (plan: Plan) => Plan[] {
  return (plan) => getAncestorPlans(plan, plans);
}

/** Every plan's audit, and the compliance matrix across them. */
export interface AuditAllResult {
  reports: AuditReport[];
  matrix: ComplianceMatrix;
}

/**
 * Audits many plans at once, each against its ancestors (see `auditEach`), and builds the compliance
 * matrix: each ancestor's indicators and task and project groups against every plan below it.
 *
 * @example
 * const { reports, matrix } = auditAll([getBundledPlan("daixian"), getBundledPlan("nanyang")]);
 * matrix.rows.length; // the national indicators, 山西省's and 河南省's groups and indicators
 */
export function auditAll(plans: readonly Plan[], options: AuditAllOptions = {}): AuditAllResult {
  const reports: AuditReport[] = [];
  const ancestors = new Map<string, Plan>();
  for (const audited of auditWithAncestors(plans, options)) {
    reports.push(audited.report);
    for (const ancestor of audited.ancestors) ancestors.set(ancestor.id, ancestor);
  }
  return { reports, matrix: buildComplianceMatrix(reports, [...ancestors.values()]) };
}
