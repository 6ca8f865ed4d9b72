import { lru, type LRU } from "tiny-lru";
import { defaultSynonyms, type SynonymTable } from "../synonyms/synonyms.js";
import { defaultTokenizerName, getTokenizer, type Tokenizer, type TokenizerName } from "../text/tokenize.js";
import { itemText } from "./item-text.js";
import { prepareItem, termsOf, type PreparedItem } from "./prepare.js";
import { centredVector, type TextEmbeddings } from "./embeddings.js";
import { topicVector, type TopicModel } from "./topics.js";
import type { MatchableItem, Scorer, SignalScore, Similarity } from "./types.js";
import { cosine, countTokens, distinctIds, inverseFrequency, SpreadVector, weighIds, type TokenCounts, type WeightedIds } from "./vectors.js";
import { checkArguments } from "../model/input-error.js";
import { CreateScorerOptionsSchema } from "../model/options.js";

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
  /**
   * Closeness in the topic space fitted on the plans at hand (`ScorerOptions.topics`): the cosine of the two
   * items' places, 0 when they point apart. Items that share few words but are about the same thing come close.
   */
  topic: number;
  /**
   * Closeness by a model of meaning (`ScorerOptions.embeddings`): the cosine of the two items' vectors, each
   * less the mean of every embedded text (what all emergency plans share), 0 when they point apart.
   */
  meaning: number;
}

/** The default weights for indicators and sections, whose names carry their meaning. */
export const defaultSignalWeights: Readonly<SignalWeights> = Object.freeze({
  label: 0.4,
  tokens: 0.3,
  body: 0.15,
  content: 0,
  terms: 0,
  measure: 0.1,
  context: 0.05,
  topic: 0,
  meaning: 0,
});

/**
 * The default weights for tasks and projects: their titles are short and phrased freely
 * (完善领导指挥体制 / 加强应急管理体制建设), so what their texts share counts for more. Chosen on the tuning
 * gold sets (docs/matching.md).
 */
export const defaultWorkItemWeights: Readonly<SignalWeights> = Object.freeze({
  label: 0.1,
  tokens: 0,
  body: 0.8,
  content: 0.2,
  terms: 0.4,
  measure: 0,
  context: 0,
  topic: 0.25,
  meaning: 0.5,
});

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
  /** A topic space fitted on the plans at hand (`fitTopics`): the `topic` signal. Default: none, no topic signal. */
  topics?: TopicModel;
  /**
   * Vectors of item texts from a model of meaning (`embedPlans` in plan-align/node): the `meaning` signal.
   * Default: none. Its weight (0.5 for tasks and projects, 0 for indicators and groups) is not measured:
   * no model can be reached where plan-align is developed (docs/matching.md).
   */
  embeddings?: TextEmbeddings;
}

/** An item's weighted token vectors for one scorer's corpus, built once per item rather than once per pair. */
interface ItemVectors {
  forms: PreparedForms;
  /** Distinct label tokens weighted by inverse document frequency. */
  label: WeightedIds;
  /** Body tokens weighted by count × inverse document frequency (TF-IDF). */
  body: WeightedIds;
  /** Distinct label and body tokens weighted by inverse document frequency. */
  content: WeightedIds;
}

/**
 * The built-in scorer: combines label, token, body, shared-content, shared-term, measure-kind and section-context signals
 * into one score in [0, 1], and returns each signal's part. Symmetric: score(a, b) equals score(b, a).
 *
 * @example
 * const scorer = createScorer();
 * const indicator = (id: string, label: string, body: string) => ({ kind: "indicator" as const, id, label, body, context: [] });
 * const deaths = indicator("a", "生产安全事故死亡人数", "下降15%");
 * scorer.score(deaths, indicator("b", "生产安全事故死亡人数", "下降10%")).score; // 0.921…
 * scorer.score(deaths, indicator("c", "森林火灾受害率", "<0.9‰")).score; // 0
 */
