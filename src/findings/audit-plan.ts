import * as z from "zod";
import { alignChainUnchecked, referencesCompared, type ChainStep } from "../align/align-chain.js";
import { getTaskGroups, type GroupRoles } from "../align/items.js";
import type { Alignment, ItemReference, Match, PlanReference } from "../align/types.js";
import type { FindAncestors } from "../load/ancestors.js";
import { checkArguments } from "../model/input-error.js";
import { AuditOptionsSchema } from "../model/options.js";
import { knownParts, PlanSchema, type Indicator, type Plan } from "../model/plan.js";
import { checkReviewNamesCompared } from "../model/review.js";
import { getOutline } from "../model/sections.js";
import { confidenceLevel, describePlan } from "../align/align-plans.js";
import { getLabels, type ReportLanguage } from "../report/labels.js";
import { compareTargets } from "../targets/compare-targets.js";
import { inferDirection } from "../targets/direction.js";
import { parseTarget } from "../targets/parse-target.js";
import { isDutyOfOwnLevel } from "./level-duties.js";
import { withFindingIds } from "./finding-id.js";
import { formatMessage } from "./messages.js";
import { findingKinds, type AncestorCoverage, type AuditOptions, type AuditReport, type Coverage, type FindingDraft, type FindingKind, type Severity } from "./types.js";

/**
 * `auditPlan`, with `findAncestors` finding the plans above when the options give none: each entry's
 * `auditPlan` passes its own (the bundled plans in `plan-align`, only the given ones in `plan-align/core`).
 */
export function auditPlanFinding(findAncestors: FindAncestors, subject: Plan, options: AuditOptions): AuditReport {
  checkArguments("auditPlan", { plan: [PlanSchema, subject], options: [AuditOptionsSchema, options] });
  const ancestors = options.ancestors ?? findAncestors(subject, []);
  checkReviewNamesCompared("auditPlan", options.align?.review, new Map([[subject.id, referencesCompared(ancestors)]]), "options.align.review");
  return auditPlanUnchecked(subject, { ...options, ancestors });
}

/** `auditPlan` for arguments already checked, its ancestors found: what audits of many plans call for each. */
export function auditPlanUnchecked(subject: Plan, options: AuditOptions & { ancestors: readonly Plan[] }): AuditReport {
  const lang = options.lang ?? "zh";
  const { ancestors } = options;
  const chain = alignChainUnchecked(subject, ancestors, options.align ?? {});
  const findings: FindingDraft[] = [];
  // Each plan's task and project groups, read once: findings and the coverage summary both need them.
  const subjectGroups = getTaskGroups(subject);
  const ancestorGroups = ancestors.map(getTaskGroups);
  chain.steps.forEach((step, index) => {
    const reference = ancestors[index];
    const referenceGroups = ancestorGroups[index];
    if (reference === undefined || referenceGroups === undefined) return;
    const groups = { reference: referenceGroups, subject: subjectGroups };
    findings.push(...(step.status === "skipped" ? [skippedLevel(step, subject, lang)] : [...partsNotKnown(step.alignment, reference, lang), ...stepFindings(step.alignment, reference, subject, groups, lang)]));
    findings.push(...omissions(reference, lang));
  });
  findings.push(...incompleteDocument(subject, lang), ...unassigned(subject, lang), ...omissions(subject, lang));
  const ordered = sortFindings(findings, chain.steps);
  const byAncestor = coverage(chain.steps, ancestors, ancestorGroups, ordered);
  const audited = describePlan(subject);
  // Every finding names the plan audited and has a score, null where none applies: one shape for tables.
  const placed = withFindingIds(ordered.map((finding) => ({ auditedPlan: audited, ...finding, score: finding.score ?? null })));
  return { schemaVersion: 1, version: chain.version, settings: chain.settings, subject: audited, lang, chain: chain.steps, findings: placed, summary: { ...summarize(ordered), byAncestor } };
}

