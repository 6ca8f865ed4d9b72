import type { Level } from "../model/plan.js";
import type { ItemKind, Scorer, SignalScore } from "../similarity/types.js";
import type { Review } from "../model/review.js";
import type { ScorerOptions } from "../similarity/scorer.js";

/** A plan as alignments and reports name it. */
export interface PlanReference {
  id: string;
  title: string;
  level: Level;
}

/** An item as alignments and reports show it: enough to find it and check it against the document. */
export interface ItemReference {
  kind: ItemKind;
  id: string;
  /** The indicator's name, the task's title, the section's title. */
  label: string;
  /** The indicator with its target, the task's text, the section's number and title. */
  text: string;
  /** The exact source span. */
  quote: string;
}

/** An auditor's decision on a match: confirmed or added (rejected pairs are listed apart). */
export interface ReviewMark {
  decision: "confirmed" | "added" | "rejected";
  note?: string;
  reviewer?: string;
}

/** Two items that correspond, with the score that says how well and why. */
export interface Match {
  kind: ItemKind;
  reference: ItemReference;
  subject: ItemReference;
  /** In [0, 1]. */
  score: number;
  /** Each signal's part in the score. */
  signals: SignalScore[];
  /** Set when a review decided this match. */
  review?: ReviewMark;
}

/** How the reference plan stands to the subject: above it, beside it, or below it. */
export type Relation = "ancestor" | "peer" | "descendant";

/** The result of aligning two plans. */
export interface Alignment {
  reference: PlanReference;
  subject: PlanReference;
  relation: Relation;
  /** Sections first, then indicators, tasks and projects; each in the reference plan's order. */
  matches: Match[];
  /** Items of each plan that no match covers, of the kinds aligned. */
  unmatched: { reference: ItemReference[]; subject: ItemReference[] };
  /** Pairs a review rejected, with its decision. */
  rejected: Match[];
  /** The thresholds used, defaults filled in. */
  thresholds: AlignThresholds;
}

/** Minimum scores for a pair to count as a match, per kind. */
export interface AlignThresholds {
  indicator: number;
  task: number;
  project: number;
  section: number;
  /** For many-to-many kinds: a second counterpart is kept when it scores within this margin of the best. */
  margin: number;
}

/** Options of `alignPlans`; every field has a default. */
export interface AlignOptions {
  /** Kinds to align. Default: all four. */
  kinds?: readonly ItemKind[];
  /** Thresholds; given fields replace the defaults in `defaultAlignThresholds`. */
  thresholds?: Partial<AlignThresholds>;
  /** A scorer of your own (e.g. embeddings). Default: `createScorer(scorerOptions)` over both plans' items. */
  scorer?: Scorer;
  /** Options for the built-in scorer, when `scorer` is not given. */
  scorerOptions?: Omit<ScorerOptions, "corpus">;
  /** An auditor's decisions; those naming these two plans are applied (reject, confirm, add). */
  review?: Review;
}