export function createScorer(options: ScorerOptions = {}): Scorer {
  checkArguments("createScorer", { options: [CreateScorerOptionsSchema, options] });
  const tokenizer = typeof options.tokenizer === "function" ? options.tokenizer : getTokenizer(options.tokenizer ?? defaultTokenizerName);
  const synonyms = options.synonyms ?? defaultSynonyms;
  const itemWeights = { ...defaultSignalWeights, ...options.weights };
  const workItemWeights = { ...defaultWorkItemWeights, ...options.weights };
  const cache = preparedFormsCache(tokenizer, synonyms);
  const formsOf = (item: MatchableItem): PreparedForms => {
    const key = contentKey(item);
    let forms = cache.get(key);
    if (forms === undefined) {
      forms = prepareForms(prepareItem(item, { tokenizer, synonyms }));
      cache.set(key, forms);
    }
    return forms;
  };
  const termsOfItem = (item: MatchableItem): Int32Array => {
    const forms = formsOf(item);
    forms.terms ??= distinctIds(countTokens(termsOf(forms.prepared)));
    return forms.terms;
  };
  const corpus = (options.corpus ?? []).map(formsOf);
  const labelWeight = inverseFrequency(corpus.map((forms) => forms.coreTokens.ids));
  const bodyWeight = inverseFrequency(corpus.filter((forms) => forms.bodyTokens.total > 0).map((forms) => forms.bodyTokens.ids));
  const contentWeight = inverseFrequency(corpus.map((forms) => forms.contentIds));
  // Word segmentation is the costliest step of preparing an item, and only tasks and projects weigh words:
  // segment lazily, the first time a pair needs it, with frequencies over the corpus's tasks and projects.
  let termWeight: ((id: number) => number) | undefined;
  const terms = new WeakMap<MatchableItem, WeightedIds>();
  const termsFor = (item: MatchableItem): WeightedIds => {
    termWeight ??= inverseFrequency((options.corpus ?? []).filter(isWorkItem).map(termsOfItem));
    let result = terms.get(item);
    if (result === undefined) {
      const weigh = termWeight;
      result = weighIds(termsOfItem(item), (id) => weigh(id));
      terms.set(item, result);
    }
    return result;
  };
  const topics = options.topics;
  const topicVectors = new WeakMap<MatchableItem, Float32Array>();
  const topicVectorOf = (item: MatchableItem): Float32Array => {
    let vector = topicVectors.get(item);
    if (vector === undefined) {
      vector = topicVector(topics!, itemText(item));
      topicVectors.set(item, vector);
    }
    return vector;
  };
  // An item's title and the clauses of its text, each as the content signal weighs it, for bare titles to meet.
  const clauses = new WeakMap<MatchableItem, WeightedIds[]>();
  const clausesOf = (item: MatchableItem): WeightedIds[] => {
    let result = clauses.get(item);
    if (result === undefined) {
      // The clauses' tokens are kept with the item's prepared forms, shared by every scorer; their weights
      // depend on this scorer's corpus.
      const forms = formsOf(item);
      forms.clauseIds ??= [item.label, ...item.body.split(/[。；;，,\n]/u).filter((part) => part.trim() !== "")].map(
        (part) => distinctIds(countTokens(prepareItem({ kind: item.kind, id: item.id, label: part, body: "", context: [] }, { tokenizer, synonyms }).coreTokens)),
      );
      result = forms.clauseIds.map((ids) => weighIds(ids, (id) => contentWeight(id)));
      clauses.set(item, result);
    }
    return result;
  };
  const embeddings = options.embeddings;
  const meaningVectors = new WeakMap<MatchableItem, Float32Array | null>();
  const meaningVectorOf = (item: MatchableItem): Float32Array | undefined => {
    let vector = meaningVectors.get(item);
    if (vector === undefined) {
      vector = centredVector(embeddings!, itemText(item)) ?? null;
      meaningVectors.set(item, vector);
    }
    return vector ?? undefined;
  };
  const vectors = new WeakMap<MatchableItem, ItemVectors>();
  const vectorsOf = (item: MatchableItem): ItemVectors => {
    let result = vectors.get(item);
    if (result === undefined) {
      const forms = formsOf(item);
      const body = forms.bodyTokens;
      result = {
        forms,
        label: weighIds(forms.coreTokens.ids, (id) => labelWeight(id)),
        body: weighIds(body.ids, (id, index) => body.counts[index]! * bodyWeight(id)),
        content: weighIds(forms.contentIds, (id) => contentWeight(id)),
      };
      vectors.set(item, result);
    }
    return result;
  };

  // The signals of a pair, into `values` (one slot each, in `signalNames` order), as a bit set of those present.
  const measureSignals = (reference: MatchableItem, subject: MatchableItem, weights: SignalWeights): number => {
    const a = vectorsOf(reference);
    const b = vectorsOf(subject);
    spread.corePairs.spreadOut(a.forms.coreCharacterPairs);
    spread.label.spreadOut(a.label);
    values[slot.label] = dice(a.forms.coreCharacterPairs, b.forms.coreCharacterPairs, spread.corePairs);
    values[slot.tokens] = weightedJaccard(a.label, b.label, spread.label);
    let present = bit.label | bit.tokens;
    if (a.body.ids.length > 0 && b.body.ids.length > 0) {
      spread.body.spreadOut(a.body);
      const denominator = a.body.norm * b.body.norm;
      values[slot.body] = denominator === 0 ? 0 : Math.min(1, spread.body.dotProduct(b.body) / denominator);
      present |= bit.body;
    }
    if (weights.content > 0) {
      // A bare title names one thing: it is compared with the other item's title and each of its clauses,
      // not with words scattered through a long text (应急管理一级学科建设 against a list of majors).
      const titleOnly = (reference.body === "") !== (subject.body === "") ? (reference.body === "" ? a : b) : undefined;
      if (titleOnly === undefined) {
        spread.content.spreadOut(a.content);
        const smaller = Math.min(a.content.sum, b.content.sum);
        values[slot.content] = smaller === 0 ? 0 : Math.min(1, spread.content.sharedWeight(b.content) / smaller);
      } else {
        spread.content.spreadOut(titleOnly.content);
        let best = 0;
        for (const clause of clausesOf(titleOnly === a ? subject : reference)) best = Math.max(best, spread.content.sharedWeight(clause));
        values[slot.content] = titleOnly.content.sum === 0 ? 0 : Math.min(1, best / titleOnly.content.sum);
      }
      present |= bit.content;
    }
    if (weights.terms > 0) {
      const terms = termsFor(reference);
      spread.terms.spreadOut(terms);
      values[slot.terms] = weightedJaccard(terms, termsFor(subject), spread.terms);
      present |= bit.terms;
    }
    const measureA = a.forms.prepared.measure;
    const measureB = b.forms.prepared.measure;
    if (measureA !== undefined && measureB !== undefined) {
      values[slot.measure] = measureA === measureB ? 1 : 0;
      present |= bit.measure;
    }
    // Topic and meaning were weighed on tasks and projects against each other; a bare heading against a whole
    // group is judged by its words, as before (a group's text is the titles under it, which no model reads well).
    const bothWorkItems = isWorkItem(reference) && isWorkItem(subject);
    if (embeddings !== undefined && weights.meaning > 0 && bothWorkItems) {
      const [meaningA, meaningB] = [meaningVectorOf(reference), meaningVectorOf(subject)];
      if (meaningA !== undefined && meaningB !== undefined) {
        values[slot.meaning] = Math.max(0, cosine(meaningA, meaningB));
        present |= bit.meaning;
      }
    }
    if (topics !== undefined && weights.topic > 0 && bothWorkItems) {
      values[slot.topic] = Math.max(0, cosine(topicVectorOf(reference), topicVectorOf(subject)));
      present |= bit.topic;
    }
    if (a.forms.contextCharacterPairs.total > 0 && b.forms.contextCharacterPairs.total > 0) {
      spread.contextPairs.spreadOut(a.forms.contextCharacterPairs);
      values[slot.context] = dice(a.forms.contextCharacterPairs, b.forms.contextCharacterPairs, spread.contextPairs);
      present |= bit.context;
    }
    return present;
  };
  // Either side decides, so that the score stays symmetric when a task meets a whole group.
  const weightsFor = (reference: MatchableItem, subject: MatchableItem) => (isWorkItem(reference) || isWorkItem(subject) ? workItemWeights : itemWeights);

  // A pair's explanation, from the signal values just measured for it.
  const explain = (reference: MatchableItem, subject: MatchableItem, present: number, weights: SignalWeights): Similarity => {
    const signals: SignalScore[] = [];
    for (const name of signalNames) {
      if ((present & bit[name]) === 0) continue;
      const signal: SignalScore = { name, value: values[slot[name]]!, weight: weights[name] };
      if (name === "measure") {
        const [a, b] = [vectorsOf(reference).forms.prepared.measure, vectorsOf(subject).forms.prepared.measure];
        signal.note = a === b ? String(a) : `${a} ≠ ${b}`;
      }
      signals.push(signal);
    }
    return { score: combine(present, weights), signals };
  };

  const scorer: Scorer = {
    score(reference, subject) {
      const weights = weightsFor(reference, subject);
      return explain(reference, subject, measureSignals(reference, subject, weights), weights);
    },
  };
  // The pair last scored, kept as two variables: an object per pair would be garbage on the hot path.
  let lastPresent = 0;
  let lastWeights = itemWeights;
  scoresFirst.set(scorer, {
    score(reference, subject) {
      lastWeights = weightsFor(reference, subject);
      lastPresent = measureSignals(reference, subject, lastWeights);
      return combine(lastPresent, lastWeights);
    },
    explainLast: (reference, subject) => explain(reference, subject, lastPresent, lastWeights),
  });
  return scorer;
}