/** `auditMany`, with `findAncestors` finding each plan's ancestors, as in `auditPlanFinding`. */
export function auditManyFinding(findAncestors: FindAncestors, subjects: readonly Plan[], options: Omit<AuditOptions, "ancestors">): AuditReport[] {
  checkArguments("auditMany", { plans: [z.array(PlanSchema), subjects], options: [AuditOptionsSchema.omit({ ancestors: true }), options] });
  const withAncestors = subjects.map((subject) => ({ subject, ancestors: findAncestors(subject, []) }));
  const compared = new Map(withAncestors.map(({ subject, ancestors }) => [subject.id, referencesCompared(ancestors)]));
  checkReviewNamesCompared("auditMany", options.align?.review, compared, "options.align.review");
  return withAncestors.map(({ subject, ancestors }) => auditPlanUnchecked(subject, { ...options, ancestors }));
}

function skippedLevel(step: Extract<ChainStep, { status: "skipped" }>, subject: Plan, lang: ReportLanguage): FindingDraft {
  return {
    kind: "skipped-level", severity: "info", referencePlan: step.reference, plan: describePlan(subject), reference: null, subject: null,
    message: formatMessage("skipped-level", lang, { referencePlan: step.reference.title }),
  };
}

const parts = ["indicators", "tasks", "projects"] as const;

/**
 * A part of the ancestor's plan that is not known whole (a skeleton's tasks known as group headings only, its
 * projects not at all) is said once, so that no report reads its few or absent items as all there is.
 */
function partsNotKnown(alignment: Alignment, reference: Plan, lang: ReportLanguage): FindingDraft[] {
  const labels = getLabels(lang);
  const known = knownParts(reference);
  return parts
    .filter((part) => known[part] !== "complete" && known[part] !== "cut-off")
    .map((part): FindingDraft => ({
      kind: "part-not-known", severity: "info", referencePlan: alignment.reference, plan: alignment.subject, reference: null, subject: null,
      expected: part, actual: known[part],
      message: formatMessage("part-not-known", lang, { referencePlan: alignment.reference.title, part: labels.coverage[part], known: labels.knowledge[known[part]] }),
    }));
}

