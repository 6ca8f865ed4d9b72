// Topic evidence learned from the plans at hand, without labels: latent semantic analysis (LSA) over the
// character pairs of item texts. Two items that share few words but stand in the same topic (救援队伍 and
// 应急力量, 隐患排查 and 风险防控) come out close, because other items of the plans use those words together.
// Written here rather than taken from a linear-algebra package: what it needs (a sparse product, Gram-Schmidt,
// a Cholesky factor) is short, and such a package would not fit the browser bundle's budget.
import { lru, type LRU } from "tiny-lru";
import { tokenizeBigrams } from "../text/tokenize.js";
import { normalizeText } from "../text/normalize.js";
import { centredUnit } from "./vectors.js";

/**
 * A topic space fitted on item texts (`fitTopicModel`): plain data, so it crosses to worker threads; its
 * arrays may live in shared memory, so that a batch's threads share one copy.
 */
export interface TopicModel {
  /** Made from what it was fitted on: equal models have equal ids, and threads reuse what they built for one. */
  id: string;
  /** The dimensions of the space: at most the dimensions asked for, fewer when there are few texts. */
  dimensions: number;
  /** How many texts it was fitted on (at most `maxFittedTexts`). */
  texts: number;
  /**
   * The character pairs it knows (those in two texts or more), one a line, in the order of `weights` and
   * `projection`'s rows: one string, which crosses to a thread at the cost of one copy.
   */
  terms: string;
  /** Each term's inverse document frequency. */
  weights: Float32Array;
  /** Terms × dimensions: a text's weighted terms times this, times `factor`'s inverse, are its coordinates. */
  projection: Float32Array;
  /** Dimensions × dimensions, lower triangular: what makes the coordinates orthonormal. */
  factor: Float32Array;
  /** The mean of the fitted texts' coordinates, taken from every vector: what all emergency plans share. */
  centre: Float32Array;
}

/** Options of `fitTopicModel`. */
export interface TopicModelOptions {
  /** Dimensions of the topic space. Default 100 (docs/matching.md, "Topic evidence"). */
  dimensions?: number;
}

const defaultDimensions = 100;
/**
 * The most texts a space is fitted on; beyond, an even sample of them in their order (the rest are projected
 * like any new text). A province's batch has thousands of items, and the fit's cost grows with them while
 * what it learns of which words go together does not. The bundled plans have 461, fitted whole.
 */
export const maxFittedTexts = 600;
// Power iterations sharpen the randomized range finder towards the leading singular vectors.
const powerIterations = 3;

/**
 * Fits a topic space on texts: TF-IDF of character pairs, reduced to its leading dimensions by a randomized
 * truncated SVD (a seeded generator, so the same texts give the same space). The texts' order matters only
 * through that generator.
 *
 * @example
 * const model = fitTopicModel(["加强救援队伍建设", "建设应急救援队伍", "开展隐患排查治理"], { dimensions: 2 });
 * model.dimensions; // 2
 */
