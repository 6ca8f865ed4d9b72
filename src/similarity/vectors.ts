// Sparse vectors over interned token ids: what the scorer compares per pair, built once per item so that
// scoring a pair is a merge of two sorted integer arrays rather than string lookups in maps.

const idOfToken = new Map<string, number>();

/**
 * A token's id, the same for the life of the process: ids are shared by every scorer, so that an item's
 * ids can be kept with its prepared forms and reused by every alignment it takes part in.
 */
function tokenId(token: string): number {
  let id = idOfToken.get(token);
  if (id === undefined) {
    id = idOfToken.size;
    idOfToken.set(token, id);
  }
  return id;
}

/** Distinct token ids, ascending, with how often each occurs. */
export interface TokenCounts {
  ids: Int32Array;
  counts: Int32Array;
  /** How many tokens in all (the sum of the counts). */
  total: number;
}

/** Counts tokens by id, ids ascending. */
export function countTokens(tokens: readonly string[]): TokenCounts {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const id = tokenId(token);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = Int32Array.from(counts.keys()).sort();
  return { ids, counts: Int32Array.from(ids, (id) => counts.get(id) ?? 0), total: tokens.length };
}

/** Distinct ids, ascending, of the tokens of several lists together. */
export function distinctIds(...lists: readonly TokenCounts[]): Int32Array {
  const ids = new Set<number>();
  for (const list of lists) for (const id of list.ids) ids.add(id);
  return Int32Array.from(ids).sort();
}

/** Token ids with a weight each, ascending by id, and the sum and length of the weights. */
export interface WeightedIds {
  ids: Int32Array;
  weights: Float64Array;
  sum: number;
  norm: number;
}

/** Weighs ids with `weigh(id, index)`. */
export function weighIds(ids: Int32Array, weigh: (id: number, index: number) => number): WeightedIds {
  const weights = new Float64Array(ids.length);
  let sum = 0;
  let squares = 0;
  for (let index = 0; index < ids.length; index++) {
    const weight = weigh(ids[index]!, index);
    weights[index] = weight;
    sum += weight;
    squares += weight * weight;
  }
  return { ids, weights, sum, norm: Math.sqrt(squares) };
}

/** Document frequencies over a corpus of id lists, and the inverse-frequency weight they give an id. */
export function inverseFrequency(documents: readonly Int32Array[]): (id: number) => number {
  if (documents.length === 0) return () => 1;
  // Ids are small and dense, so arrays indexed by id count faster than maps: this runs for every alignment
  // over every token of both plans.
  const frequency = new Int32Array(idOfToken.size);
  for (const ids of documents) for (const id of ids) frequency[id]! += 1;
  const count = documents.length;
  const weights = new Float64Array(idOfToken.size);
  for (const ids of documents) {
    for (const id of ids) if (weights[id] === 0) weights[id] = 1 + Math.log((count + 1) / (frequency[id]! + 1));
  }
  const unseen = 1 + Math.log(count + 1);
  return (id) => (id < weights.length && weights[id]! > 0 ? weights[id]! : unseen);
}

/**
 * One item's vector spread over an array indexed by token id, for scoring that item against many others:
 * each other item's tokens are then read once, without merging two lists per pair. Alignment scores
 * reference by reference, so one item stays spread for a whole row of pairs. The sums add the same terms
 * in the same order (ascending id) as a merge does, zeros aside, so scores are identical to the last bit.
 */
export class SpreadVector {
  private values = new Float64Array(0);
  private spread: { ids: Int32Array } | undefined;

  /** Spreads a vector's weights (or counts), clearing the one spread before; nothing to do if it is that one. */
  spreadOut(vector: WeightedIds | TokenCounts): void {
    if (this.spread === vector) return;
    if (this.spread !== undefined) for (const id of this.spread.ids) this.values[id] = 0;
    if (this.values.length < idOfToken.size) this.values = new Float64Array(Math.max(idOfToken.size, 2 * this.values.length));
    const values = "weights" in vector ? vector.weights : vector.counts;
    for (let index = 0; index < vector.ids.length; index++) this.values[vector.ids[index]!] = values[index]!;
    this.spread = vector;
  }

  /** The spread weight of the tokens `other` holds too. */
  sharedWeight(other: WeightedIds): number {
    let shared = 0;
    for (const id of other.ids) if (id < this.values.length) shared += this.values[id]!;
    return shared;
  }

  /** The dot product of the spread vector and `other`. */
  dotProduct(other: WeightedIds): number {
    let product = 0;
    for (let index = 0; index < other.ids.length; index++) {
      const id = other.ids[index]!;
      if (id < this.values.length) product += this.values[id]! * other.weights[index]!;
    }
    return product;
  }

  /** How many tokens the spread counts and `other` share, each shared occurrence once. */
  sharedOccurrences(other: TokenCounts): number {
    let shared = 0;
    for (let index = 0; index < other.ids.length; index++) {
      const id = other.ids[index]!;
      if (id < this.values.length) shared += Math.min(this.values[id]!, other.counts[index]!);
    }
    return shared;
  }
}

/** `values` less `centre`, scaled to length 1 (the sums taken in double precision); undefined when nothing is left. */
export function centredUnit(values: ArrayLike<number>, centre: ArrayLike<number>): Float32Array | undefined {
  const centred = Float64Array.from({ length: values.length }, (_, index) => values[index]! - centre[index]!);
  let squares = 0;
  for (const value of centred) squares += value * value;
  const length = Math.sqrt(squares);
  return length === 0 ? undefined : Float32Array.from(centred, (value) => value / length);
}

/** The cosine of two vectors of length 1 (or 0): their dot product. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}