function stepFindings(alignment: Alignment, reference: Plan, subject: Plan, groups: Record<"reference" | "subject", GroupRoles>, lang: ReportLanguage): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const base = { referencePlan: alignment.reference, plan: alignment.subject };
  const values = (match: { reference: ItemReference | null; subject: ItemReference | null }) => ({
    referencePlan: alignment.reference.title, reference: match.reference?.label ?? "", subject: match.subject?.label ?? "",
  });
  const referenceIndicators = new Map(reference.indicators.map((indicator) => [indicator.id, indicator]));
  const subjectIndicators = new Map(subject.indicators.map((indicator) => [indicator.id, indicator]));

  for (const match of alignment.matches) {
    const review = match.review === undefined ? {} : { review: match.review };
    if (match.kind === "indicator") {
      const referenceIndicator = referenceIndicators.get(match.reference.id);
      const subjectIndicator = subjectIndicators.get(match.subject.id);
      if (referenceIndicator === undefined || subjectIndicator === undefined) continue;
      findings.push(targetFinding(match, referenceIndicator, subjectIndicator, reference, subject, base, values(match), lang));
      if (referenceIndicator.nature === "binding" && subjectIndicator.nature === "expected") {
        findings.push({ ...base, kind: "nature-downgraded", severity: "error", reference: match.reference, subject: match.subject, expected: "约束性", actual: "预期性", score: match.score, ...review, message: formatMessage("nature-downgraded", lang, values(match)) });
      }
    }
    const years = yearsOf(match, reference, subject);
    if (years !== undefined && years.subject > years.reference) {
      findings.push({ ...base, kind: "later-deadline", severity: "warning", reference: match.reference, subject: match.subject, expected: String(years.reference), actual: String(years.subject), score: match.score, ...review, message: formatMessage("later-deadline", lang, { ...values(match), expected: String(years.reference), actual: String(years.subject) }) });
    }
  }

  findings.push(...lowConfidenceMatches(alignment, groups.reference, base, lang));

  // A subject whose source omits its indicator table ("主要指标(略)") may have what seems missing; so may a
  // subject of which only a skeleton is known (山西省, 河南省): those are not reported as errors.
  const omittedTable = subject.omissions.find((omission) => omission.what.includes("指标"));
  const referenceKnown = knownParts(reference);
  // What a cut-off copy or a skeleton seems to lack may lie beyond what is known of it: for the record only.
  const incomplete = subject.content !== "complete";
  const partialNote = subject.content === "partial" ? getLabels(lang).truncatedNote : getLabels(lang).incompleteNote;
  const notApplicable = (item: ItemReference): FindingDraft => ({
    ...base, kind: "not-applicable", severity: "info", reference: item, subject: null,
    message: formatMessage("not-applicable", lang, { ...values({ reference: item, subject: null }), level: getLabels(lang).level[reference.jurisdiction.level] }),
  });
  for (const item of alignment.unmatched.reference) {
    const kind = missingKind(item, groups.reference);
    if (kind === undefined) continue;
    if (kind !== "missing-indicator" && isDutyOfOwnLevel(item, reference, subject)) {
      findings.push(notApplicable(item));
      continue;
    }
    // In a cut-off copy an absence may lie beyond the cut: counted and named apart from what is missing.
    if (subject.content === "partial") {
      findings.push({
        ...base, kind: "beyond-cut", severity: "info", reference: item, subject: null,
        message: formatMessage("beyond-cut", lang, { ...values({ reference: item, subject: null }), kind: getLabels(lang).kind[item.kind === "section" ? (kind === "missing-project" ? "project" : "task") : item.kind] }),
      });
      continue;
    }
    const indicator = referenceIndicators.get(item.id);
    const essential = kind === "missing-indicator" && (indicator?.nature === "binding" || indicator?.origin === "core");
    const hidden = kind === "missing-indicator" && omittedTable !== undefined;
    // A group of a part known by its headings only (the nation's seven task groups) is compared by its
    // heading alone: weak evidence of an absence, told as such.
    const headingOnly = item.kind === "section" && referenceKnown[kind === "missing-project" ? "projects" : "tasks"] === "groups";
    let message = formatMessage(kind, lang, values({ reference: item, subject: null }));
    if (hidden) message += getLabels(lang).omittedNote.replace("{what}", omittedTable.what);
    if (incomplete) message += partialNote;
    else if (headingOnly) message += getLabels(lang).headingOnlyNote;
    const severity: Severity = incomplete || headingOnly ? "info" : essential && !hidden ? "error" : "warning";
    findings.push({
      ...base, kind, severity, reference: item, subject: null,
      ...(indicator?.unverified === true ? { unverified: true as const } : {}), message,
    });
  }

  // A reference item with plausible candidates is not called missing: the auditor confirms or rejects them.
  for (const { reference: item, candidates } of alignment.candidates) {
    const kind = unconfirmedKind(missingKind(item, groups.reference));
    if (kind === undefined) continue;
    if (isDutyOfOwnLevel(item, reference, subject)) {
      findings.push(notApplicable(item));
      continue;
    }
    const listed = candidates.map((candidate) => ({ subject: candidate.subject, score: candidate.score }));
    const message = formatMessage(kind, lang, {
      ...values({ reference: item, subject: null }),
      candidates: listed.map((candidate) => `“${candidate.subject.label}”(${candidate.score.toFixed(2)})`).join(getLabels(lang).listSeparator),
    }) + (subject.content === "partial" ? partialNote : "");
    findings.push({ ...base, kind, severity: "info", reference: item, subject: null, candidates: listed, message });
  }

  for (const item of alignment.unmatched.subject) {
    if (!isWorthCallingExtra(item, alignment, reference, subject, groups)) continue;
    findings.push({ ...base, kind: "extra-item", severity: "info", reference: null, subject: item, message: formatMessage("extra-item", lang, values({ reference: null, subject: item })) });
  }
  return foldIntoGroups(findings, reference);
}

/**
 * Tasks, projects and groups of the ancestor whose every counterpart scores below the confidence level, not
 * confirmed in review: one finding each, naming the counterparts, so that they are not counted as carried.
 */
