/**
 * What went wrong asking an embeddings endpoint for vectors:
 * - `bad-url`: the URL is not an http or https URL;
 * - `unreachable`: no answer at all (connection refused, host not found, connection dropped);
 * - `timeout`: no whole answer within the timeout;
 * - `not-found`: 404, a wrong path or a model the server does not have;
 * - `unauthorized`: 401 or 403, a key missing or refused;
 * - `http`: any other status that is not success;
 * - `malformed`: an answer that is not OpenAI's embeddings response;
 * - `count`: not one vector for each text sent;
 * - `dimension`: vectors of different lengths, or holding values that are not finite numbers;
 * - `stale-cache`: vectors cached for the model and those of the endpoint are not all of one length;
 * - `cache`: the cache folder cannot be made or written.
 */
export type EmbeddingFailure =
  | "bad-url" | "unreachable" | "timeout" | "not-found" | "unauthorized" | "http" | "malformed" | "count" | "dimension" | "stale-cache" | "cache";

/**
 * The error `embedTexts` and `embedPlans` throw when the endpoint cannot give the vectors. Its message names
 * the endpoint and the model and says what to do; `failure` says which case it is and `values` holds what
 * the message is made of (`url`, `model`, and per case `status`, `server`, `seconds`, …), so that a program
 * can word it its own way, as the command line does in Chinese.
 */
export class EmbeddingsError extends Error {
  override readonly name: string = "EmbeddingsError";

  constructor(
    /** Which case it is. */
    readonly failure: EmbeddingFailure,
    /** What the message says: always `url` and `model`, and the case's own values. */
    readonly values: Readonly<Record<string, string | number>>,
  ) {
    super(describeFailure(failure, values));
  }
}

/** A failure as the library words it, naming its options (`timeoutMs`, `apiKey`). */
function describeFailure(failure: EmbeddingFailure, values: Readonly<Record<string, string | number>>): string {
  const { url, model } = values;
  const answered = `the embeddings endpoint ${url} answered ${values.status} for model ${model}: ${values.server}`;
  switch (failure) {
    case "bad-url":
      return `embeddings endpoint "${url}": not an http or https URL; give the endpoint's base URL, such as http://localhost:11434/v1`;
    case "unreachable":
      return `cannot get an answer from the embeddings endpoint ${url} (${values.reason}): is a server running there, serving model ${model}?`;
    case "timeout":
      return `the embeddings endpoint ${url} did not answer within ${values.seconds} s for ${values.texts} texts of model ${model}: raise timeoutMs, or lower batchSize`;
    case "not-found":
      return `${answered}. Check that the server has the model (Ollama: ollama pull ${model}) and that the URL is its OpenAI-compatible base, which ends in /v1 on Ollama, vLLM, Xinference and text-embeddings-inference`;
    case "unauthorized":
      return `${answered}. The endpoint wants a key it accepts: give it as apiKey`;
    case "http":
      return answered;
    case "malformed":
      return `the embeddings endpoint ${url} did not answer as OpenAI's embeddings API does ({ data: [{ index, embedding }] }) for model ${model}: ${values.problem}`;
    case "count":
      return `the embeddings endpoint ${url} gave ${values.received} vectors for ${values.expected} texts of model ${model}`;
    case "dimension":
      return `the embeddings endpoint ${url} gave unusable vectors for model ${model}: ${values.problem}`;
    case "stale-cache":
      return `the vectors of model ${model} cached in ${values.folder} and those the endpoint ${url} gives are not all of one length (${values.lengths}): the model behind the name has changed; remove that folder`;
    case "cache":
      return `cannot keep the vectors of model ${model} in ${values.folder} (${values.reason}): give another cache folder, or none`;
  }
}
