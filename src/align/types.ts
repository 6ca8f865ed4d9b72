import type { Level, Provenance } from "../model/plan.js";
import type { ItemKind, Scorer, SignalScore } from "../similarity/types.js";
import type { Review } from "../model/review.js";
import type { ScorerOptions } from "../similarity/scorer.js";
import type { ItemTarget } from "../targets/item-target.js";
import type { AlignSettings } from "./settings.js";

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
  /** Where the item was read from when not the document itself (a public copy), and a note on it: shown as a note, never as the quote. */
  provenance?: Provenance;
  /** For an indicator with a target: the target as written and what was read of it (value, unit, comparator, year). */
  target?: ItemTarget;
}

/** An auditor's decision on a match: confirmed or added (rejected pairs are listed apart). */
export interface ReviewMark {
  decision: "confirmed" | "added" | "rejected";
  note?: string;
  reviewer?: string;
}

/**
 * Which rule accepted a match: `one-to-one` (indicators: optimal assignment above the threshold),
 * `threshold` (the score alone), `standout` (the pair stands out from both items' nearest candidates),
 * `distinct-best` (a bare heading's best counterpart, clearly ahead of its second), `review` (added by an
 * auditor).
 */
export type MatchRule = "one-to-one" | "threshold" | "standout" | "distinct-best" | "clause" | "review";

/** A pair of items that may correspond, with its score and signals: what `listCandidates` lists. */
export type Candidate = Omit<Match, "rule" | "review">;

/** Two items that correspond, with the score that says how well and why. */
export interface Match {
  /**
   * The reference item's kind. The subject's may differ across granularity: a task or project that is a bare
   * heading, or a group with nothing under it, may correspond to a whole group (`section`) or to one item.
   */
  kind: ItemKind;
  reference: ItemReference;
  subject: ItemReference;
  /** In [0, 1]. */
  score: number;
  /** Each signal's part in the score. */
  signals: SignalScore[];
  /** The rule that accepted the pair. */
  rule: MatchRule;
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
  /**
   * Items of each plan that no match covers, of the kinds aligned. On the reference side, only those with no
   * plausible candidate either: the others are in `candidates`.
   */
  unmatched: { reference: ItemReference[]; subject: ItemReference[] };
  /** Reference items without a match but with plausible counterparts, the best first, for an auditor to confirm. */
  candidates: CandidateList[];
  /** Pairs a review rejected, with its decision. */
  rejected: Match[];
  /** The thresholds used, defaults filled in. */
  thresholds: AlignThresholds;
  /** The selection used, defaults filled in. */
  selection: SelectionOptions;
  /** plan-align's version that made the alignment. */
  version: string;
  /** The options that change the results, defaults filled in (thresholds and selection again, among them). */
  settings: AlignSettings;
}

/** A reference item left unmatched, with the subject's items that might be its counterpart. */
export interface CandidateList {
  reference: ItemReference;
  candidates: Array<{ subject: ItemReference; score: number; signals: SignalScore[] }>;
}

/** Minimum scores for a pair to count as a match, per kind. */
export interface AlignThresholds {
  indicator: number;
  task: number;
  project: number;
  section: number;
}

/**
 * How pairs of tasks, projects and groups are chosen; indicators are always assigned one to one. Defaults in
 * `defaultSelection`; docs/matching.md says how they were chosen and on which gold sets.
 */
export interface SelectionOptions {
  /**
   * `rank` (default): the threshold rule, plus pairs that stand out from both items' nearest candidates
   * (`standout`, `neighbours`, `floor`), plus a bare heading's clearly best counterpart across granularity
   * (`ratio`); `threshold`: the threshold rule alone, as before version 0.2.
   */
  method: "rank" | "threshold";
  /** No pair below this score is accepted by rank. */
  floor: number;
  /** How many of an item's best candidates make the neighbourhood a pair must stand out from. */
  neighbours: number;
  /** Twice a pair's score, less the mean of both items' neighbourhoods, must reach this. */
  standout: number;
  /** A bare heading's best counterpart across granularity must score this many times its second best. */
  ratio: number;
  /** For many-to-many kinds: a second counterpart is kept when it scores within this margin of the best. */
  margin: number;
  /** An unmatched reference item lists its best candidates from this score; with none, it has no counterpart. */
  candidateFloor: number;
  /**
   * A subject item already matched lists as a candidate only when it scores at least this share of its own
   * best match: one that clearly carries another reference item is not a plausible counterpart.
   */
  candidateShare: number;
  /** How many candidates an unmatched reference item lists at most. */
  candidateCount: number;
}

/** Options of `alignPlans`; every field has a default. */
export interface AlignOptions {
  /** Kinds to align. Default: all four. */
  kinds?: readonly ItemKind[];
  /** Thresholds; given fields replace the defaults in `defaultAlignThresholds`. */
  thresholds?: Partial<AlignThresholds>;
  /** How tasks, projects and groups are paired; given fields replace the defaults in `defaultSelection`. */
  selection?: Partial<SelectionOptions>;
  /** A scorer of your own (e.g. embeddings). Default: `createScorer(scorerOptions)` over both plans' items. */
  scorer?: Scorer;
  /** Options for the built-in scorer, when `scorer` is not given. */
  scorerOptions?: Omit<ScorerOptions, "corpus">;
  /** An auditor's decisions; those naming these two plans are applied (reject, confirm, add). */
  review?: Review;
}
