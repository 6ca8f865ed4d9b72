import type { Direction } from "./direction.js";
import type { Comparator, Target } from "./parse-target.js";
import { checkArguments } from "../model/input-error.js";
import { CompareTargetsOptionsSchema, TargetArgumentSchema } from "../model/options.js";

/** How a subject's target stands to the reference's. */
export type Verdict = "stronger" | "equal" | "weaker" | "incomparable";

/** Why two targets could not be compared. */
export type IncomparableReason =
  | "unread"
  | "different-base"
  | "change-and-level"
  | "different-change"
  | "different-measure"
  | "different-unit"
  | "count-across-jurisdictions"
  | "opposite-bounds"
  | "unknown-direction";

/** How a subject's target stands to the reference's, from {@link compareTargets}. */
export interface TargetComparison {
  verdict: Verdict;
  /** Set when the verdict is `incomparable`. */
  reason?: IncomparableReason;
  /** Qualifiers (力争, 基本) the subject adds that the reference does not have: a softer commitment. */
  softenedBy: string[];
}

/** Options of {@link compareTargets}: what the two targets alone do not say. */
export interface CompareTargetsOptions {
  /** Which way is better for the indicator; needed for bare values (100%) and changes. */
  direction?: Direction | undefined;
  /** What each relative target is measured against (an indicator's `baseline`), e.g. 前两年平均数. */
  referenceBaseline?: string | undefined;
  /** The same for the subject's target. */
  subjectBaseline?: string | undefined;
  /** Whether both plans are of one jurisdiction; counts of things are compared only then. */
  sameJurisdiction?: boolean;
}

/**
 * Compares a subject's target with the reference's for one indicator: stronger, equal, weaker, or
 * incomparable with the reason (another unit, another base such as 前两年平均数, a change against a level,
 * counts of different jurisdictions).
 *
 * @example
 * const [national] = parseTarget("下降20%").targets;
 * const [county] = parseTarget("下降10%").targets;
 * compareTargets(national, county, { direction: "lower-better" }).verdict; // "weaker"
 */
export function compareTargets(reference: Target | undefined, subject: Target | undefined, options: CompareTargetsOptions = {}): TargetComparison {
  checkArguments("compareTargets", { reference: [TargetArgumentSchema, reference], subject: [TargetArgumentSchema, subject], options: [CompareTargetsOptionsSchema, options] });
  const softenedBy = subject === undefined ? [] : subject.qualifiers.filter((word) => !(reference?.qualifiers ?? []).includes(word));
  const incomparable = (reason: IncomparableReason): TargetComparison => ({ verdict: "incomparable", reason, softenedBy });
  if (reference === undefined || subject === undefined) return incomparable("unread");
  if ((options.referenceBaseline ?? "") !== (options.subjectBaseline ?? "")) return incomparable("different-base");
  if (reference.kind !== subject.kind) return incomparable("change-and-level");
  if (reference.measure !== subject.measure) return incomparable("different-measure");
  if (reference.extensive && reference.unit !== subject.unit) return incomparable("different-unit");
  if (reference.extensive && options.sameJurisdiction !== true) return incomparable("count-across-jurisdictions");

  if (reference.kind === "change") {
    if (reference.change !== subject.change) return incomparable("different-change");
    return { verdict: order(subject.value, reference.value), softenedBy };
  }
  const referenceSide = sideOf(reference.comparator, options.direction);
  const subjectSide = sideOf(subject.comparator, options.direction);
  if (referenceSide === undefined || subjectSide === undefined) return incomparable("unknown-direction");
  if (referenceSide !== subjectSide) return incomparable("opposite-bounds");
  // An upper bound is stronger when lower; a lower bound when higher.
  const verdict = referenceSide === "upper" ? order(reference.base, subject.base) : order(subject.base, reference.base);
  return { verdict, softenedBy };
}

/** "stronger" when a > b, within a relative tolerance for floating point. */
function order(a: number, b: number): Verdict {
  if (Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return "equal";
  return a > b ? "stronger" : "weaker";
}

function sideOf(comparator: Comparator, direction: Direction | undefined): "upper" | "lower" | undefined {
  if (comparator === "<" || comparator === "<=") return "upper";
  if (comparator === ">" || comparator === ">=") return "lower";
  // A bare value (100%) is a level to reach: an upper bound where lower is better, else a lower bound.
  if (direction === undefined) return undefined;
  return direction === "lower-better" ? "upper" : "lower";
}
