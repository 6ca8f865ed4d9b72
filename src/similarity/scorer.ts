import { diceCoefficient } from "dice-coefficient";
import { defaultSynonyms, type SynonymTable } from "../synonyms/synonyms.js";
import { getTokenizer, type Tokenizer, type TokenizerName } from "../text/tokenize.js";
import { prepareItem, type PreparedItem } from "./prepare.js";
import type { MatchableItem, Scorer, SignalScore } from "./types.js";

/** How much each signal counts. Signals that do not apply to a pair are left out and the rest re-weighted. */
export interface SignalWeights {
  /** Character-pair overlap of the labels in canonical form (synonyms, jurisdiction words, generic words). */
  label: number;
  /** Token overlap of the labels, rare tokens counting more (inverse document frequency). */
  tokens: number;
  /** TF-IDF cosine of the bodies (a task's text, the titles under a section): long texts of unequal length compare fairly. */
  body: number;
  /** Indicators only: 1 when both measure the same kind of quantity (rate, share, count, duration, amount). */
  measure: number;
  /** Character-pair overlap of the section titles the items stand in. */
  context: number;
}

/** The default weights for indicators and sections, whose names carry their meaning. */
export const defaultSignalWeights: Readonly<SignalWeights> = {
  label: 0.4,
  tokens: 0.3,
  body: 0.15,
  measure: 0.1,
  context: 0.05,
};

/**
 * The default weights for tasks and projects: their titles are short and phrased freely
 * (完善领导指挥体制 / 加强应急管理体制建设), so their text counts for more.
 */
export const defaultWorkItemWeights: Readonly<SignalWeights> = {
  label: 0.3,
  tokens: 0.2,
  body: 0.4,
  measure: 0,
  context: 0.1,
};

/** Options of `createScorer`; every field has a default. */
export interface ScorerOptions {
  /** Tokenizer: a built-in name or a function. Default "bigram" (measured best; docs/tokenization.md). */
  tokenizer?: TokenizerName | Tokenizer;
  /** Synonym table. Default: data/synonyms/default.json. */
  synonyms?: SynonymTable;
  /**
   * Signal weights. Default: `defaultSignalWeights` for indicators and sections, `defaultWorkItemWeights`
   * for tasks and projects; given fields replace the defaults of both.
   */
  weights?: Partial<SignalWeights>;
  /** Items whose token frequencies weight the token signal (usually all items of both plans). Default: none, every token weighs 1. */
  corpus?: readonly MatchableItem[];
}

/**
 * The built-in scorer: combines label, token, body, measure-kind and section-context signals into one
 * score in [0, 1], and returns each signal's part. Symmetric: score(a, b) equals score(b, a).
 *
 * @example
 * const scorer = createScorer({ corpus: items });
 * const { score, signals } = scorer.score(nationalIndicator, countyIndicator);
 */
export function createScorer(options: ScorerOptions = {}): Scorer {
  const tokenizer = typeof options.tokenizer === "function" ? options.tokenizer : getTokenizer(options.tokenizer ?? "bigram");
  const synonyms = options.synonyms ?? defaultSynonyms;
  const itemWeights = { ...defaultSignalWeights, ...options.weights };
  const workItemWeights = { ...defaultWorkItemWeights, ...options.weights };
  const prepared = new WeakMap<MatchableItem, PreparedItem>();
  const prepare = (item: MatchableItem): PreparedItem => {
    let result = prepared.get(item);
    if (result === undefined) {
      result = prepareItem(item, { tokenizer, synonyms });
      prepared.set(item, result);
    }
    return result;
  };
  const corpus = (options.corpus ?? []).map(prepare);
  const labelWeight = buildInverseFrequency(corpus.map((item) => item.coreTokens));
  const bodyWeight = buildInverseFrequency(corpus.map((item) => item.bodyTokens).filter((tokens) => tokens.length > 0));

  return {
    score(reference, subject) {
      const weights = reference.kind === "task" || reference.kind === "project" ? workItemWeights : itemWeights;
      const a = prepare(reference);
      const b = prepare(subject);
      const signals: SignalScore[] = [
        { name: "label", value: dice(a.core, b.core), weight: weights.label },
        { name: "tokens", value: weightedOverlap(a.coreTokens, b.coreTokens, labelWeight), weight: weights.tokens },
      ];
      if (a.bodyTokens.length > 0 && b.bodyTokens.length > 0) {
        signals.push({ name: "body", value: cosine(a.bodyTokens, b.bodyTokens, bodyWeight), weight: weights.body });
      }
      if (a.measure !== undefined && b.measure !== undefined) {
        const same = a.measure === b.measure;
        signals.push({ name: "measure", value: same ? 1 : 0, weight: weights.measure, note: same ? a.measure : `${a.measure} ≠ ${b.measure}` });
      }
      if (a.context !== "" && b.context !== "") {
        signals.push({ name: "context", value: dice(a.context, b.context), weight: weights.context });
      }
      return { score: combine(signals), signals };
    },
  };
}

function dice(a: string, b: string): number {
  if (a === "" || b === "") return a === b ? 1 : 0;
  return diceCoefficient(a, b);
}

/** Weighted average of the signals present; 0 when none carries weight. */
function combine(signals: readonly SignalScore[]): number {
  const total = signals.reduce((sum, signal) => sum + signal.weight, 0);
  if (total === 0) return 0;
  const score = signals.reduce((sum, signal) => sum + signal.value * signal.weight, 0) / total;
  return Math.min(1, Math.max(0, score));
}

type InverseFrequency = (token: string) => number;

// Written here rather than taken from natural's TfIdf, which requires `fs` and so is not browser-safe.
function buildInverseFrequency(documents: readonly string[][]): InverseFrequency {
  if (documents.length === 0) return () => 1;
  const frequency = new Map<string, number>();
  for (const tokens of documents) for (const token of new Set(tokens)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const count = documents.length;
  return (token) => 1 + Math.log((count + 1) / ((frequency.get(token) ?? 0) + 1));
}

/** Weighted Jaccard overlap of two token sets: the weight of what they share over the weight of all. */
function weightedOverlap(a: readonly string[], b: readonly string[], weight: InverseFrequency): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return left.size === right.size ? 1 : 0;
  let shared = 0;
  let all = 0;
  for (const token of new Set([...left, ...right])) {
    const w = weight(token);
    all += w;
    if (left.has(token) && right.has(token)) shared += w;
  }
  return shared / all;
}

/** Cosine of two texts' TF-IDF vectors (token counts times inverse document frequency). */
function cosine(a: readonly string[], b: readonly string[], weight: InverseFrequency): number {
  const vector = (tokens: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) counts.set(token, count * weight(token));
    return counts;
  };
  const left = vector(a);
  const right = vector(b);
  let dot = 0;
  for (const [token, value] of left) dot += value * (right.get(token) ?? 0);
  const norm = (vector: Map<string, number>) => Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0));
  const denominator = norm(left) * norm(right);
  return denominator === 0 ? 0 : Math.min(1, dot / denominator);
}
