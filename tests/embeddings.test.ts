import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { itemTextsOf } from "../src/align/item-texts.js";
import { embedPlans, embedTexts, EmbeddingsError, getBundledPlan, InputError, type EmbeddingEndpointOptions } from "../src/node.js";
import { TextEmbeddingsSchema } from "../src/model/options.js";
import type { TextEmbeddings } from "../src/similarity/embeddings.js";
import { createScorer } from "../src/similarity/scorer.js";
import type { MatchableItem } from "../src/similarity/types.js";

// The client of an OpenAI-compatible embeddings endpoint, against a local HTTP server that answers as
// Ollama, vLLM, Xinference and text-embeddings-inference do, with stand-in vectors: a hash of the model's
// name and the text spread over 16 dimensions. These vectors mean nothing, so these tests check the
// protocol (requests, batches, the cache, timeouts, errors), not the quality of matching by meaning.

const dimensions = 16;

/** The stand-in vector of a text: deterministic, different for each text and each model. */
function standInVector(model: string, text: string, length = dimensions): number[] {
  const digest = createHash("sha256").update(`${model}\u0000${text}`).digest();
  return Array.from({ length }, (_, index) => (digest[index % digest.length]! - 128) / 128);
}

interface Received {
  path: string;
  model: string;
  input: string[];
  authorization: string | undefined;
}

/** How the server answers a request, given what it received; by default with every vector, listed last first. */
type Answer = (request: Received, response: ServerResponse) => void;

const answerWithVectors: Answer = ({ model, input }, response) => {
  const data = input.map((text, index) => ({ object: "embedding", index, embedding: standInVector(model, text) }));
  // Listed in reverse: the client must order them by index, as the API promises only the index.
  sendJson(response, 200, { object: "list", model, data: data.reverse(), usage: { prompt_tokens: 0, total_tokens: 0 } });
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

let server: Server;
let baseUrl: string;
let answer: Answer = answerWithVectors;
const received: Received[] = [];

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const { model, input } = JSON.parse(body) as { model: string; input: string[] };
      const entry = { path: request.url ?? "", model, input, authorization: request.headers.authorization };
      received.push(entry);
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  answer = answerWithVectors;
  received.length = 0;
});

const options = (more: Partial<EmbeddingEndpointOptions> = {}): EmbeddingEndpointOptions => ({ url: baseUrl, model: "stand-in", ...more });

/** The EmbeddingsError a call fails with. */
async function failureOf(call: Promise<unknown>): Promise<EmbeddingsError> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(EmbeddingsError);
  return error as EmbeddingsError;
}

