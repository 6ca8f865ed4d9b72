import * as z from "zod";
import { getTaskGroups } from "../align/items.js";
import type { PlanReference } from "../align/types.js";
import { describePlan } from "../align/align-plans.js";
import type { AuditReport, FindingKind } from "../findings/types.js";
import { AuditReportSchema } from "../model/audit-report.js";
import { MatrixVerdictSchema } from "../model/compliance-matrix.js";
import { checkArguments } from "../model/input-error.js";
import { levelDepth, PlanSchema, type Plan } from "../model/plan.js";

/**
 * How a plan stands to one item of an ancestor: `carried` (a counterpart, no target to compare), `equal`,
 * `stronger` or `weaker` (its target), `missing`, `unconfirmed` (candidates to confirm), `low-confidence` (a
 * counterpart scoring below the confidence level, docs/matching.md), `not-applicable` (a duty of the ancestor's
 * own level), `cannot-judge` (the copy is cut off before it, or the targets do not compare).
 *
 * @useDeclaredType
 */
export type MatrixVerdict = z.infer<typeof MatrixVerdictSchema>;

/** One cell: the verdict, and the id of the finding behind it in that plan's report (none for carried). */
export interface MatrixCell {
  verdict: MatrixVerdict;
  /** The `id` of the finding in that plan's `findings`, the same in every run of the same plans and settings. */
  finding?: string;
}

/** One row: an ancestor's indicator or task or project group, and each plan's cell (null: not below it). */
export interface MatrixRow {
  ancestor: PlanReference;
  /** The ancestor's indicator, or one of its groups of tasks or of projects. */
  item: { kind: "indicator" | "tasks" | "projects"; id: string; label: string };
  cells: Array<MatrixCell | null>;
}

/** Rows: every ancestor's indicators and groups, top level first; columns: the plans audited, in order. */
export interface ComplianceMatrix {
  columns: PlanReference[];
  rows: MatrixRow[];
}

// A finding's kind decides the verdict; the first kinds listed win where a plan has several for one item.
const verdictOf: ReadonlyArray<[FindingKind, MatrixVerdict]> = [
  ["not-applicable", "not-applicable"],
  ["weaker-target", "weaker"],
  ["equal-target", "equal"],
  ["stronger-target", "stronger"],
  ["incomparable-target", "cannot-judge"],
  ["missing-indicator", "missing"],
  ["missing-task", "missing"],
  ["missing-project", "missing"],
  ["unconfirmed-task", "unconfirmed"],
  ["unconfirmed-project", "unconfirmed"],
  ["low-confidence-match", "low-confidence"],
  ["beyond-cut", "cannot-judge"],
];

/**
 * The compliance matrix of many audits: for each ancestor's indicators and task and project groups, how
 * each plan below it carries them. Absences in a copy that is cut off cannot be judged.
 *
 * @param ancestors - the plans the audits compared with; those without content give no rows
 * @throws InputError when a report or a plan does not match its schema
 *
 * @example
 * const daixian = getBundledPlan("daixian");
 * const matrix = buildComplianceMatrix(auditMany([daixian]), getAncestorPlans(daixian));
 * matrix.rows[0]?.item.label; // "生产安全事故死亡人数", the national core-1
 * matrix.rows[0]?.cells; // [{ verdict: "equal", finding: "daixian/equal-target/national/core-1/core-1" }]
 */
export function buildComplianceMatrix(reports: readonly AuditReport[], ancestors: readonly Plan[]): ComplianceMatrix {
  checkArguments("buildComplianceMatrix", { reports: [z.array(AuditReportSchema), reports], ancestors: [z.array(PlanSchema), ancestors] });
  return buildComplianceMatrixUnchecked(reports, ancestors);
}

/** `buildComplianceMatrix` for arguments already checked: the reports `auditAll` has just made. */
export function buildComplianceMatrixUnchecked(reports: readonly AuditReport[], ancestors: readonly Plan[]): ComplianceMatrix {
  const ordered = ancestors
    .filter((plan) => plan.content !== "none")
    .sort((a, b) => levelDepth[a.jurisdiction.level] - levelDepth[b.jurisdiction.level] || a.id.localeCompare(b.id));
  // Each report's findings by ancestor and item, indexed once rather than searched for every cell.
  const indexed = reports.map(indexFindings);
  const rows: MatrixRow[] = [];
  for (const ancestor of ordered) {
    const groups = getTaskGroups(ancestor);
    const items: MatrixRow["item"][] = [
      ...ancestor.indicators.map((indicator) => ({ kind: "indicator" as const, id: indicator.id, label: indicator.name })),
      ...ancestor.sections.filter((section) => groups.has(section.id)).map((section) => ({ kind: groups.get(section.id) ?? ("tasks" as const), id: section.id, label: section.title })),
    ];
    for (const item of items) {
      rows.push({ ancestor: describePlan(ancestor), item, cells: reports.map((report, index) => cellOf(report, indexed[index]!, ancestor.id, item.id)) });
    }
  }
  return { columns: reports.map((report) => report.subject), rows };
}

interface IndexedFindings {
  byItem: Map<string, Map<FindingKind, string>>;
  partial: boolean;
}

function indexFindings(report: AuditReport): IndexedFindings {
  const byItem = new Map<string, Map<FindingKind, string>>();
  for (const finding of report.findings) {
    if (finding.referencePlan === null || finding.reference === null) continue;
    const key = `${finding.referencePlan.id}\u0000${finding.reference.id}`;
    const kinds = byItem.get(key) ?? new Map<FindingKind, string>();
    if (!kinds.has(finding.kind)) kinds.set(finding.kind, finding.id);
    byItem.set(key, kinds);
  }
  return { byItem, partial: report.findings.some((finding) => finding.kind === "incomplete-document") };
}

function cellOf(report: AuditReport, findings: IndexedFindings, ancestorId: string, itemId: string): MatrixCell | null {
  const step = report.chain.find((candidate) => candidate.reference.id === ancestorId);
  if (step?.status !== "aligned") return null;
  const kinds = findings.byItem.get(`${ancestorId}\u0000${itemId}`);
  for (const [kind, verdict] of verdictOf) {
    const id = kinds?.get(kind);
    if (id === undefined) continue;
    const absent = verdict === "missing" || verdict === "unconfirmed";
    return { verdict: findings.partial && absent ? "cannot-judge" : verdict, finding: id };
  }
  return step.alignment.matches.some((match) => match.reference.id === itemId) ? { verdict: "carried" } : { verdict: "cannot-judge" };
}
