import * as z from "zod";
import { referencesCompared } from "../align/align-chain.js";
import { describePlan } from "../align/align-plans.js";
import type { PlanReference } from "../align/types.js";
import { auditPlanUnchecked } from "../findings/audit-plan.js";
import type { AuditOptions, AuditReport } from "../findings/types.js";
import type { FindAncestors } from "../load/ancestors.js";
import { checkArguments } from "../model/input-error.js";
import { AuditAllOptionsSchema } from "../model/options.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import { checkReviewNamesCompared } from "../model/review.js";
import { withBatchTopics } from "./batch-topics.js";
import { buildComplianceMatrixUnchecked, type ComplianceMatrix } from "./compliance-matrix.js";

/** Options of `auditEach` and `auditAll`; every field has a default. */
export interface AuditAllOptions extends Omit<AuditOptions, "ancestors"> {
  /** Called after each audit with how many are done, of how many, and the plan just audited. Default: none. */
  onProgress?: (done: number, total: number, plan: PlanReference) => void;
}

/** `auditEach`, with `findAncestors` finding each plan's ancestors among the plans and beyond them. */
export function auditEachFinding(findAncestors: FindAncestors, plans: readonly Plan[], options: AuditAllOptions): Generator<AuditReport> {
  checkCorpusArguments("auditEach", plans, options, findAncestors);
  return reportsOf(auditWithAncestors(plans, withBatchTopics(plans, findAncestors, options), findAncestors));
}

function* reportsOf(audits: Iterable<{ report: AuditReport }>): Generator<AuditReport> {
  for (const { report } of audits) yield report;
}

/** Checks the plans and options of many audits once, so that no audit repeats the check. */
export function checkCorpusArguments(functionName: string, plans: readonly Plan[], options: AuditAllOptions, findAncestors: FindAncestors): void {
  checkArguments(functionName, { plans: [z.array(PlanSchema), plans], options: [AuditAllOptionsSchema, options] });
  const review = options.align?.review;
  if (review === undefined) return;
  // Only the plans a decision names need their ancestors found here; the audits find everyone's.
  const named = new Set(review.decisions.map((decision) => decision.subject));
  const compared = new Map(
    plans.filter((plan) => named.has(plan.id)).map((plan) => [plan.id, referencesCompared(findAncestors(plan, plans))]),
  );
  checkReviewNamesCompared(functionName, review, compared, "options.align.review");
}

/** An audit with the ancestors it was made against. */
export interface AuditedPlan {
  report: AuditReport;
  /** The plans it was audited against, nearest first. */
  ancestors: Plan[];
}

/** Each plan audited against its ancestors, in order, with them; for callers that checked the arguments. */
export function* auditWithAncestors(plans: readonly Plan[], options: AuditAllOptions, findAncestors: FindAncestors): Generator<AuditedPlan> {
  const { onProgress, ...auditOptions } = options;
  for (const [index, plan] of plans.entries()) {
    const ancestors = findAncestors(plan, plans);
    yield { report: auditPlanUnchecked(plan, { ...auditOptions, ancestors }), ancestors };
    onProgress?.(index + 1, plans.length, describePlan(plan));
  }
}

/** Every plan's audit, and the compliance matrix across them. */
export interface AuditAllResult {
  reports: AuditReport[];
  matrix: ComplianceMatrix;
}

/** `auditAll`, with `findAncestors` finding each plan's ancestors, as in `auditEachFinding`. */
export function auditAllFinding(findAncestors: FindAncestors, plans: readonly Plan[], options: AuditAllOptions): AuditAllResult {
  checkCorpusArguments("auditAll", plans, options, findAncestors);
  const reports: AuditReport[] = [];
  const ancestors = new Map<string, Plan>();
  for (const audited of auditWithAncestors(plans, withBatchTopics(plans, findAncestors, options), findAncestors)) {
    reports.push(audited.report);
    for (const ancestor of audited.ancestors) ancestors.set(ancestor.id, ancestor);
  }
  return { reports, matrix: buildComplianceMatrixUnchecked(reports, [...ancestors.values()]) };
}