describe("embedTexts", () => {
  it("sends each distinct text once, in batches, and gives each text its vector in order of the index", async () => {
    const texts = ["甲", "乙", "丙", "甲", "丁", "戊"];
    const embeddings = await embedTexts(texts, options({ batchSize: 2, concurrency: 1 }));
    expect(received.map((request) => request.input)).toEqual([["甲", "乙"], ["丙", "丁"], ["戊"]]);
    expect(received.every((request) => request.path === "/v1/embeddings" && request.model === "stand-in" && request.authorization === undefined)).toBe(true);
    expect(embeddings.model).toBe("stand-in");
    expect([...embeddings.vectors.keys()]).toEqual(["甲", "乙", "丙", "丁", "戊"]);
    for (const [text, vector] of embeddings.vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect([...vector]).toEqual([...Float32Array.from(standInVector("stand-in", text))]);
    }
  });

  it("makes ceil(N / batchSize) requests, several at once when allowed, and reports progress in texts", async () => {
    const texts = Array.from({ length: 70 }, (_, index) => `任务${index}`);
    const progress: Array<[number, number]> = [];
    const embeddings = await embedTexts(texts, options({ batchSize: 32, concurrency: 3, onProgress: (done, total) => progress.push([done, total]) }));
    expect(received.map((request) => request.input.length).sort((a, b) => a - b)).toEqual([6, 32, 32]);
    expect(embeddings.vectors.size).toBe(70);
    expect(progress[0]).toEqual([0, 70]);
    expect(progress.at(-1)).toEqual([70, 70]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
  });

  it("takes a URL that ends in /embeddings as it is, adds /embeddings to a base URL's path, and sends the key as a bearer token", async () => {
    await embedTexts(["甲"], options({ url: `${baseUrl}/embeddings/`, apiKey: "sk-local" }));
    expect(received).toEqual([{ path: "/v1/embeddings", model: "stand-in", input: ["甲"], authorization: "Bearer sk-local" }]);
    // A query stays after the path.
    await embedTexts(["乙"], options({ url: `${baseUrl}?api-version=1` }));
    expect(received[1]?.path).toBe("/v1/embeddings?api-version=1");
  });

  it("refuses options that do not match their schema, and a URL that is not http", async () => {
    await expect(embedTexts(["甲"], options({ batchSize: 0 }))).rejects.toThrow(InputError);
    await expect(embedTexts(["甲"], { url: baseUrl } as EmbeddingEndpointOptions)).rejects.toThrow(/options\.model/u);
    const error = await failureOf(embedTexts(["甲"], options({ url: "localhost:11434/v1" })));
    expect(error.failure).toBe("bad-url");
    expect(received).toEqual([]);
  });
});

describe("the disk cache", () => {
  let cacheDir: string;
  beforeEach(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), "plan-align-embeddings-"));
    return () => rm(cacheDir, { recursive: true, force: true });
  });
  const files = async () => {
    const [folder] = await readdir(cacheDir);
    return (await readdir(path.join(cacheDir, folder!))).map((name) => path.join(cacheDir, folder!, name));
  };

  it("keeps every vector, so that a second run sends nothing and gives the same vectors", async () => {
    const texts = ["甲", "乙", "丙"];
    const first = await embedTexts(texts, options({ cacheDir }));
    expect(received).toHaveLength(1);
    expect(await files()).toHaveLength(3);
    received.length = 0;
    const progress: number[] = [];
    const second = await embedTexts(texts, options({ cacheDir, onProgress: (done) => progress.push(done) }));
    expect(received).toEqual([]);
    expect(progress).toEqual([]);
    expect(second).toEqual(first);
  });

  it("keys vectors by model: another model's name finds none of them", async () => {
    await embedTexts(["甲", "乙"], options({ cacheDir }));
    received.length = 0;
    const other = await embedTexts(["甲", "乙"], options({ cacheDir, model: "another" }));
    expect(received.map((request) => [request.model, request.input])).toEqual([["another", ["甲", "乙"]]]);
    expect([...other.vectors.get("甲")!]).toEqual([...Float32Array.from(standInVector("another", "甲"))]);
    expect(await readdir(cacheDir)).toHaveLength(2);
  });

  it("takes an entry cut short, damaged or empty as not cached, asks again for that text alone and writes it anew", async () => {
    const texts = ["甲", "乙", "丙", "丁"];
    const first = await embedTexts(texts, options({ cacheDir }));
    const [cut, damaged, empty] = await files();
    await writeFile(cut!, (await readFile(cut!)).subarray(0, 20));
    await writeFile(damaged!, Buffer.from("not a vector at all, just text"));
    await writeFile(empty!, "");
    // A temporary file left by a write that never finished is not read.
    await writeFile(`${cut!}.1234`, "half");
    received.length = 0;
    const second = await embedTexts(texts, options({ cacheDir }));
    expect(received).toHaveLength(1);
    expect(received[0]!.input).toHaveLength(3);
    expect(second).toEqual(first);
    received.length = 0;
    await embedTexts(texts, options({ cacheDir }));
    expect(received).toEqual([]);
  });

  it("says the cache is stale when the model behind a name gives vectors of another length", async () => {
    await embedTexts(["甲"], options({ cacheDir }));
    answer = ({ model, input }, response) => sendJson(response, 200, { data: input.map((text, index) => ({ index, embedding: standInVector(model, text, 8) })) });
    const error = await failureOf(embedTexts(["甲", "乙"], options({ cacheDir })));
    expect(error.failure).toBe("stale-cache");
    expect(error.message).toContain(cacheDir);
    expect(error.message).toContain("16 and 8");
  });

  it("says so when its folder cannot be made", async () => {
    const file = path.join(cacheDir, "a-file");
    await writeFile(file, "");
    const error = await failureOf(embedTexts(["甲"], options({ cacheDir: path.join(file, "cache") })));
    expect(error.failure).toBe("cache");
    expect(error.message).toMatch(/ENOTDIR|EEXIST/u);
    expect(received).toEqual([]);
  });
});

