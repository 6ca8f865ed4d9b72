import { diceCoefficient } from "dice-coefficient";
import { LRUCache } from "lru-cache";
import { defaultSynonyms, type SynonymTable } from "../synonyms/synonyms.js";
import { getTokenizer, type Tokenizer, type TokenizerName } from "../text/tokenize.js";
import { prepareItem, termsOf, type PreparedItem } from "./prepare.js";
import type { MatchableItem, Scorer, SignalScore } from "./types.js";

/** How much each signal counts. Signals that do not apply to a pair are left out and the rest re-weighted. */
export interface SignalWeights {
  /** Character-pair overlap of the labels in canonical form (synonyms, jurisdiction words, generic words). */
  label: number;
  /** Token overlap of the labels, rare tokens counting more (inverse document frequency). */
  tokens: number;
  /** TF-IDF cosine of the bodies (a task's text, the titles under a section): long texts of unequal length compare fairly. */
  body: number;
  /**
   * How much of the smaller item's content the other carries: the share of its distinct tokens (label and
   * body, rare tokens counting more) found in the other. A one-sentence county task inside a long city
   * task scores high here while its cosine stays low.
   */
  content: number;
  /**
   * Overlap of the words both items use (label and body, by the runtime's word segmenter), rare words
   * counting more: domain terms weighted by how specific they are (隐患排查, 航空救援), where character
   * pairs also count the pairs that straddle two words.
   */
  terms: number;
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
  content: 0,
  terms: 0,
  measure: 0.1,
  context: 0.05,
};

/**
 * The default weights for tasks and projects: their titles are short and phrased freely
 * (完善领导指挥体制 / 加强应急管理体制建设), so what their texts share counts for more. Chosen on the tuning
 * gold sets (docs/matching.md).
 */
export const defaultWorkItemWeights: Readonly<SignalWeights> = {
  label: 0.1,
  tokens: 0,
  body: 0.8,
  content: 0.2,
  terms: 0.4,
  measure: 0,
  context: 0,
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
  /** Items whose token frequencies weight the token signals (usually all items of both plans). Default: none, every token weighs 1. */
  corpus?: readonly MatchableItem[];
}

/** An item's weighted token vectors, built once per item and scorer rather than once per pair. */
interface ItemVectors {
  prepared: PreparedItem;
  /** Distinct label tokens → inverse document frequency. */
  label: Map<string, number>;
  /** Body token → count × inverse document frequency, and the vector's length. */
  body: Map<string, number>;
  bodyNorm: number;
  /** Distinct label and body tokens → inverse document frequency, and their sum. */
  content: Map<string, number>;
  contentMass: number;
}

/**
 * The built-in scorer: combines label, token, body, shared-content, shared-term, measure-kind and section-context signals
 * into one score in [0, 1], and returns each signal's part. Symmetric: score(a, b) equals score(b, a).
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
  const forms = preparedFormsCache(tokenizer, synonyms);
  const formsOf = (item: MatchableItem): PreparedForms => {
    const key = contentKey(item);
    let result = forms.get(key);
    if (result === undefined) {
      result = { prepared: prepareItem(item, { tokenizer, synonyms }) };
      forms.set(key, result);
    }
    return result;
  };
  const prepare = (item: MatchableItem): PreparedItem => formsOf(item).prepared;
  const termsList = (item: MatchableItem): string[] => {
    const entry = formsOf(item);
    entry.terms ??= termsOf(entry.prepared);
    return entry.terms;
  };
  const corpus = (options.corpus ?? []).map(prepare);
  const labelWeight = buildInverseFrequency(corpus.map((item) => item.coreTokens));
  const bodyWeight = buildInverseFrequency(corpus.map((item) => item.bodyTokens).filter((tokens) => tokens.length > 0));
  const contentWeight = buildInverseFrequency(corpus.map((item) => [...item.coreTokens, ...item.bodyTokens]));
  // Word segmentation is the costliest step of preparing an item, and only tasks and projects weigh words:
  // segment lazily, the first time a pair needs it, with frequencies over the corpus's tasks and projects.
  let termWeight: InverseFrequency | undefined;
  const terms = new WeakMap<MatchableItem, Map<string, number>>();
  const termsFor = (item: MatchableItem): Map<string, number> => {
    termWeight ??= buildInverseFrequency((options.corpus ?? []).filter(isWorkItem).map(termsList));
    let result = terms.get(item);
    if (result === undefined) {
      result = distinct(termsList(item), termWeight);
      terms.set(item, result);
    }
    return result;
  };
  const vectors = new WeakMap<MatchableItem, ItemVectors>();
  const vectorsOf = (item: MatchableItem): ItemVectors => {
    let result = vectors.get(item);
    if (result === undefined) {
      result = buildVectors(prepare(item), { label: labelWeight, body: bodyWeight, content: contentWeight });
      vectors.set(item, result);
    }
    return result;
  };

  return {
    score(reference, subject) {
      // Either side decides, so that the score stays symmetric when a task meets a whole group.
      const weights = isWorkItem(reference) || isWorkItem(subject) ? workItemWeights : itemWeights;
      const a = vectorsOf(reference);
      const b = vectorsOf(subject);
      const signals: SignalScore[] = [
        { name: "label", value: dice(a.prepared.core, b.prepared.core), weight: weights.label },
        { name: "tokens", value: weightedJaccard(a.label, b.label), weight: weights.tokens },
      ];
      if (a.body.size > 0 && b.body.size > 0) {
        signals.push({ name: "body", value: cosine(a, b), weight: weights.body });
      }
      if (weights.content > 0) {
        signals.push({ name: "content", value: sharedContent(a, b), weight: weights.content });
      }
      if (weights.terms > 0) {
        signals.push({ name: "terms", value: weightedJaccard(termsFor(reference), termsFor(subject)), weight: weights.terms });
      }
      if (a.prepared.measure !== undefined && b.prepared.measure !== undefined) {
        const same = a.prepared.measure === b.prepared.measure;
        signals.push({ name: "measure", value: same ? 1 : 0, weight: weights.measure, note: same ? a.prepared.measure : `${a.prepared.measure} ≠ ${b.prepared.measure}` });
      }
      if (a.prepared.context !== "" && b.prepared.context !== "") {
        signals.push({ name: "context", value: dice(a.prepared.context, b.prepared.context), weight: weights.context });
      }
      return { score: combine(signals), signals };
    },
  };
}

/** What preparing an item yields: its comparable forms, and its words once a pair has needed them. */
interface PreparedForms {
  prepared: PreparedItem;
  terms?: string[];
}

