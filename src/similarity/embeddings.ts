// What a model of meaning gives the scorer: a vector for each item text. Browser-safe: the vectors may come
// from anywhere (plan-align/node's `embedPlans` asks an OpenAI-compatible endpoint for them).

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
