import type { AuditReport, FindingKind, IndicatorNature } from "../../src/index.js";

// The truth of the synthetic nation: what each plan carries of the plans above it, known by construction
// (every item remembers the item it was copied from), and the findings a correct audit reports from it.

/** The finding kinds scored; audits report others too, and scoring ignores them. */
export const scoredKinds = [
  "missing-indicator",
  "weaker-target",
  "stronger-target",
  "nature-downgraded",
  "missing-task",
  "missing-project",
  "unassigned",
] as const satisfies readonly FindingKind[];
export type ScoredKind = (typeof scoredKinds)[number];

/** Where an item was copied from: a plan's id and the id of the item in it. */
export interface ItemOrigin {
  plan: string;
  item: string;
}

/** An indicator's target as the generator wrote it. */
export interface IndicatorTruth {
  /** The number in the target: 15 for 下降15%, 0.8 for <0.8. */
  value: number;
  /** Which way a number asks more: higher for a cut (下降20% asks more than 下降15%), lower for a ceiling. */
  moreAmbitious: "higher" | "lower";
  nature: IndicatorNature;
}

/** What is known by construction of one plan. */
export interface PlanTruth {
  plan: string;
  /** Ids of the plans above it, nearest first, that it is audited against. */
  ancestors: string[];
  /** Each item's and section's origin in the plan it was derived from; empty for the nation's plan. */
  derivedFrom: Record<string, ItemOrigin>;
  /** The plan's indicators, tasks and projects by id. */
  items: Record<string, "indicator" | "task" | "project">;
  indicators: Record<string, IndicatorTruth>;
  /** Tasks and projects of an implementation plan that name no lead unit. */
  unassigned: string[];
}

/** A finding a correct audit reports. */
export interface ExpectedFinding {
  /** The plan audited. */
  subject: string;
  /** The plan above it the finding is about; null for `unassigned`, which is about the plan itself. */
  ancestor: string | null;
  kind: ScoredKind;
  /** The ancestor's item (missing, weaker, stronger, downgraded), or the subject's (unassigned). */
  item: string;
}

/** The key that identifies a finding: `${subject}|${ancestor}|${kind}|${item}`, ancestor empty when null. */
export function findingKey(finding: ExpectedFinding): string {
  return `${finding.subject}|${finding.ancestor ?? ""}|${finding.kind}|${finding.item}`;
}

/**
 * The findings of the scored kinds that a correct audit of a plan against each of its ancestors reports.
 * An ancestor's item the plan does not descend from was dropped somewhere on the way down: missing. A
 * descendant's target is weaker or stronger by the numbers written, in the direction written down for its
 * template indicator; equal numbers are neither, however they got there.
 *
 * @param truths - the truth of the subject and of every plan above it, by plan id
 */
export function expectFindings(subject: PlanTruth, truths: ReadonlyMap<string, PlanTruth>): ExpectedFinding[] {
  const expected: ExpectedFinding[] = subject.unassigned.map((item) => ({ subject: subject.plan, ancestor: null, kind: "unassigned", item }));
  for (const ancestorId of subject.ancestors) {
    const ancestor = truths.get(ancestorId);
    if (ancestor === undefined) throw new Error(`no truth is known of ${ancestorId}, above ${subject.plan}`);
    const descendants = new Map<string, string>();
    for (const item of Object.keys(subject.items)) {
      const origin = originIn(ancestorId, { plan: subject.plan, item }, truths);
      if (origin !== undefined) descendants.set(origin, item);
    }
    const expect = (kind: ScoredKind, item: string) => expected.push({ subject: subject.plan, ancestor: ancestorId, kind, item });
    for (const [item, kind] of Object.entries(ancestor.items)) {
      const descendant = descendants.get(item);
      if (descendant === undefined) {
        expect(`missing-${kind}`, item);
        continue;
      }
      const reference = ancestor.indicators[item];
      const copy = subject.indicators[descendant];
      if (reference === undefined || copy === undefined) continue;
      const verdict = compareValues(reference, copy);
      if (verdict !== "equal") expect(`${verdict}-target`, item);
      if (reference.nature === "binding" && copy.nature === "expected") expect("nature-downgraded", item);
    }
  }
  return expected;
}

