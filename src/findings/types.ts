import type { ChainStep } from "../align/align-chain.js";
import type { AlignSettings } from "../align/settings.js";
import type { AlignOptions, ItemReference, PlanReference, ReviewMark } from "../align/types.js";
import type { Knowledge, Plan } from "../model/plan.js";
import type { ReportLanguage } from "../report/labels.js";
import type { IncomparableReason, Verdict } from "../targets/compare-targets.js";

/**
 * What a finding says. Of a copy cut off: `incomplete-document` (where it ends; absences beyond it are not
 * judged). Against an ancestor's plan: `missing-indicator`, `weaker-target`, `equal-target`,
 * `stronger-target`, `incomparable-target`, `later-deadline`, `nature-downgraded` (约束性 → 预期性),
 * `missing-task`, `missing-project` (no plausible counterpart), `unconfirmed-task`, `unconfirmed-project` (no
 * certain counterpart, but candidates for an auditor to confirm), `not-applicable` (a duty of the ancestor's own
 * level, 省级…, that a lower plan need not carry), `extra-item` (the subject adds something), `skipped-level` (an ancestor
 * without content). Of the plans themselves: `unassigned` (a task or project of an implementation plan with
 * no lead unit) and `omitted-in-source` ("(略)"). Of what is not known or not sure: `part-not-known` (a part of
 * an ancestor's plan known only in part, or not at all: what it lacks cannot be judged), `beyond-cut` (an
 * ancestor's item with no counterpart in a cut-off copy: it may lie beyond the cut) and `low-confidence-match` (a
 * task, project or group matched with a score below the confidence level, docs/matching.md: to be confirmed).
 */
export type FindingKind =
  | "incomplete-document"
  | "missing-indicator"
  | "weaker-target"
  | "equal-target"
  | "stronger-target"
  | "incomparable-target"
  | "later-deadline"
  | "nature-downgraded"
  | "missing-task"
  | "missing-project"
  | "unconfirmed-task"
  | "unconfirmed-project"
  | "not-applicable"
  | "unassigned"
  | "omitted-in-source"
  | "skipped-level"
  | "extra-item"
  | "part-not-known"
  | "beyond-cut"
  | "low-confidence-match";

/** The documented order of finding kinds; reports list findings in it. */
export const findingKinds: readonly FindingKind[] = [
  "incomplete-document",
  "skipped-level",
  "part-not-known",
  "missing-indicator",
  "weaker-target",
  "nature-downgraded",
  "later-deadline",
  "incomparable-target",
  "equal-target",
  "stronger-target",
  "missing-task",
  "missing-project",
  "unconfirmed-task",
  "unconfirmed-project",
  "low-confidence-match",
  "beyond-cut",
  "not-applicable",
  "unassigned",
  "omitted-in-source",
  "extra-item",
];

/** error: the plan falls short of its parents; warning: a person should look; info: for the record. */
export type Severity = "error" | "warning" | "info";

/** One thing an auditor should know, with both items and the evidence. */
export interface Finding {
  /**
   * Stable id, made from the plan audited, the kind, the plan above and both items' ids (`src/findings/finding-id.ts`):
   * the same plans and settings give the same ids; matrix cells name findings by it.
   */
  id: string;
  /** The plan audited (the report's subject), on every finding, so that a table of many reports' findings keeps it. */
  auditedPlan: PlanReference;
  kind: FindingKind;
  severity: Severity;
  /** The ancestor's plan the finding is about; null for findings about the subject alone. */
  referencePlan: PlanReference | null;
  /** The plan the finding is in: the subject, or an ancestor for an omission in its source. */
  plan: PlanReference;
  /** The ancestor's item, where there is one. */
  reference: ItemReference | null;
  /** The subject's item, where there is one. */
  subject: ItemReference | null;
  /** What the reference asks: its target or year, as written. */
  expected?: string;
  /** What the subject says. */
  actual?: string;
  /** For target comparisons: the verdict and, when incomparable, why. */
  comparison?: { verdict: Verdict; reason?: IncomparableReason; softenedBy: string[] };
  /** Score of the match the finding rests on; null when it rests on none (a missing item, a skipped level, …). */
  score: number | null;
  /** For a group missing whole: the tasks or projects inside it, also missing, that reports fold under it. */
  items?: ItemReference[];
  /** For a missing task or project inside a group missing whole: the group's id; reports for reading fold it there. */
  group?: string;
  /** For unconfirmed tasks and projects: the subject's items that may be the counterpart, the best first. */
  candidates?: Array<{ subject: ItemReference; score: number }>;
  /** Set when an auditor's review decided the match. */
  review?: ReviewMark;
  /** Set when the reference value comes from a source that marks it unverified. */
  unverified?: true;
  /** A sentence a person can act on, in the report's language. */
  message: string;
}

/** A finding as the audit rules make it, before it is placed in its report. */
export type FindingDraft = Omit<Finding, "id" | "auditedPlan" | "score"> & { score?: number };

/** Options of `auditPlan`; every field has a default. */
export interface AuditOptions {
  /** The plans above the subject, nearest first. Default: the bundled ancestors of its jurisdiction. */
  ancestors?: readonly Plan[];
  /** Options for aligning with each ancestor (thresholds, scorer, review decisions). */
  align?: AlignOptions;
  /** Language of messages. Default "zh". */
  lang?: ReportLanguage;
}

/** How one kind of an ancestor's items fares in the plan; task and project groups count with tasks and projects. */
export interface Coverage {
  /** How much of this part of the ancestor's plan is known; where not `complete`, the counts cover only what is known. */
  known: Knowledge;
  /** Items the ancestor lists that were aligned or reported: carried + low confidence + unconfirmed + missing + beyond the cut + not applicable. */
  total: number;
  /** Items the plan has a counterpart for, at or above the confidence level. */
  carried: number;
  /** Items whose counterpart scores below the confidence level (docs/matching.md): not counted as carried. */
  lowConfidence: number;
  /** Of the carried indicators, those whose target is weaker. */
  weaker: number;
  /** Items with plausible counterparts for an auditor to confirm. */
  unconfirmed: number;
  /** Items with no plausible counterpart. */
  missing: number;
  /** Items with no counterpart in a cut-off copy, which may lie beyond the cut: not counted missing. */
  beyondCut: number;
  /** Items that are duties of the ancestor's own level, not expected below it. */
  notApplicable: number;
}

/** One ancestor's coverage in a plan. */
export interface AncestorCoverage {
  plan: PlanReference;
  indicators: Coverage;
  tasks: Coverage;
  projects: Coverage;
}

/** The result of auditing one plan: its chain of ancestors, the findings in stable order, and counts. */
export interface AuditReport {
  /** Version of this format (docs/audit-report.schema.json). */
  schemaVersion: 1;
  /** plan-align's version that made the report. */
  version: string;
  /** The options that change the results, defaults filled in; `lang` says the messages' language. */
  settings: AlignSettings;
  subject: PlanReference;
  /** Language of the findings' messages. */
  lang: ReportLanguage;
  /** Each ancestor, nearest first, aligned or skipped. */
  chain: ChainStep[];
  findings: Finding[];
  summary: {
    bySeverity: Record<Severity, number>;
    byKind: Partial<Record<FindingKind, number>>;
    /** For each ancestor compared, nearest first: how its indicators, tasks and projects fare in the plan. */
    byAncestor: AncestorCoverage[];
  };
}
