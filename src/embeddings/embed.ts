import * as z from "zod";
import { itemTextsOf } from "../align/item-texts.js";
import { checkArguments } from "../model/input-error.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import type { TextEmbeddings } from "../similarity/embeddings.js";
import { EmbeddingsError } from "./errors.js";
import { endpointUrl, requestVectors, type Endpoint } from "./request.js";
import { openVectorCache, type VectorCache } from "./vector-cache.js";

/** Where to ask for vectors and how: an OpenAI-compatible embeddings endpoint, as Ollama, vLLM, Xinference and text-embeddings-inference serve one. */
export interface EmbeddingEndpointOptions {
  /**
   * The endpoint's base URL (`http://localhost:11434/v1`), requests going to its `/embeddings`; a URL that
   * already ends in `/embeddings` is taken as it is.
   */
  url: string;
  /** The model's name as the server knows it (`bge-m3`). */
  model: string;
  /** A key the endpoint wants, sent as `Authorization: Bearer …`. Default: none. */
  apiKey?: string;
  /** Texts per request. Default 32. */
  batchSize?: number;
  /** How long a request may take, its whole answer included, in milliseconds. Default 60,000. */
  timeoutMs?: number;
  /**
   * Requests at once. Default 1: a local server computes one batch at a time, and a request waiting behind
   * another would spend its timeout waiting.
   */
  concurrency?: number;
  /**
   * A folder where vectors are kept, by model and text, so that a text is sent once across runs. Default:
   * none, every text is sent.
   */
  cacheDir?: string;
  /** Called as batches come back: texts embedded so far and texts to embed (those not cached), from (0, total) on. */
  onProgress?: (done: number, total: number) => void;
}

const EmbeddingEndpointOptionsSchema = z
  .object({
    url: z.string().min(1),
    model: z.string().min(1),
    apiKey: z.string().min(1).optional(),
    batchSize: z.int().min(1).optional(),
    timeoutMs: z.number().positive().optional(),
    concurrency: z.int().min(1).optional(),
    cacheDir: z.string().min(1).optional(),
    onProgress: z.custom((value) => typeof value === "function", "expected a function").optional(),
  })
  .strict();

/**
 * The vectors of texts from a model of meaning behind an OpenAI-compatible embeddings endpoint: each
 * distinct text once, in batches, those cached in `cacheDir` not sent. Every vector has the same length.
 *
 * @throws InputError when an option does not match its schema
 * @throws EmbeddingsError naming the endpoint and the model when it cannot be reached, does not answer in
 * time, answers with an error, or answers with something other than one vector per text
 * @example
 * // bge-m3 served by Ollama (`ollama pull bge-m3`); the function is defined, not called, as no server runs here.
 * const meaningOf = (texts: string[]) => embedTexts(texts, { url: "http://localhost:11434/v1", model: "bge-m3" });
 */
export async function embedTexts(texts: readonly string[], options: EmbeddingEndpointOptions): Promise<TextEmbeddings> {
  checkArguments("embedTexts", { texts: [z.array(z.string()), texts], options: [EmbeddingEndpointOptionsSchema, options] });
  const { model, batchSize = 32, concurrency = 1, onProgress } = options;
  const endpoint: Endpoint = { url: endpointUrl(options.url, model), model, apiKey: options.apiKey, timeoutMs: options.timeoutMs ?? 60_000 };
  const distinct = [...new Set(texts)];
  const cache = options.cacheDir === undefined ? undefined : await openCache(options.cacheDir, endpoint);
  const found = new Map<string, Float32Array>();
  const dimension = new DimensionCheck(endpoint, cache?.folder);
  if (cache !== undefined) {
    const cached = await Promise.all(distinct.map((text) => cache.read(text)));
    distinct.forEach((text, index) => {
      const vector = cached[index];
      if (vector === undefined) return;
      dimension.check(vector, "cache");
      found.set(text, vector);
    });
  }
  const missing = distinct.filter((text) => !found.has(text));
  const batches: string[][] = [];
  for (let start = 0; start < missing.length; start += batchSize) batches.push(missing.slice(start, start + batchSize));
  let done = 0;
  if (missing.length > 0) onProgress?.(0, missing.length);
  await forEachAtMost(concurrency, batches, async (batch) => {
    const vectors = await requestVectors(endpoint, batch);
    vectors.forEach((vector) => dimension.check(vector, "endpoint"));
    batch.forEach((text, index) => found.set(text, vectors[index]!));
    // Kept as each batch comes, so that a run stopped halfway keeps what it had.
    if (cache !== undefined) {
      try {
        await Promise.all(batch.map((text, index) => cache.write(text, vectors[index]!)));
      } catch (error) {
        throw new EmbeddingsError("cache", { url: endpoint.url, model, folder: cache.folder, reason: reasonOf(error) });
      }
    }
    done += batch.length;
    onProgress?.(done, missing.length);
  });
  return { model, vectors: new Map(distinct.map((text) => [text, found.get(text)!])) };
}

/**
 * The vectors of every item text of these plans (indicators, tasks, projects and the sections that group
 * them, keyed as the scorer looks them up), from a model of meaning behind an OpenAI-compatible embeddings
 * endpoint: what `scorerOptions.embeddings` takes. Give every plan that will be compared, the plans above
 * included; each text is sent once.
 *
 * @throws InputError when a plan or an option does not match its schema
 * @throws EmbeddingsError naming the endpoint and the model, as `embedTexts` does
 * @example
 * // bge-m3 served by Ollama (`ollama pull bge-m3`), vectors kept on disk between runs; defined, not called, as no server runs here.
 * async function alignByMeaning(reference: Plan, subject: Plan) {
 *   const embeddings = await embedPlans([reference, subject], { url: "http://localhost:11434/v1", model: "bge-m3", cacheDir: "embeddings-cache" });
 *   return alignPlans(reference, subject, { scorerOptions: { embeddings } });
 * }
 */
export async function embedPlans(plans: readonly Plan[], options: EmbeddingEndpointOptions): Promise<TextEmbeddings> {
  checkArguments("embedPlans", { plans: [z.array(PlanSchema), plans] });
  return embedTexts(itemTextsOf(plans), options);
}

async function openCache(cacheDir: string, endpoint: Endpoint): Promise<VectorCache> {
  try {
    return await openVectorCache(cacheDir, endpoint.model);
  } catch (error) {
    throw new EmbeddingsError("cache", { url: endpoint.url, model: endpoint.model, folder: cacheDir, reason: reasonOf(error) });
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error));

/** Holds every vector to the length of the first, saying whether the cache or the endpoint differs. */
class DimensionCheck {
  private first: { length: number; from: "cache" | "endpoint" } | undefined;

  constructor(private readonly endpoint: Endpoint, private readonly folder: string | undefined) {}

  check(vector: Float32Array, from: "cache" | "endpoint"): void {
    this.first ??= { length: vector.length, from };
    if (vector.length === this.first.length) return;
    const { url, model } = this.endpoint;
    if (from === "endpoint" && this.first.from === "endpoint") {
      throw new EmbeddingsError("dimension", { url, model, problem: `vectors of ${this.first.length} and of ${vector.length} values` });
    }
    // One of the two lengths is the cache's: it holds vectors of another model that had the same name.
    throw new EmbeddingsError("stale-cache", { url, model, folder: this.folder ?? "", lengths: `${this.first.length} and ${vector.length}` });
  }
}

/** Runs `work` on every item, at most `limit` at once; stops starting new ones at the first failure, and throws it once those running are done. */
async function forEachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