export function fitTopicModel(texts: readonly string[], options: TopicModelOptions = {}): TopicModel {
  const stride = Math.ceil(texts.length / maxFittedTexts);
  const fitted = stride > 1 ? texts.filter((_, position) => position % stride === 0) : texts;
  const counted = fitted.map(countPairs);
  const documentFrequency = new Map<string, number>();
  for (const counts of counted) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  // A pair found in one text alone relates it to nothing else.
  const terms = [...documentFrequency].filter(([, frequency]) => frequency >= 2).map(([term]) => term);
  const index = new Map(terms.map((term, position) => [term, position]));
  const weights = Float32Array.from(terms, (term) => Math.log((fitted.length + 1) / (documentFrequency.get(term)! + 1)) + 1);
  const rows = counted.map((counts) => weighRow(counts, index, weights)).filter((row) => row.terms.length > 0);
  const dimensions = Math.max(0, Math.min(options.dimensions ?? defaultDimensions, rows.length - 1, terms.length));
  const empty = { id: "empty", dimensions: 0, texts: fitted.length, terms: "", weights: new Float32Array(0), projection: new Float32Array(0), factor: new Float32Array(0), centre: new Float32Array(0) };
  if (dimensions === 0) return empty;

  // Subspace iteration from a random start: (A Aᵀ)^q Ω, its columns made independent at each step (Halko,
  // Martinsson, Tropp 2011). The basis need only span the leading subspace: the Cholesky factor below makes
  // the coordinates orthonormal whatever basis spans it.
  const random = seededRandom(0x5eed);
  const start = new Float64Array(rows.length * dimensions);
  for (let position = 0; position < start.length; position++) start[position] = random() * 2 - 1;
  let basis = orthonormalize(start, dimensions);
  for (let step = 0; step < powerIterations; step++) basis = orthonormalize(multiply(rows, multiply(rows, basis, dimensions, true, terms.length), dimensions), dimensions);
  // The space is the row space of B = Qᵀ A: project onto Bᵀ, then make the coordinates orthonormal with the
  // Cholesky factor L of B Bᵀ (coordinates x Bᵀ L⁻ᵀ).
  const termsByDimension = multiply(rows, basis, dimensions, true, terms.length);
  const factor = cholesky(gramOf(rows, basis, termsByDimension, dimensions), dimensions);
  if (factor === undefined) return empty;
  // The centre is the mean text's place: coordinates are linear in a text's (unit) row.
  const meanRow = new Map<number, number>();
  for (const row of rows) for (let entry = 0; entry < row.terms.length; entry++) meanRow.set(row.terms[entry]!, (meanRow.get(row.terms[entry]!) ?? 0) + row.values[entry]! / fitted.length);
  // Made of what the fit computed, so equal fits have equal ids and different ones, in practice, do not.
  const id = `${fitted.length}:${dimensions}:${terms.length}:${termsByDimension[0]}:${termsByDimension[termsByDimension.length - 1]}`;
  const model: TopicModel = { id, dimensions, texts: fitted.length, terms: terms.join("\n"), weights: shared(weights), projection: shared(termsByDimension), factor: shared(factor), centre: new Float32Array(dimensions) };
  const mean = [...meanRow];
  model.centre = Float32Array.from(project(model, { terms: Int32Array.from(mean, ([term]) => term), values: Float64Array.from(mean, ([, value]) => value) }));
  return model;
}

// A text's vector is asked for once per item and alignment, and the same items come back in every alignment
// of a batch. Kept by model id, as a model sent to a worker thread arrives as a new object for each audit.
const byModel = lru<{ index: Map<string, number>; vectors: LRU<Float32Array> }>(4);

function lookupsOf(model: TopicModel) {
  let lookups = byModel.get(model.id);
  if (lookups === undefined) {
    lookups = { index: new Map(model.terms === "" ? [] : model.terms.split("\n").map((term, position) => [term, position])), vectors: lru(20_000) };
    byModel.set(model.id, lookups);
  }
  return lookups;
}

/**
 * A text's place in the topic space, centred and of length 1; all zeros when it shares no known term. Texts
 * the model was not fitted on are folded in.
 */
export function topicVector(model: TopicModel, text: string): Float32Array {
  const cache = lookupsOf(model).vectors;
  let vector = cache.get(text);
  if (vector === undefined) {
    const coordinates = coordinatesOf(model, text);
    // A text with no known term has no place, rather than the place opposite the centre.
    const place = coordinates.every((value) => value === 0) ? undefined : centredUnit(coordinates, model.centre);
    vector = place ?? new Float32Array(model.dimensions);
    cache.set(text, vector);
  }
  return vector;
}

/** A sparse row of the term matrix: term positions (in no particular order) and their weights, of length 1. */
interface Row {
  terms: Int32Array;
  values: Float64Array;
}

function countPairs(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pair of tokenizeBigrams(normalizeText(text))) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  return counts;
}

// Sublinear term frequency: a pair said five times is not five times the evidence.
function weighRow(counts: ReadonlyMap<string, number>, index: ReadonlyMap<string, number>, weights: Float32Array): Row {
  const terms: number[] = [];
  const values: number[] = [];
  let squares = 0;
  for (const [term, count] of counts) {
    const position = index.get(term);
    if (position === undefined) continue;
    const value = (1 + Math.log(count)) * weights[position]!;
    terms.push(position);
    values.push(value);
    squares += value * value;
  }
  const length = Math.sqrt(squares);
  return { terms: Int32Array.from(terms), values: Float64Array.from(values, (value) => value / length) };
}

function coordinatesOf(model: TopicModel, text: string): Float64Array {
  return project(model, weighRow(countPairs(text), lookupsOf(model).index, model.weights));
}