/**
 * The built-in scorer, scoring first and explaining after: most pairs of two plans' tasks correspond to
 * nothing, and an alignment explains only the pairs it keeps.
 */
export interface ScoreFirst {
  /** The score alone, equal to the last bit to `score(…).score`. */
  score(reference: MatchableItem, subject: MatchableItem): number;
  /** The explanation of the pair just scored: call it before scoring another. */
  explainLast(reference: MatchableItem, subject: MatchableItem): Similarity;
}

const scoresFirst = new WeakMap<Scorer, ScoreFirst>();

/** The built-in scorer's score-first form; undefined for other scorers. */
export const getScoreFirst = (scorer: Scorer): ScoreFirst | undefined => scoresFirst.get(scorer);

/** What preparing an item yields, as ids: what every scorer with the same tokenizer and synonyms shares. */
interface PreparedForms {
  prepared: PreparedItem;
  /** The label's character pairs, as Dice's coefficient compares them. */
  coreCharacterPairs: TokenCounts;
  contextCharacterPairs: TokenCounts;
  coreTokens: TokenCounts;
  bodyTokens: TokenCounts;
  /** Distinct label and body tokens. */
  contentIds: Int32Array;
  /** Distinct words, once a pair has needed them. */
  terms?: Int32Array;
  /** The distinct tokens of its title and of each clause of its text, once a bare title has met it. */
  clauseIds?: Int32Array[];
}

