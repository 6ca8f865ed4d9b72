import type { SignalWeights } from "../similarity/scorer.js";
import type { ItemKind } from "../similarity/types.js";
import { defaultTokenizerName, type TokenizerName } from "../text/tokenize.js";
import type { AlignOptions, AlignThresholds, SelectionOptions } from "./types.js";

/**
 * The options that change what an alignment finds, defaults filled in: what every JSON output records beside
 * plan-align's version, so that a table can say what made it and two runs can be told apart.
 */
export interface AlignSettings {
  /** Kinds aligned. */
  kinds: ItemKind[];
  thresholds: AlignThresholds;
  selection: SelectionOptions;
  /** `built-in`, or `custom` when a scorer of one's own was given (the three fields below then do not apply). */
  scorer: "built-in" | "custom";
  /** The built-in scorer's tokenizer, or `custom` for a function. */
  tokenizer: TokenizerName | "custom";
  /** Signal weights given in place of the defaults (docs/matching.md); empty for the defaults. */
  weights: Partial<SignalWeights>;
  /** `built-in` (data/synonyms/default.json) or `custom` (a table of one's own, such as `--synonyms` makes). */
  synonyms: "built-in" | "custom";
  /** The topic space of the `topic` signal: how many texts it was fitted on, and its dimensions; null for none. */
  topics: { texts: number; dimensions: number } | null;
  /** The model of meaning whose vectors the `meaning` signal compares; null for none. */
  meaning: string | null;
  /** The review decisions given, with their file when it is known; null for none. */
  review: { file?: string; decisions: number } | null;
}

/** The settings of an alignment made with `options`, its thresholds and selection as resolved. */
export function describeSettings(options: AlignOptions, kinds: readonly ItemKind[], thresholds: AlignThresholds, selection: SelectionOptions): AlignSettings {
  const { scorerOptions = {}, review } = options;
  const tokenizer = scorerOptions.tokenizer ?? defaultTokenizerName;
  return {
    kinds: [...kinds],
    thresholds: { ...thresholds },
    selection: { ...selection },
    scorer: options.scorer === undefined ? "built-in" : "custom",
    tokenizer: typeof tokenizer === "function" ? "custom" : tokenizer,
    weights: { ...scorerOptions.weights },
    synonyms: scorerOptions.synonyms === undefined ? "built-in" : "custom",
    topics: scorerOptions.topics === undefined ? null : { texts: scorerOptions.topics.texts, dimensions: scorerOptions.topics.dimensions },
    meaning: scorerOptions.embeddings?.model ?? null,
    review: review === undefined ? null : { ...(review.file === undefined ? {} : { file: review.file }), decisions: review.decisions.length },
  };
}