function lowConfidenceMatches(alignment: Alignment, referenceGroups: GroupRoles, base: Pick<FindingDraft, "referencePlan" | "plan">, lang: ReportLanguage): FindingDraft[] {
  const byReference = new Map<string, Match[]>();
  for (const match of alignment.matches) {
    if (!isWorkOrGroup(match.reference, referenceGroups)) continue;
    byReference.set(match.reference.id, [...(byReference.get(match.reference.id) ?? []), match]);
  }
  return [...byReference.values()].flatMap((matches): FindingDraft[] => {
    const best = [...matches].sort((a, b) => b.score - a.score)[0];
    if (best === undefined || best.score >= confidenceLevel || matches.some((match) => match.review !== undefined)) return [];
    const values = {
      referencePlan: alignment.reference.title, reference: best.reference.label, subject: best.subject.label,
      score: best.score.toFixed(2), level: confidenceLevel.toFixed(2),
    };
    return [{
      ...base, kind: "low-confidence-match", severity: "info", reference: best.reference, subject: best.subject, score: best.score,
      ...(matches.length > 1 ? { candidates: matches.map((match) => ({ subject: match.subject, score: match.score })) } : {}),
      message: formatMessage("low-confidence-match", lang, values),
    }];
  });
}

/** Whether an item is a task, a project, or a group of either: what low-confidence matches are told of. */
function isWorkOrGroup(item: ItemReference, groups: GroupRoles): boolean {
  return item.kind === "task" || item.kind === "project" || (item.kind === "section" && groups.has(item.id));
}

/**
 * A group missing whole is reported once: its finding lists the missing tasks or projects inside it
 * (`items`), and theirs name the group (`group`), so that reports for reading fold them under it while JSON
 * and CSV keep every finding.
 */
function foldIntoGroups(findings: readonly FindingDraft[], reference: Plan): FindingDraft[] {
  const isMissing = (finding: FindingDraft) => finding.kind === "missing-task" || finding.kind === "missing-project";
  const groups = findings.filter((finding) => isMissing(finding) && finding.reference?.kind === "section");
  if (groups.length === 0) return [...findings];
  const groupOf = new Map<string, FindingDraft>();
  const outline = getOutline(reference);
  for (const item of [...reference.tasks, ...reference.projects]) {
    const path = outline.pathOf(item.section).map((section) => section.id);
    const group = groups.find((finding) => path.includes(finding.reference?.id ?? ""));
    if (group !== undefined) groupOf.set(item.id, group);
  }
  const folded = new Map<FindingDraft, ItemReference[]>();
  const marked = findings.map((finding) => {
    const group = isMissing(finding) && finding.reference !== null && finding.reference.kind !== "section" ? groupOf.get(finding.reference.id) : undefined;
    if (group?.reference == null || finding.reference === null) return finding;
    const items = folded.get(group);
    if (items === undefined) folded.set(group, [finding.reference]);
    else items.push(finding.reference);
    return { ...finding, group: group.reference.id };
  });
  // Group findings are unchanged by the first pass, so the originals key their folded items.
  return marked.map((finding, index) => {
    const items = folded.get(findings[index] ?? finding);
    return items === undefined ? finding : { ...finding, items };
  });
}

/**
 * Whether an unmatched subject item is news: only where the reference lists items of that sort, so nothing
 * is called new against a plan whose content of that sort is simply not known (a skeleton's indicators,
 * 河南省's unnamed projects). Indicators compare by origin (core, goal, inline); sections only as task or
 * project groups, where the reference lists groups of the same role.
 */
function isWorthCallingExtra(item: ItemReference, alignment: Alignment, reference: Plan, subject: Plan, groups: Record<"reference" | "subject", GroupRoles>): boolean {
  switch (item.kind) {
    case "indicator": {
      const origin = subject.indicators.find((indicator) => indicator.id === item.id)?.origin;
      const listed = reference.indicators.some((indicator) => indicator.origin === origin);
      return listed && (reference.content === "complete" || origin === "core");
    }
    case "section": {
      const role = groups.subject.get(item.id);
      return role !== undefined && [...groups.reference.values()].includes(role);
    }
    case "task":
    case "project":
      return [...alignment.matches, ...alignment.unmatched.reference, ...alignment.candidates.map((entry) => entry.reference)].some((other) => other.kind === item.kind);
  }
}