function prepareForms(prepared: PreparedItem): PreparedForms {
  const coreTokens = countTokens(prepared.coreTokens);
  const bodyTokens = countTokens(prepared.bodyTokens);
  return {
    prepared,
    coreCharacterPairs: countTokens(characterPairs(prepared.core)),
    contextCharacterPairs: countTokens(characterPairs(prepared.context)),
    coreTokens,
    bodyTokens,
    contentIds: distinctIds(coreTokens, bodyTokens),
  };
}

/** The pairs Dice's coefficient compares: of the lower-cased text, or the text itself when one character long. */
function characterPairs(text: string): string[] {
  const lower = text.toLowerCase();
  if (lower.length <= 1) return lower === "" ? [] : [lower];
  const pairs: string[] = [];
  for (let index = 0; index + 2 <= lower.length; index++) pairs.push(lower.slice(index, index + 2));
  return pairs;
}

// Preparing an item (normalizing, canonical synonyms, tokenizing, segmenting words) costs more than scoring
// it, and a province's plan is aligned with every plan below it. Prepared forms are kept by content, per
// synonym table and tokenizer, so the same item is prepared once whatever object carries it and whatever
// was changed elsewhere; the least recently used are let go past a bound that keeps memory modest.
const preparedForms = new WeakMap<SynonymTable, WeakMap<Tokenizer, LRU<PreparedForms>>>();

