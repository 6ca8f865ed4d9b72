// The built-in scorer written the plain way, for the equivalence test: each signal computed from the prepared
// texts with string-keyed maps, per pair, as the definitions in src/similarity/scorer.ts read. No integer
// token ids, no vectors kept per item, no spread rows, no content-keyed caches: none of the speed work.
// The only memo is each item's preparation (normalizing, synonyms, tokenizing), which the speed work did not
// change and which would otherwise make the test take minutes.
import { prepareItem, termsOf, type PreparedItem } from "../../src/similarity/prepare.js";
import { defaultSignalWeights, defaultWorkItemWeights } from "../../src/similarity/scorer.js";
import type { MatchableItem, Scorer, SignalScore } from "../../src/similarity/types.js";
import { defaultSynonyms } from "../../src/synonyms/synonyms.js";
import { getTokenizer } from "../../src/text/tokenize.js";

const isWorkItem = (item: MatchableItem) => item.kind === "task" || item.kind === "project";

function counts(tokens: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const token of tokens) result.set(token, (result.get(token) ?? 0) + 1);
  return result;
}

function characterPairs(text: string): string[] {
  const lower = text.toLowerCase();
  if (lower.length <= 1) return lower === "" ? [] : [lower];
  return Array.from({ length: lower.length - 1 }, (_, index) => lower.slice(index, index + 2));
}

function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const left = counts(a);
  let shared = 0;
  for (const [pair, count] of counts(b)) shared += Math.min(count, left.get(pair) ?? 0);
  return (2 * shared) / (a.length + b.length);
}

/** 1 + ln((N + 1) / (df + 1)) over a corpus of token sets; every token weighs 1 when there is no corpus. */
function inverseFrequency(documents: readonly Set<string>[]): (token: string) => number {
  if (documents.length === 0) return () => 1;
  const frequency = new Map<string, number>();
  for (const document of documents) for (const token of document) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  return (token) => 1 + Math.log((documents.length + 1) / ((frequency.get(token) ?? 0) + 1));
}

function weightedJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (token: string) => number): number {
  if (a.size === 0 || b.size === 0) return a.size === b.size ? 1 : 0;
  let shared = 0;
  let all = 0;
  for (const token of new Set([...a, ...b])) {
    all += weight(token);
    if (a.has(token) && b.has(token)) shared += weight(token);
  }
  return shared / all;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, weight: (token: string) => number): number {
  const vector = (tokens: ReadonlyMap<string, number>) => new Map([...tokens].map(([token, count]) => [token, count * weight(token)]));
  const left = vector(a);
  const right = vector(b);
  const length = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, value) => sum + value * value, 0));
  const denominator = length(left) * length(right);
  if (denominator === 0) return 0;
  let product = 0;
  for (const [token, value] of left) product += value * (right.get(token) ?? 0);
  return Math.min(1, product / denominator);
}

/** The share of the smaller item's distinct tokens, by weight, that the other carries. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (token: string) => number): number {
  const sum = (tokens: ReadonlySet<string>) => [...tokens].reduce((total, token) => total + weight(token), 0);
  const smaller = Math.min(sum(a), sum(b));
  if (smaller === 0) return 0;
  const shared = [...a].filter((token) => b.has(token)).reduce((total, token) => total + weight(token), 0);
  return Math.min(1, shared / smaller);
}

/**
 * A bare title (one item's body empty, the other's not) against the other item's title and each clause of its
 * text: the best share, by weight, of the title's tokens that one of them carries.
 */
function titleContainment(title: ReadonlySet<string>, clauses: readonly ReadonlySet<string>[], weight: (token: string) => number): number {
  const sum = [...title].reduce((total, token) => total + weight(token), 0);
  if (sum === 0) return 0;
  const shares = clauses.map((clause) => [...title].filter((token) => clause.has(token)).reduce((total, token) => total + weight(token), 0));
  return Math.min(1, Math.max(0, ...shares) / sum);
}

/** The built-in scorer's definition with the default tokenizer and synonyms, over `corpus`. */
export function createReferenceScorer(corpus: readonly MatchableItem[]): Scorer {
  const options = { tokenizer: getTokenizer("bigram"), synonyms: defaultSynonyms };
  const prepared = new Map<MatchableItem, PreparedItem>();
  const prepare = (item: MatchableItem) => {
    let result = prepared.get(item);
    if (result === undefined) {
      result = prepareItem(item, options);
      prepared.set(item, result);
    }
    return result;
  };
  const contentOf = (item: PreparedItem) => new Set([...item.coreTokens, ...item.bodyTokens]);
  const termsSet = (item: PreparedItem) => new Set(termsOf(item));
  const corpusPrepared = corpus.map(prepare);
  const labelWeight = inverseFrequency(corpusPrepared.map((item) => new Set(item.coreTokens)));
  const bodyWeight = inverseFrequency(corpusPrepared.filter((item) => item.bodyTokens.length > 0).map((item) => new Set(item.bodyTokens)));
  const contentWeight = inverseFrequency(corpusPrepared.map(contentOf));
  const termWeight = inverseFrequency(corpus.filter(isWorkItem).map((item) => termsSet(prepare(item))));

  return {
    score(reference, subject) {
      const weights = isWorkItem(reference) || isWorkItem(subject) ? { ...defaultWorkItemWeights } : { ...defaultSignalWeights };
      const a = prepare(reference);
      const b = prepare(subject);
      const signals: SignalScore[] = [
        { name: "label", value: dice(characterPairs(a.core), characterPairs(b.core)), weight: weights.label },
        { name: "tokens", value: weightedJaccard(new Set(a.coreTokens), new Set(b.coreTokens), labelWeight), weight: weights.tokens },
      ];
      if (a.bodyTokens.length > 0 && b.bodyTokens.length > 0) {
        signals.push({ name: "body", value: cosine(counts(a.bodyTokens), counts(b.bodyTokens), bodyWeight), weight: weights.body });
      }
      if (weights.content > 0) {
        const titleOnly = (reference.body === "") !== (subject.body === "");
        const [title, other] = reference.body === "" ? [a, subject] : [b, reference];
        const clausesOf = (item: MatchableItem) =>
          [item.label, ...item.body.split(/[。；;，,\n]/u).filter((part) => part.trim() !== "")].map((part) => contentOf(prepare({ kind: item.kind, id: item.id, label: part, body: "", context: [] })));
        const value = titleOnly ? titleContainment(contentOf(title), clausesOf(other), contentWeight) : containment(contentOf(a), contentOf(b), contentWeight);
        signals.push({ name: "content", value, weight: weights.content });
      }
      if (weights.terms > 0) signals.push({ name: "terms", value: weightedJaccard(termsSet(a), termsSet(b), termWeight), weight: weights.terms });
      if (a.measure !== undefined && b.measure !== undefined) {
        const same = a.measure === b.measure;
        signals.push({ name: "measure", value: same ? 1 : 0, weight: weights.measure, note: same ? a.measure : `${a.measure} ≠ ${b.measure}` });
      }
      const contexts = [characterPairs(a.context), characterPairs(b.context)] as const;
      if (contexts[0].length > 0 && contexts[1].length > 0) signals.push({ name: "context", value: dice(...contexts), weight: weights.context });
      const total = signals.reduce((sum, signal) => sum + signal.weight, 0);
      const score = total === 0 ? 0 : signals.reduce((sum, signal) => sum + signal.value * signal.weight, 0) / total;
      return { score: Math.min(1, Math.max(0, score)), signals };
    },
  };
}