// Preparing an item (normalizing, canonical synonyms, tokenizing, segmenting words) costs more than scoring
// it, and a province's plan is aligned with every plan below it. Prepared forms are kept by content, per
// synonym table and tokenizer, so the same item is prepared once whatever object carries it and whatever
// was changed elsewhere; the least recently used are let go past a bound that keeps memory modest.
const preparedForms = new WeakMap<SynonymTable, WeakMap<Tokenizer, LRUCache<string, PreparedForms>>>();

function preparedFormsCache(tokenizer: Tokenizer, synonyms: SynonymTable): LRUCache<string, PreparedForms> {
  let byTokenizer = preparedForms.get(synonyms);
  if (byTokenizer === undefined) {
    byTokenizer = new WeakMap();
    preparedForms.set(synonyms, byTokenizer);
  }
  let cache = byTokenizer.get(tokenizer);
  if (cache === undefined) {
    cache = new LRUCache({ max: 10_000 });
    byTokenizer.set(tokenizer, cache);
  }
  return cache;
}

/** Everything preparing an item reads, so that equal keys prepare alike. */
const contentKey = (item: MatchableItem) =>
  [item.kind, item.label, item.body, item.target ?? "", ...item.context].join("\u0000");

const isWorkItem = (item: MatchableItem) => item.kind === "task" || item.kind === "project";

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
  const weights = new Map<string, number>();
  return (token) => {
    let weight = weights.get(token);
    if (weight === undefined) {
      weight = 1 + Math.log((count + 1) / ((frequency.get(token) ?? 0) + 1));
      weights.set(token, weight);
    }
    return weight;
  };
}

function buildVectors(prepared: PreparedItem, weight: Record<"label" | "body" | "content", InverseFrequency>): ItemVectors {
  const body = new Map<string, number>();
  for (const token of prepared.bodyTokens) body.set(token, (body.get(token) ?? 0) + weight.body(token));
  const content = distinct([...prepared.coreTokens, ...prepared.bodyTokens], weight.content);
  return {
    prepared,
    label: distinct(prepared.coreTokens, weight.label),
    body,
    bodyNorm: Math.sqrt(sumOf(body.values(), (value) => value * value)),
    content,
    contentMass: sumOf(content.values(), (value) => value),
  };
}

function distinct(tokens: readonly string[], of: InverseFrequency): Map<string, number> {
  return new Map([...new Set(tokens)].map((token) => [token, of(token)]));
}

function sumOf(values: Iterable<number>, of: (value: number) => number): number {
  let sum = 0;
  for (const value of values) sum += of(value);
  return sum;
}

/** The weight of the tokens both maps hold, summed over the smaller map. */
function sharedWeight(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, product: boolean): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [token, value] of small) {
    const other = large.get(token);
    if (other !== undefined) shared += product ? value * other : value;
  }
  return shared;
}

/** Weighted Jaccard overlap of two token sets: the weight of what they share over the weight of all. */
function weightedJaccard(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  if (a.size === 0 || b.size === 0) return a.size === b.size ? 1 : 0;
  const shared = sharedWeight(a, b, false);
  const all = sumOf(a.values(), (value) => value) + sumOf(b.values(), (value) => value) - shared;
  return shared / all;
}

/** Cosine of two bodies' TF-IDF vectors. */
function cosine(a: ItemVectors, b: ItemVectors): number {
  const denominator = a.bodyNorm * b.bodyNorm;
  return denominator === 0 ? 0 : Math.min(1, sharedWeight(a.body, b.body, true) / denominator);
}

/** The share of the smaller item's content (by token weight) that the other item holds too. */
function sharedContent(a: ItemVectors, b: ItemVectors): number {
  const smaller = Math.min(a.contentMass, b.contentMass);
  return smaller === 0 ? 0 : Math.min(1, sharedWeight(a.content, b.content, false) / smaller);
}