describe("errors name the endpoint and the model and say what to do", () => {
  it("when the server does not answer in time", async () => {
    answer = () => undefined; // never answers
    const error = await failureOf(embedTexts(["甲", "乙"], options({ timeoutMs: 300 })));
    expect(error.failure).toBe("timeout");
    expect(error.message).toBe(`the embeddings endpoint ${baseUrl}/embeddings did not answer within 0.3 s for 2 texts of model stand-in: raise timeoutMs, or lower batchSize`);
  });

  it("when nothing listens at the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(embedTexts(["甲"], options({ url: `http://127.0.0.1:${port}/v1` })));
    expect(error.failure).toBe("unreachable");
    expect(error.message).toBe(`cannot get an answer from the embeddings endpoint http://127.0.0.1:${port}/v1/embeddings (ECONNREFUSED): is a server running there, serving model stand-in?`);
  });

  it("when the server answers 500, quoting its message", async () => {
    answer = (_, response) => sendJson(response, 500, { object: "error", message: "CUDA out of memory", type: "InternalServerError" });
    const error = await failureOf(embedTexts(["甲"], options()));
    expect(error.failure).toBe("http");
    expect(error.values).toMatchObject({ status: "500 Internal Server Error", server: "CUDA out of memory" });
    expect(error.message).toBe(`the embeddings endpoint ${baseUrl}/embeddings answered 500 Internal Server Error for model stand-in: CUDA out of memory`);
  });

  it("when the model is not there (404), saying how to get it", async () => {
    answer = ({ model }, response) => sendJson(response, 404, { error: { message: `model "${model}" not found, try pulling it first`, type: "api_error" } });
    const error = await failureOf(embedTexts(["甲"], options()));
    expect(error.failure).toBe("not-found");
    expect(error.message).toContain('404 Not Found for model stand-in: model "stand-in" not found, try pulling it first');
    expect(error.message).toContain("ollama pull stand-in");
  });

  it("when a key is wanted (401)", async () => {
    answer = (_, response) => response.writeHead(401).end("Unauthorized\n");
    const error = await failureOf(embedTexts(["甲"], options()));
    expect(error.failure).toBe("unauthorized");
    expect(error.message).toContain("answered 401 Unauthorized for model stand-in: Unauthorized. The endpoint wants a key it accepts: give it as apiKey");
  });

  it("when the answer is not JSON, or not OpenAI's shape", async () => {
    answer = (_, response) => response.writeHead(200, { "content-type": "text/html" }).end("<html>a proxy's page</html>");
    expect((await failureOf(embedTexts(["甲"], options()))).values).toMatchObject({ problem: "not JSON: <html>a proxy's page</html>" });
    answer = (_, response) => sendJson(response, 200, { embeddings: [[0.1, 0.2]] });
    const error = await failureOf(embedTexts(["甲"], options()));
    expect(error.failure).toBe("malformed");
    expect(error.message).toContain("no data list");
    answer = ({ input }, response) => sendJson(response, 200, { data: input.map(() => ({ index: 0, embedding: [0.1] })) });
    expect((await failureOf(embedTexts(["甲", "乙"], options()))).message).toContain("each of 0 to 1 must appear once");
  });

  it("when the answer has not one vector per text", async () => {
    answer = ({ model, input }, response) => sendJson(response, 200, { data: input.slice(1).map((text, index) => ({ index, embedding: standInVector(model, text) })) });
    const error = await failureOf(embedTexts(["甲", "乙", "丙"], options()));
    expect(error.failure).toBe("count");
    expect(error.message).toBe(`the embeddings endpoint ${baseUrl}/embeddings gave 2 vectors for 3 texts of model stand-in`);
  });

  it("when vectors differ in length, within an answer or from one batch to the next", async () => {
    answer = ({ model, input }, response) => sendJson(response, 200, { data: input.map((text, index) => ({ index, embedding: standInVector(model, text, 4 + index) })) });
    expect((await failureOf(embedTexts(["甲", "乙"], options()))).values).toMatchObject({ problem: "the vector of text 1 has 5 values, that of text 0 has 4" });
    let batches = 0;
    answer = ({ model, input }, response) => {
      const length = batches++ === 0 ? 4 : 6;
      sendJson(response, 200, { data: input.map((text, index) => ({ index, embedding: standInVector(model, text, length) })) });
    };
    const error = await failureOf(embedTexts(["甲", "乙"], options({ batchSize: 1, concurrency: 1 })));
    expect(error.failure).toBe("dimension");
    expect(error.values.problem).toBe("vectors of 4 and of 6 values");
  });
});

