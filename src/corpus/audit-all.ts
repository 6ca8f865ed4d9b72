import * as z from "zod";
import { referencesCompared } from "../align/align-chain.js";
import { describePlan } from "../align/align-plans.js";
import type { PlanReference } from "../align/types.js";
import { auditPlanUnchecked } from "../findings/audit-plan.js";
import type { AuditOptions, AuditReport } from "../findings/types.js";
import { getAncestorPlansUnchecked } from "../load/bundled.js";
import { checkArguments } from "../model/input-error.js";
import { AuditAllOptionsSchema } from "../model/options.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import { checkReviewNamesCompared } from "../model/review.js";
import { buildComplianceMatrixUnchecked, type ComplianceMatrix } from "./compliance-matrix.js";

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
 * @throws InputError at the call, before any audit, when a plan or an option does not match its schema
 * (`plans[3].tasks[0].title`) or a review decision names plans not compared
 * @example
 * for (const report of auditEach([cityPlan, ...countyPlans])) write(JSON.stringify(report));
 */
export function auditEach(plans: readonly Plan[], options: AuditAllOptions = {}): Generator<AuditReport> {
  checkCorpusArguments("auditEach", plans, options);
  return reportsOf(auditWithAncestors(plans, options));
}

function* reportsOf(audits: Iterable<{ report: AuditReport }>): Generator<AuditReport> {
  for (const { report } of audits) yield report;
}

/** Checks the plans and options of many audits once, so that no audit repeats the check. */
export function checkCorpusArguments(functionName: string, plans: readonly Plan[], options: AuditAllOptions): void {
  checkArguments(functionName, { plans: [z.array(PlanSchema), plans], options: [AuditAllOptionsSchema, options] });
  const review = options.align?.review;
  if (review === undefined) return;
  // Only the plans a decision names need their ancestors found here; the audits find everyone's.
  const named = new Set(review.decisions.map((decision) => decision.subject));
  const compared = new Map(
    plans.filter((plan) => named.has(plan.id)).map((plan) => [plan.id, referencesCompared(getAncestorPlansUnchecked(plan, plans))]),
  );
  checkReviewNamesCompared(functionName, review, compared, "options.align.review");
}

/** An audit with the ancestors it was made against. */
export interface AuditedPlan {
  report: AuditReport;
  ancestors: Plan[];
}

/** Each plan audited against its ancestors, in order, with them; for callers that checked the arguments. */
export function* auditWithAncestors(plans: readonly Plan[], options: AuditAllOptions): Generator<AuditedPlan> {
  const { onProgress, ...auditOptions } = options;
  for (const [index, plan] of plans.entries()) {
    const ancestors = getAncestorPlansUnchecked(plan, plans);
    yield { report: auditPlanUnchecked(plan, { ...auditOptions, ancestors }), ancestors };
    onProgress?.(index + 1, plans.length, describePlan(plan));
  }
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
 * @throws InputError as `auditEach` does
 * @example
 * const { reports, matrix } = auditAll([getBundledPlan("daixian"), getBundledPlan("nanyang")]);
 * matrix.rows.length; // the national indicators, 山西省's and 河南省's groups and indicators
 */
export function auditAll(plans: readonly Plan[], options: AuditAllOptions = {}): AuditAllResult {
  checkCorpusArguments("auditAll", plans, options);
  const reports: AuditReport[] = [];
  const ancestors = new Map<string, Plan>();
  for (const audited of auditWithAncestors(plans, options)) {
    reports.push(audited.report);
    for (const ancestor of audited.ancestors) ancestors.set(ancestor.id, ancestor);
  }
  return { reports, matrix: buildComplianceMatrixUnchecked(reports, [...ancestors.values()]) };
}