function targetFinding(
  match: Match,
  referenceIndicator: Indicator,
  subjectIndicator: Indicator,
  reference: Plan,
  subject: Plan,
  base: { referencePlan: PlanReference; plan: PlanReference },
  values: Record<string, string>,
  lang: ReportLanguage,
): FindingDraft {
  const [referenceTarget] = parseTarget(referenceIndicator.target ?? "", { year: referenceIndicator.year }).targets;
  const [subjectTarget] = parseTarget(subjectIndicator.target ?? "", { year: subjectIndicator.year }).targets;
  const comparison = compareTargets(referenceTarget, subjectTarget, {
    direction: inferDirection(subjectIndicator.direction === undefined ? referenceIndicator : subjectIndicator),
    referenceBaseline: referenceIndicator.baseline,
    subjectBaseline: subjectIndicator.baseline,
    sameJurisdiction: reference.jurisdiction.name === subject.jurisdiction.name,
  });
  const kind: FindingKind = `${comparison.verdict === "incomparable" ? "incomparable" : comparison.verdict}-target` as FindingKind;
  const unverified = referenceIndicator.unverified === true;
  const severity: Severity = kind === "weaker-target" ? (unverified ? "warning" : "error") : kind === "incomparable-target" ? "warning" : "info";
  const labels = getLabels(lang);
  const expected = referenceIndicator.target ?? "—";
  const actual = subjectIndicator.target ?? "—";
  let message = formatMessage(kind, lang, {
    ...values, expected, actual, reason: comparison.reason === undefined ? "" : labels.reasons[comparison.reason],
  });
  if (comparison.softenedBy.length > 0) message += labels.softenedNote.replace("{words}", comparison.softenedBy.join("、"));
  if (unverified) message += labels.unverifiedNote;
  return {
    ...base, kind, severity, reference: match.reference, subject: match.subject, expected, actual, comparison, score: match.score,
    ...(match.review === undefined ? {} : { review: match.review }), ...(unverified ? { unverified: true as const } : {}), message,
  };
}

function yearsOf(match: Match, reference: Plan, subject: Plan): { reference: number; subject: number } | undefined {
  // Item ids are unique across a plan's lists, so the id alone finds the item.
  const yearOf = (plan: Plan, id: string) => [...plan.indicators, ...plan.tasks, ...plan.projects].find((item) => item.id === id)?.year;
  const referenceYear = yearOf(reference, match.reference.id);
  const subjectYear = yearOf(subject, match.subject.id);
  return referenceYear === undefined || subjectYear === undefined ? undefined : { reference: referenceYear, subject: subjectYear };
}

/** What an unmatched reference item means: a missing indicator, task or project (groups count by role). */
function missingKind(item: ItemReference, referenceGroups: GroupRoles): FindingKind | undefined {
  switch (item.kind) {
    case "indicator":
      return "missing-indicator";
    case "task":
      return "missing-task";
    case "project":
      return "missing-project";
    case "section": {
      const role = referenceGroups.get(item.id);
      return role === "tasks" ? "missing-task" : role === "projects" ? "missing-project" : undefined;
    }
  }
}

/** A copy that is cut off says so once, first, with where it ends. */
function incompleteDocument(subject: Plan, lang: ReportLanguage): FindingDraft[] {
  if (subject.content !== "partial") return [];
  const labels = getLabels(lang);
  const completeness = subject.completeness;
  const reasons = (completeness?.reasons ?? []).map((reason) => labels.completenessReason[reason]).join(labels.listSeparator);
  const endsWith = completeness?.endsWith ?? "";
  // The message quotes the last words; the whole last line is in `actual`.
  const lastWords = [...endsWith].length > 30 ? `…${[...endsWith].slice(-30).join("")}` : endsWith;
  return [{
    kind: "incomplete-document", severity: "warning", referencePlan: null, plan: describePlan(subject), reference: null, subject: null,
    actual: endsWith, ...(completeness?.missingParts === undefined ? {} : { expected: completeness.missingParts.join(labels.listSeparator) }),
    message: formatMessage("incomplete-document", lang, { reasons, endsWith: lastWords }),
  }];
}

function unconfirmedKind(kind: FindingKind | undefined): FindingKind | undefined {
  return kind === "missing-task" ? "unconfirmed-task" : kind === "missing-project" ? "unconfirmed-project" : undefined;
}

function unassigned(subject: Plan, lang: ReportLanguage): FindingDraft[] {
  if (subject.kind !== "implementation-plan") return [];
  const plan = describePlan(subject);
  return (["task", "project"] as const).flatMap((kind) =>
    (kind === "task" ? subject.tasks : subject.projects)
      .filter((item) => (item.units?.lead.length ?? 0) === 0)
      .map((item): FindingDraft => {
        const reference: ItemReference = { kind, id: item.id, label: item.title, text: item.text, quote: item.quote };
        return { kind: "unassigned", severity: "warning", referencePlan: null, plan, reference: null, subject: reference, message: formatMessage("unassigned", lang, { subject: item.title }) };
      }),
  );
}

