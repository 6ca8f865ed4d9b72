/** Kinds of item that are matched. `section` stands for a heading that groups items. */
export type ItemKind = "indicator" | "task" | "project" | "section";

/** What a scorer compares: one item of a plan, in the words of its document. */
export interface MatchableItem {
  kind: ItemKind;
  id: string;
  /** The words that identify it: an indicator's name, a task's title, a section's title. */
  label: string;
  /** Everything else it says: a task's text, an indicator's target, a section's item titles. */
  body: string;
  /** An indicator's target as written, when it has one. */
  target?: string | null | undefined;
  /** Titles of the sections it stands in, outermost first. */
  context: readonly string[];
}

/** One signal's part in a score: its value in [0, 1] and the weight it carried. */
export interface SignalScore {
  name: string;
  value: number;
  weight: number;
  /** Why the value is what it is, where a number alone does not say. */
  note?: string;
}

/** A score in [0, 1] with the signals it is made of, so every match explains itself. */
export interface Similarity {
  score: number;
  signals: SignalScore[];
}

/**
 * Anything that scores how well two items correspond. Bring your own (e.g. embeddings) by implementing it;
 * scores must lie in [0, 1] and should be symmetric.
 *
 * @example
 * const exactNames: Scorer = {
 *   score: (a, b) => ({ score: a.label === b.label ? 1 : 0, signals: [] }),
 * };
 */
export interface Scorer {
  /** How alike two items are: a score in [0, 1] and the signals behind it. */
  score(reference: MatchableItem, subject: MatchableItem): Similarity;
}