describe("embedPlans", () => {
  it("asks for the text of every item of the plans, each once", async () => {
    const plans = [getBundledPlan("national"), getBundledPlan("daixian")];
    const embeddings = await embedPlans(plans, options({ batchSize: 64 }));
    const sent = received.flatMap((request) => request.input);
    expect(sent.sort()).toEqual(itemTextsOf(plans).sort());
    expect(new Set(sent).size).toBe(sent.length);
    expect(embeddings.vectors.size).toBe(sent.length);
    // A task's title and text, an indicator's name, and a section with the titles under it.
    const daixian = getBundledPlan("daixian");
    expect(embeddings.vectors.has(daixian.indicators[0]!.name)).toBe(true);
    expect(sent.some((text) => text.startsWith(`${daixian.tasks[0]!.title}\n`))).toBe(true);
  });

  it("gives what the scorer options' schema takes, and what survives the clone to a worker thread", async () => {
    const embeddings = await embedPlans([getBundledPlan("daixian")], options({ batchSize: 64 }));
    expect(TextEmbeddingsSchema.safeParse(embeddings).success).toBe(true);
    expect(TextEmbeddingsSchema.safeParse(structuredClone(embeddings)).success).toBe(true);
    expect(structuredClone(embeddings)).toEqual(embeddings);
    const first = [...embeddings.vectors.keys()][0]!;
    const refused = [
      { model: "m", vectors: { [first]: new Float32Array(2) } },
      { model: "m", vectors: new Map([[first, [0.1, 0.2]]]) },
      { model: "m", vectors: new Map([["a", new Float32Array(2)], ["b", new Float32Array(3)]]) },
      { model: "", vectors: new Map() },
    ];
    for (const value of refused) expect(TextEmbeddingsSchema.safeParse(value).success).toBe(false);
  });
});

describe("the meaning signal", () => {
  const embeddingsOf = (vectors: Record<string, number[]>): TextEmbeddings => ({ model: "stand-in", vectors: new Map(Object.entries(vectors).map(([text, vector]) => [text, Float32Array.from(vector)])) });
  const task = (id: string, label: string): MatchableItem => ({ kind: "task", id, label, body: "", context: [] });

  it("compares vectors less their mean, so what every text shares does not make two alike", () => {
    // Every vector shares a large first component; only the second and third tell the texts apart.
    const embeddings = embeddingsOf({ 甲: [10, 1, 0], 乙: [10, 0.9, 0.1], 丙: [10, -1, 0], 丁: [10, 0, -1] });
    const scorer = createScorer({ embeddings, weights: { label: 0, body: 0, content: 0, terms: 0 } });
    const meaning = (a: string, b: string) => scorer.score(task("a", a), task("b", b)).signals.find((signal) => signal.name === "meaning");
    expect(meaning("甲", "乙")?.value).toBeGreaterThan(0.8);
    expect(meaning("甲", "丙")?.value).toBe(0);
    expect(meaning("甲", "乙")?.weight).toBe(0.5);
    expect(meaning("甲", "戊")).toBeUndefined();
  });

  it("is absent without vectors, and for indicators and groups by default", () => {
    const embeddings = embeddingsOf({ 甲: [1, 0], 乙: [0, 1] });
    expect(createScorer().score(task("a", "甲"), task("b", "乙")).signals.some((signal) => signal.name === "meaning")).toBe(false);
    const indicator = (id: string, label: string): MatchableItem => ({ kind: "indicator", id, label, body: "", context: [] });
    expect(createScorer({ embeddings }).score(indicator("a", "甲"), indicator("b", "乙")).signals.some((signal) => signal.name === "meaning")).toBe(false);
  });
});