function preparedFormsCache(tokenizer: Tokenizer, synonyms: SynonymTable): LRU<PreparedForms> {
  let byTokenizer = preparedForms.get(synonyms);
  if (byTokenizer === undefined) {
    byTokenizer = new WeakMap();
    preparedForms.set(synonyms, byTokenizer);
  }
  let cache = byTokenizer.get(tokenizer);
  if (cache === undefined) {
    // Room for the items of a plan's ancestors, which every audit below them reuses, and of the plan itself,
    // reused against each ancestor: a few hundred each. More only holds items that will not come back.
    cache = lru(3_000);
    byTokenizer.set(tokenizer, cache);
  }
  return cache;
}

/** Everything preparing an item reads, so that equal keys prepare alike. */
const contentKey = (item: MatchableItem) =>
  [item.kind, item.label, item.body, item.target ?? "", ...item.context].join("\u0000");

const isWorkItem = (item: MatchableItem) => item.kind === "task" || item.kind === "project";

/** Dice's coefficient of two texts' character pairs (the first spread in `spread`); two empty texts are alike. */
function dice(a: TokenCounts, b: TokenCounts, spread: SpreadVector): number {
  if (a.total === 0 || b.total === 0) return a.total === b.total ? 1 : 0;
  return (2 * spread.sharedOccurrences(b)) / (a.total + b.total);
}

// One spread per signal, shared by every scorer of this thread: scoring is synchronous, one pair at a time.
const spread = {
  corePairs: new SpreadVector(),
  contextPairs: new SpreadVector(),
  label: new SpreadVector(),
  body: new SpreadVector(),
  content: new SpreadVector(),
  terms: new SpreadVector(),
};

const signalNames = ["label", "tokens", "body", "content", "terms", "measure", "context", "topic", "meaning"] as const satisfies readonly (keyof SignalWeights)[];
const slot = Object.fromEntries(signalNames.map((name, index) => [name, index])) as Record<keyof SignalWeights, number>;
const bit = Object.fromEntries(signalNames.map((name, index) => [name, 1 << index])) as Record<keyof SignalWeights, number>;
// One pair's signal values, shared by every scorer of this thread as the spreads are.
const values = new Float64Array(signalNames.length);

/** Weighted average of the signals present (in `values`); 0 when none carries weight. */
function combine(present: number, weights: SignalWeights): number {
  let total = 0;
  let weighted = 0;
  for (const name of signalNames) {
    if ((present & bit[name]) === 0) continue;
    total += weights[name];
    weighted += values[slot[name]]! * weights[name];
  }
  if (total === 0) return 0;
  return Math.min(1, Math.max(0, weighted / total));
}

/** Weighted Jaccard overlap of two token sets (the first spread in `spread`): what they share over all. */
function weightedJaccard(a: WeightedIds, b: WeightedIds, spread: SpreadVector): number {
  if (a.ids.length === 0 || b.ids.length === 0) return a.ids.length === b.ids.length ? 1 : 0;
  const shared = spread.sharedWeight(b);
  return shared / (a.sum + b.sum - shared);
}
