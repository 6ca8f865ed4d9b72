import { EmbeddingsError } from "./errors.js";

// One request to an OpenAI-compatible embeddings endpoint (POST {model, input: [texts]}), and its answer
// checked: one vector per text, in the order of the texts, every value a finite number.

/** How to reach the endpoint. */
export interface Endpoint {
  /** The full URL requests go to, ending in /embeddings. */
  url: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

/**
 * The URL requests go to: a base URL (`http://localhost:11434/v1`) with `/embeddings` added, or a URL that
 * already ends in `/embeddings` as it is.
 *
 * @throws EmbeddingsError `bad-url` when it is not an http or https URL
 */
export function endpointUrl(url: string, model: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EmbeddingsError("bad-url", { url, model });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new EmbeddingsError("bad-url", { url, model });
  const path = parsed.pathname.replace(/\/+$/u, "");
  // The path changes, not the string: a query (?api-version=…) stays where it is.
  parsed.pathname = path.endsWith("/embeddings") ? path : `${path}/embeddings`;
  return parsed.href;
}

/** The vectors of `texts`, in their order, from one request. */
export async function requestVectors(endpoint: Endpoint, texts: readonly string[]): Promise<Float32Array[]> {
  const { url, model, apiKey, timeoutMs } = endpoint;
  let status: number;
  let statusText: string;
  let body: string;
  try {
    // The timeout covers the whole answer, its body included.
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }) },
      body: JSON.stringify({ model, input: texts }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    ({ status, statusText } = response);
    body = await response.text();
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") {
      throw new EmbeddingsError("timeout", { url, model, seconds: timeoutMs / 1000, texts: texts.length });
    }
    throw new EmbeddingsError("unreachable", { url, model, reason: networkReason(error) });
  }
  if (status < 200 || status > 299) {
    const failure = status === 404 ? "not-found" : status === 401 || status === 403 ? "unauthorized" : "http";
    throw new EmbeddingsError(failure, { url, model, status: `${status}${statusText === "" ? "" : ` ${statusText}`}`, server: serverMessage(body) });
  }
  return vectorsOf(body, texts.length, { url, model });
}

/** Why fetch failed, from the error underneath it (fetch itself only says "fetch failed"): ECONNREFUSED, ENOTFOUND, … */
function networkReason(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (current.message !== "" && current.message !== "fetch failed") message = current.message;
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return message;
}

/**
 * What the server said, to quote in an error: the message of a JSON error body as OpenAI, Ollama, vLLM,
 * Xinference and text-embeddings-inference shape it, else the body's text, cut to 300 characters.
 */
export function serverMessage(body: string): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as unknown;
    const found = [
      (parsed as { error?: { message?: unknown } })?.error?.message,
      (parsed as { error?: unknown })?.error,
      (parsed as { message?: unknown })?.message,
      (parsed as { detail?: unknown })?.detail,
    ].find((candidate) => typeof candidate === "string");
    if (typeof found === "string") text = found;
  } catch {
    // not JSON: quoted as it is
  }
  text = text.replace(/\s+/gu, " ").trim();
  if (text === "") return "(no message)";
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The vectors an answer holds, ordered by `index` (or as listed, when no entry has one), checked against the texts sent. */
function vectorsOf(body: string, expected: number, names: { url: string; model: string }): Float32Array[] {
  const malformed = (problem: string) => new EmbeddingsError("malformed", { ...names, problem });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw malformed(`not JSON: ${serverMessage(body)}`);
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw malformed("no data list");
  if (data.length !== expected) throw new EmbeddingsError("count", { ...names, expected, received: data.length });
  const entries = data as Array<{ index?: unknown; embedding?: unknown } | null>;
  const indexed = entries.filter((entry) => entry?.index !== undefined).length;
  if (indexed !== 0 && indexed !== entries.length) throw malformed("some entries have an index and some do not");
  const ordered: unknown[] = new Array<unknown>(expected);
  entries.forEach((entry, position) => {
    const index = indexed === 0 ? position : entry?.index;
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= expected || ordered[index] !== undefined) {
      throw malformed(`entry ${position} has index ${JSON.stringify(index)}; each of 0 to ${expected - 1} must appear once`);
    }
    ordered[index] = entry?.embedding;
  });
  const length = Array.isArray(ordered[0]) ? ordered[0].length : 0;
  return ordered.map((embedding, index) => {
    if (!Array.isArray(embedding) || !embedding.every((value) => typeof value === "number")) throw malformed(`the embedding of text ${index} is not a list of numbers`);
    const unusable = (problem: string) => new EmbeddingsError("dimension", { ...names, problem });
    if (embedding.length === 0) throw unusable(`the vector of text ${index} is empty`);
    if (embedding.length !== length) throw unusable(`the vector of text ${index} has ${embedding.length} values, that of text 0 has ${length}`);
    // Past float32's range a value becomes infinite, as NaN stays NaN: neither can be compared.
    const vector = Float32Array.from(embedding as number[]);
    if (!vector.every(Number.isFinite)) throw unusable(`the vector of text ${index} holds a value that is not a finite number`);
    return vector;
  });
}