/** A row's coordinates in the space: x Bᵀ, then L y = x Bᵀ solved for y. */
function project(model: TopicModel, row: Row): Float64Array {
  const { dimensions, projection, factor } = model;
  const projected = new Float64Array(dimensions);
  for (let entry = 0; entry < row.terms.length; entry++) {
    const value = row.values[entry]!;
    const offset = row.terms[entry]! * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension++) projected[dimension]! += value * projection[offset + dimension]!;
  }
  for (let line = 0; line < dimensions; line++) {
    let sum = projected[line]!;
    for (let column = 0; column < line; column++) sum -= factor[line * dimensions + column]! * projected[column]!;
    projected[line] = sum / factor[line * dimensions + line]!;
  }
  return projected;
}

/**
 * A (rows × terms, sparse) times M (terms × k, dense), rows × k; or, `transposed`, Aᵀ times M (rows × k),
 * terms × k.
 */
function multiply(rows: readonly Row[], matrix: Float64Array, k: number, transposed = false, termCount = 0): Float64Array {
  const result = new Float64Array((transposed ? termCount : rows.length) * k);
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const { terms, values } = rows[rowIndex]!;
    for (let entry = 0; entry < terms.length; entry++) {
      const value = values[entry]!;
      const [to, from] = transposed ? [terms[entry]! * k, rowIndex * k] : [rowIndex * k, terms[entry]! * k];
      for (let column = 0; column < k; column++) result[to + column]! += value * matrix[from + column]!;
    }
  }
  return result;
}

/** B Bᵀ where Bᵀ = Aᵀ Q is given: Qᵀ (A Bᵀ), k × k. */
function gramOf(rows: readonly Row[], basis: Float64Array, termsByDimension: Float64Array, k: number): Float64Array {
  const product = multiply(rows, termsByDimension, k);
  const gram = new Float64Array(k * k);
  for (let row = 0; row < rows.length; row++) {
    for (let i = 0; i < k; i++) {
      const q = basis[row * k + i]!;
      for (let j = 0; j < k; j++) gram[i * k + j]! += q * product[row * k + j]!;
    }
  }
  return gram;
}

/** Orthonormal columns spanning M's (rows × k), by modified Gram-Schmidt. */
function orthonormalize(matrix: Float64Array, k: number): Float64Array {
  const rows = matrix.length / k;
  // Each column contiguous, so that the dot products run along memory.
  const columns = Array.from({ length: k }, (_, column) => Float64Array.from({ length: rows }, (_, row) => matrix[row * k + column]!));
  for (let column = 0; column < k; column++) {
    const current = columns[column]!;
    for (let earlier = 0; earlier < column; earlier++) {
      const previous = columns[earlier]!;
      let dot = 0;
      for (let row = 0; row < rows; row++) dot += current[row]! * previous[row]!;
      for (let row = 0; row < rows; row++) current[row]! -= dot * previous[row]!;
    }
    let squares = 0;
    for (let row = 0; row < rows; row++) squares += current[row]! ** 2;
    const length = Math.sqrt(squares);
    for (let row = 0; row < rows; row++) current[row] = length < 1e-12 ? 0 : current[row]! / length;
  }
  for (let column = 0; column < k; column++) for (let row = 0; row < rows; row++) matrix[row * k + column] = columns[column]![row]!;
  return matrix;
}

/** The lower-triangular L with L Lᵀ = G (k × k), a small ridge keeping it defined; undefined if G is empty. */
function cholesky(gram: Float64Array, k: number): Float64Array | undefined {
  let largest = 0;
  for (let i = 0; i < k; i++) largest = Math.max(largest, gram[i * k + i]!);
  if (largest === 0) return undefined;
  const ridge = largest * 1e-9;
  const factor = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = gram[i * k + j]! + (i === j ? ridge : 0);
      for (let m = 0; m < j; m++) sum -= factor[i * k + m]! * factor[j * k + m]!;
      factor[i * k + j] = i === j ? Math.sqrt(Math.max(sum, ridge)) : sum / factor[j * k + j]!;
    }
  }
  return factor;
}

/** A copy in shared memory where the platform has it: worker threads then share one copy of the model. */
function shared(values: ArrayLike<number>): Float32Array {
  const buffer = typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(values.length * 4) : new ArrayBuffer(values.length * 4);
  const copy = new Float32Array(buffer);
  copy.set(values);
  return copy;
}

/** A small seeded generator (mulberry32): the same fit on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
