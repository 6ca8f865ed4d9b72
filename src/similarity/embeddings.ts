// What a model of meaning gives the scorer: a vector for each item text. Browser-safe: the vectors may come
// from anywhere (plan-align/node's `embedPlans` asks an OpenAI-compatible endpoint for them).
import { centredUnit } from "./vectors.js";

/**
 * Vectors of item texts from a model of meaning, keyed by the text of each item as `itemText` makes it (its
 * label, and its body when it says more), so that an item finds its vector whatever object carries it. Every
 * vector has the same length. A Map of Float32Array survives the structured clone that carries audit options
 * to worker threads.
 */
export interface TextEmbeddings {
  /** The model's name, as the endpoint knows it (`bge-m3`): what the vectors are comparable under. */
  model: string;
  /** Each item text's vector. */
  vectors: ReadonlyMap<string, Float32Array>;
}

// Each embeddings' mean vector, computed once: a worker thread receives its own copy of the map per audit.
const centres = new WeakMap<TextEmbeddings, Float32Array>();

/**
 * A text's vector less the mean of every vector given, of length 1: models of meaning place all texts of one
 * field close together, and the mean is what they share. Undefined when the text has no vector, or no
 * direction of its own.
 */
export function centredVector(embeddings: TextEmbeddings, text: string): Float32Array | undefined {
  const vector = embeddings.vectors.get(text);
  if (vector === undefined) return undefined;
  let centre = centres.get(embeddings);
  if (centre === undefined) {
    centre = new Float32Array(vector.length);
    for (const each of embeddings.vectors.values()) for (let index = 0; index < centre.length; index++) centre[index]! += each[index]! / embeddings.vectors.size;
    centres.set(embeddings, centre);
  }
  return centredUnit(vector, centre);
}