describe("the command line with a model of meaning", () => {
  const root = path.join(import.meta.dirname, "..");
  // Asynchronous: the stand-in server answers from this process while the command runs.
  const runCli = async (args: readonly string[], { key = "", preload = [] }: { key?: string; preload?: readonly string[] } = {}) => {
    const node = ["--import", "tsx", ...preload.flatMap((module) => ["--import", module])];
    const result = await promisify(execFile)(process.execPath, [...node, path.join(root, "src/cli/main.ts"), ...args], {
      cwd: root, encoding: "utf8", env: { ...process.env, PLAN_ALIGN_EMBEDDINGS_KEY: key }, maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ status: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    return result;
  };
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), "plan-align-embeddings-cli-"));
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  it("compare embeds every item of both plans, then aligns them; a second run finds them in the cache", { timeout: 120_000 }, async () => {
    const args = ["compare", "daixian", "nanyang", "--embeddings-url", baseUrl, "--embeddings-model", "stand-in", "--embeddings-cache", cacheDir, "-f", "json"];
    const first = await runCli(args);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const alignment = JSON.parse(first.stdout) as { matches: { kind: string; signals: { name: string; weight: number }[] }[]; settings: { meaning: string | null } };
    expect(alignment).toMatchObject({ reference: { id: "daixian" }, subject: { id: "nanyang" }, settings: { meaning: "stand-in" } });
    // The vectors reach the scorer: task matches carry the meaning signal with its weight.
    expect(alignment.matches.filter((match) => match.kind === "task").every((match) => match.signals.some((signal) => signal.name === "meaning" && signal.weight === 0.5))).toBe(true);
    const sent = received.flatMap((request) => request.input);
    expect(sent.sort()).toEqual(itemTextsOf([getBundledPlan("daixian"), getBundledPlan("nanyang")]).sort());
    expect(received.every((request) => request.model === "stand-in" && request.input.length <= 32)).toBe(true);
    received.length = 0;
    expect((await runCli(args)).status).toBe(0);
    expect(received).toEqual([]);
  });

  it("shows a progress bar on a terminal while it embeds", { timeout: 120_000 }, async () => {
    const stderrIsTerminal = `data:text/javascript,Object.defineProperty(process.stderr, "isTTY", { value: true })`;
    const args = ["compare", "daixian", "nanyang", "--lang", "en", "--embeddings-url", baseUrl, "--embeddings-model", "stand-in", "--no-embeddings-cache", "-f", "json"];
    const result = await runCli(args, { preload: [stderrIsTerminal] });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/embed [░█]+ \d+\/\d+ stand-in/u);
  });

  it("audit-all embeds the plans and those above them, sends the key, and keeps it out of the page it writes", { timeout: 300_000 }, async () => {
    const result = await runCli(["audit-all", "daixian", "nanyang", "--threads", "2", "-f", "html", "--embeddings-url", baseUrl, "--embeddings-model", "stand-in", "--embeddings-key", "sk-secret", "--no-embeddings-cache"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // Both plans and every plan above them.
    const plans = ["daixian", "xinzhou", "shanxi", "national", "nanyang", "henan"].map(getBundledPlan);
    expect(received.flatMap((request) => request.input).sort()).toEqual(itemTextsOf(plans).sort());
    expect(received.every((request) => request.authorization === "Bearer sk-secret")).toBe(true);
    expect(result.stdout).toContain("--embeddings-model");
    expect(result.stdout).not.toContain("sk-secret");
  });

  it("takes the key from PLAN_ALIGN_EMBEDDINGS_KEY, the option taking precedence", { timeout: 120_000 }, async () => {
    const args = ["compare", "daixian", "nanyang", "--embeddings-url", baseUrl, "--embeddings-model", "stand-in", "--no-embeddings-cache", "-f", "json"];
    expect((await runCli(args, { key: "sk-from-environment" })).status).toBe(0);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((request) => request.authorization === "Bearer sk-from-environment")).toBe(true);
    received.length = 0;
    expect((await runCli([...args, "--embeddings-key", "sk-given"], { key: "sk-from-environment" })).status).toBe(0);
    expect(received.every((request) => request.authorization === "Bearer sk-given")).toBe(true);
  });

  it("says what is wrong, in the reader's language, and exits with 1", { timeout: 120_000 }, async () => {
    answer = ({ model }, response) => sendJson(response, 404, { error: { message: `model "${model}" not found, try pulling it first` } });
    const english = await runCli(["audit", "daixian", "--lang", "en", "--embeddings-url", baseUrl, "--embeddings-model", "bge-m3", "--no-embeddings-cache"]);
    expect(english.status).toBe(1);
    expect(english.stderr).toContain(`plan-align: the embeddings endpoint ${baseUrl}/embeddings answered 404 Not Found for bge-m3: model "bge-m3" not found, try pulling it first. Check that the server has the model (Ollama: ollama pull bge-m3)`);
    const chinese = await runCli(["audit", "daixian", "--lang", "zh", "--embeddings-url", baseUrl, "--embeddings-model", "bge-m3", "--no-embeddings-cache"]);
    expect(chinese.status).toBe(1);
    expect(chinese.stderr).toContain(`plan-align: 向量服务 ${baseUrl}/embeddings 对模型 bge-m3 返回 404 Not Found`);
    const alone = await runCli(["compare", "daixian", "nanyang", "--lang", "en", "--embeddings-model", "bge-m3"]);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain("--embeddings-url and --embeddings-model go together");
  });
});