function omissions(plan: Plan, lang: ReportLanguage): FindingDraft[] {
  const described = describePlan(plan);
  return plan.omissions.map((omission) => ({
    kind: "omitted-in-source" as const, severity: "info" as const, referencePlan: null, plan: described, reference: null, subject: null,
    actual: omission.quote.trim(), message: formatMessage("omitted-in-source", lang, { plan: plan.title, what: omission.what }),
  }));
}

/**
 * Reading order: a cut-off copy says so first; then errors, warnings and infos; within each, by ancestor
 * (nearest first, findings about the plan itself last), then by kind, then in document order.
 */
function sortFindings(findings: readonly FindingDraft[], steps: readonly ChainStep[]): FindingDraft[] {
  const stepOrder = (finding: FindingDraft) => {
    const index = steps.findIndex((step) => step.reference.id === (finding.referencePlan?.id ?? finding.plan.id));
    return index === -1 ? steps.length : index;
  };
  const first = (finding: FindingDraft) => (finding.kind === "incomplete-document" ? 0 : 1);
  const severityOrder = (finding: FindingDraft) => severities.indexOf(finding.severity);
  const kindOrder = (finding: FindingDraft) => findingKinds.indexOf(finding.kind);
  // Array.prototype.sort is stable, so findings of one kind keep the document order they were made in.
  return [...findings].sort((a, b) => first(a) - first(b) || severityOrder(a) - severityOrder(b) || stepOrder(a) - stepOrder(b) || kindOrder(a) - kindOrder(b));
}

const severities: readonly Severity[] = ["error", "warning", "info"];

/**
 * For each ancestor compared, how its indicators, tasks and projects (groups included) fare in the plan:
 * how many it lists, how many the plan carries, how many are weaker, unconfirmed, missing, or not for this
 * level. What a report shows first.
 */
function coverage(steps: readonly ChainStep[], ancestors: readonly Plan[], ancestorGroups: readonly GroupRoles[], findings: readonly FindingDraft[]): AncestorCoverage[] {
  return steps.flatMap((step, index) => {
    const groups = ancestorGroups[index];
    const ancestor = ancestors[index];
    if (step.status !== "aligned" || groups === undefined || ancestor === undefined) return [];
    const { alignment } = step;
    const known = knownParts(ancestor);
    const counts = (itemKind: "indicator" | "task" | "project", missing: FindingKind, unconfirmed: FindingKind | undefined): Coverage => {
      const role = itemKind === "task" ? "tasks" : itemKind === "project" ? "projects" : undefined;
      const belongs = (item: ItemReference) => item.kind === itemKind || (item.kind === "section" && role !== undefined && groups.get(item.id) === role);
      const mine = findings.filter((finding) => finding.referencePlan?.id === alignment.reference.id && finding.reference !== null && belongs(finding.reference));
      const count = (kind: FindingKind) => mine.filter((finding) => finding.kind === kind).length;
      const matched = new Set(alignment.matches.filter((match) => belongs(match.reference)).map((match) => match.reference.id)).size;
      const lowConfidence = count("low-confidence-match");
      const tally = {
        lowConfidence, weaker: count("weaker-target"), unconfirmed: unconfirmed === undefined ? 0 : count(unconfirmed), missing: count(missing),
        beyondCut: count("beyond-cut"), notApplicable: count("not-applicable"),
      };
      const carried = matched - lowConfidence;
      return { known: known[`${itemKind}s`], total: matched + tally.unconfirmed + tally.missing + tally.beyondCut + tally.notApplicable, carried, ...tally };
    };
    return [{
      plan: alignment.reference,
      indicators: counts("indicator", "missing-indicator", undefined),
      tasks: counts("task", "missing-task", "unconfirmed-task"),
      projects: counts("project", "missing-project", "unconfirmed-project"),
    }];
  });
}

function summarize(findings: readonly FindingDraft[]): Omit<AuditReport["summary"], "byAncestor"> {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byKind: Partial<Record<FindingKind, number>> = {};
  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  }
  return { bySeverity, byKind };
}