/** The id of the item of plan `ancestorId` that an item descends from, following each plan's origins up. */
function originIn(ancestorId: string, start: ItemOrigin, truths: ReadonlyMap<string, PlanTruth>): string | undefined {
  let current: ItemOrigin | undefined = start;
  while (current !== undefined && current.plan !== ancestorId) {
    current = truths.get(current.plan)?.derivedFrom[current.item];
  }
  return current?.item;
}

function compareValues(reference: IndicatorTruth, copy: IndicatorTruth): "weaker" | "stronger" | "equal" {
  if (copy.value === reference.value) return "equal";
  const higher = copy.value > reference.value;
  return higher === (reference.moreAmbitious === "higher") ? "stronger" : "weaker";
}

/** Counts of one kind, or of all scored kinds together. */
export interface ScoreCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** truePositives / reported; 1 when nothing was reported. */
  precision: number;
  /** truePositives / expected; 1 when nothing was expected. */
  recall: number;
}

export interface FindingScore extends ScoreCounts {
  byKind: Record<ScoredKind, ScoreCounts>;
}

/** What scoring reads of an audit report: real `AuditReport`s fit. */
export type ScoredReport = {
  subject: Pick<AuditReport["subject"], "id">;
  findings: ReadonlyArray<Pick<AuditReport["findings"][number], "kind" | "referencePlan" | "reference" | "subject">>;
};

/**
 * Scores audits against the truth over the scored kinds: a reported finding is a true positive when it is
 * expected, else a false positive; an expected finding no report has is a false negative. Reports of an
 * item that hedge (`unconfirmed-task`) are not scored, so they leave the missing item unreported.
 */
export function scoreFindings(reports: Iterable<ScoredReport>, expected: Iterable<ExpectedFinding>): FindingScore {
  const expectedKeys = new Map<string, ScoredKind>();
  for (const finding of expected) expectedKeys.set(findingKey(finding), finding.kind);
  const reportedKeys = new Map<string, ScoredKind>();
  for (const report of reports) {
    for (const finding of report.findings) {
      const scored = toExpectedForm(report, finding);
      if (scored !== undefined) reportedKeys.set(findingKey(scored), scored.kind);
    }
  }
  const tally = (kind?: ScoredKind): ScoreCounts => {
    const ofKind = (entries: Map<string, ScoredKind>) => [...entries].filter(([, entryKind]) => kind === undefined || entryKind === kind);
    const reported = ofKind(reportedKeys);
    const wanted = ofKind(expectedKeys);
    const truePositives = reported.filter(([key]) => expectedKeys.has(key)).length;
    return {
      truePositives,
      falsePositives: reported.length - truePositives,
      falseNegatives: wanted.length - truePositives,
      precision: reported.length === 0 ? 1 : truePositives / reported.length,
      recall: wanted.length === 0 ? 1 : truePositives / wanted.length,
    };
  };
  const byKind = Object.fromEntries(scoredKinds.map((kind) => [kind, tally(kind)])) as Record<ScoredKind, ScoreCounts>;
  return { ...tally(), byKind };
}

/** A reported finding in the form of the truth's, so that their keys compare; undefined for kinds not scored. */
export function toExpectedForm(report: ScoredReport, finding: ScoredReport["findings"][number]): ExpectedFinding | undefined {
  const kind = finding.kind;
  if (!isScored(kind)) return undefined;
  const item = kind === "unassigned" ? finding.subject : finding.reference;
  return { subject: report.subject.id, ancestor: finding.referencePlan?.id ?? null, kind, item: item?.id ?? "" };
}

const isScored = (kind: FindingKind): kind is ScoredKind => (scoredKinds as readonly FindingKind[]).includes(kind);
