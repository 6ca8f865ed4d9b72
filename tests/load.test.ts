import { mkdtemp, readFile, writeFile, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { findMissingQuotes, getBundledPlan, parsePlan, PlanLoadError } from "../src/index.js";
import { loadPlanCorpus, loadPlanDirectory, loadPlanFile, openPlan, readPlanSource } from "../src/node.js";

const fixtures = path.join(import.meta.dirname, "fixtures");
const minimalYaml = path.join(fixtures, "minimal-plan.yaml");

async function minimalPlanObject(): Promise<Record<string, unknown>> {
  return parseYaml(await readFile(minimalYaml, "utf8")) as Record<string, unknown>;
}

async function expectLoadError(promise: Promise<unknown>): Promise<PlanLoadError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PlanLoadError);
  return error as PlanLoadError;
}

describe("loading a plan", () => {
  it("reads a YAML plan file and finds its source beside it", async () => {
    const plan = await loadPlanFile(minimalYaml);
    expect(plan.id).toBe("sample-county");
    expect(plan.tasks[0]?.units?.lead).toEqual(["县应急局"]);
    expect(findMissingQuotes(plan, await readPlanSource(plan, minimalYaml))).toEqual([]);
  });

  it("reads the same plan as JSON, and from an object", async () => {
    const object = await minimalPlanObject();
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-"));
    const file = path.join(dir, "plan.json");
    await writeFile(file, JSON.stringify(object));
    expect(await loadPlanFile(file)).toEqual(parsePlan(object));
  });

  it("names the file, the path inside it and what was expected when a field is wrong", async () => {
    const object = await minimalPlanObject();
    (object.indicators as Array<Record<string, unknown>>)[0]!.target = 15;
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-"));
    const file = path.join(dir, "bad.json");
    await writeFile(file, JSON.stringify(object));
    const error = await expectLoadError(loadPlanFile(file));
    expect(error.file).toBe(file);
    expect(error.issues).toContainEqual({ path: "indicators[0].target", message: "Invalid input: expected string, received number" });
    expect(error.message).toContain("indicators[0].target");
  });

  it("reports every problem at once: unknown fields, bad enums, dangling section ids, duplicate ids", async () => {
    const object = await minimalPlanObject();
    object.colour = "red";
    object.kind = "five-year";
    const tasks = object.tasks as Array<Record<string, unknown>>;
    tasks[0]!.section = "s9";
    tasks.push({ ...tasks[0]!, section: "s2" });
    let error: unknown;
    try {
      parsePlan(object, "plan.yaml");
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PlanLoadError);
    const paths = (error as PlanLoadError).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["", "kind"]));
    expect((error as PlanLoadError).issues.find((issue) => issue.path === "")?.message).toContain('"colour"');
  });

  it("checks references across the plan once the fields are right", async () => {
    const object = await minimalPlanObject();
    const tasks = object.tasks as Array<Record<string, unknown>>;
    tasks[0]!.section = "s9";
    tasks.push({ ...tasks[0]!, section: "s2" });
    expect(() => parsePlan(object)).toThrow(PlanLoadError);
    try {
      parsePlan(object);
    } catch (error) {
      expect((error as PlanLoadError).issues).toEqual([
        { path: "tasks[0].section", message: 'no section has id "s9"' },
        { path: "tasks[1].id", message: 'id "task-1" is already used at tasks[0]' },
      ]);
    }
  });

  it("rejects text that is not JSON, naming the file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-"));
    const file = path.join(dir, "broken.json");
    await writeFile(file, "{ not json");
    const error = await expectLoadError(loadPlanFile(file));
    expect(error.file).toBe(file);
    expect(error.issues[0]?.message).toMatch(/^not valid JSON/u);
  });

  it("loads a folder all or nothing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-"));
    await copyFile(minimalYaml, path.join(dir, "a.yaml"));
    expect((await loadPlanDirectory(dir)).map((plan) => plan.id)).toEqual(["sample-county"]);
    await writeFile(path.join(dir, "b.json"), JSON.stringify({ schemaVersion: 1 }));
    const error = await expectLoadError(loadPlanDirectory(dir));
    expect(error.file).toBe(path.join(dir, "b.json"));
  });

  it("says what it accepts when a name is neither a bundled id nor a file", async () => {
    const error = await expectLoadError(openPlan("no-such-plan"));
    expect(error.issues[0]?.message).toContain("daixian");
  });
});

describe("a corpus of plans in JSON lines", () => {
  const writeCorpus = async (lines: string[]) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-corpus-"));
    const file = path.join(dir, "corpus.jsonl");
    await writeFile(file, `${lines.join("\n")}\n`);
    return file;
  };
  const plan = (id: string) => JSON.stringify({ ...JSON.parse(JSON.stringify(getBundledPlan("daixian"))), id });

  it("reads one plan per line, skipping blank lines", async () => {
    const plans = await loadPlanCorpus(await writeCorpus([plan("a"), "", plan("b")]));
    expect(plans.map((entry) => entry.id)).toEqual(["a", "b"]);
  });

  it("names the file and line of a plan that fails, and loads nothing", async () => {
    const file = await writeCorpus([plan("a"), "{", JSON.stringify({ ...JSON.parse(plan("c")), tasks: 3 })]);
    await expect(loadPlanCorpus(file)).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}:2: .*not valid JSON`, "u"));
    const typed = await writeCorpus([plan("a"), JSON.stringify({ ...JSON.parse(plan("c")), tasks: 3 })]);
    await expect(loadPlanCorpus(typed)).rejects.toThrow(/corpus\.jsonl:2: tasks: /u);
  });

  it("checks quotes against each plan's source when asked, beside the corpus file", async () => {
    const daixian = getBundledPlan("daixian");
    const file = await writeCorpus([JSON.stringify({ ...daixian, source: { ...daixian.source, file: "own-copy.txt" } })]);
    await expect(loadPlanCorpus(file, { verifyQuotes: true })).rejects.toThrow(/corpus\.jsonl:1: source\.file: source text not found/u);
    await copyFile(path.join(import.meta.dirname, "..", "data", "sources", "daixian.txt"), path.join(path.dirname(file), "own-copy.txt"));
    expect(await loadPlanCorpus(file, { verifyQuotes: true })).toHaveLength(1);
  });
});

describe("reading plan files as they come", () => {
  async function writeTemp(name: string, content: string | Uint8Array): Promise<string> {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "plan-align-")), name);
    await writeFile(file, content);
    return file;
  }

  it("accepts a JSON plan that starts with a byte-order mark, as Windows editors save it", async () => {
    const object = await minimalPlanObject();
    const file = await writeTemp("bom.json", `\uFEFF${JSON.stringify(object)}`);
    expect(await loadPlanFile(file)).toEqual(parsePlan(object));
  });

  it("refuses bytes that are not UTF-8, naming the file and the offset of the first, rather than reading U+FFFD", async () => {
    const object = await minimalPlanObject();
    // A U+FFFD the file really holds comes first: it is a character, and the offset counts its three bytes.
    (object.indicators as Array<Record<string, unknown>>)[0]!.name = "\uFFFD生产安全事故死亡人数";
    const text = JSON.stringify(object);
    const at = text.indexOf("完善领导指挥体制");
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xe5, 0xae]), Buffer.from(text.slice(at))]);
    const file = await writeTemp("latin.json", bytes);
    const error = await expectLoadError(loadPlanFile(file));
    expect(error.file).toBe(file);
    expect(error.issues).toEqual([{ path: "", message: expect.stringContaining(`byte ${Buffer.byteLength(text.slice(0, at))} (0xE5)`) }]);
  });

  it("refuses a source text that is not UTF-8, naming it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-"));
    await copyFile(minimalYaml, path.join(dir, "plan.yaml"));
    const source = await readFile(path.join(fixtures, "minimal-source.txt"));
    await writeFile(path.join(dir, "minimal-source.txt"), Buffer.concat([source, Buffer.from([0xff])]));
    const error = await expectLoadError(openPlan(path.join(dir, "plan.yaml")));
    expect(error.file).toBe(path.join(dir, "minimal-source.txt"));
    expect(error.issues[0]?.message).toContain(`byte ${source.length} (0xFF)`);
  });

  it("refuses control characters in plan text other than line breaks and tabs, naming the path", async () => {
    const object = await minimalPlanObject();
    const task = (object.tasks as Array<Record<string, unknown>>)[0]!;
    task.title = "完善领导\u0000指挥体制";
    task.text = "完善领导指挥体制。\n\t2023年应急指挥部全部建立。";
    (object.indicators as Array<Record<string, unknown>>)[0]!.name = "\u001b[31m生产安全事故死亡人数";
    const error = await expectLoadError(Promise.resolve().then(() => parsePlan(object, "plan.json")));
    expect(error.issues.map((issue) => issue.path)).toEqual(["indicators[0].name", "tasks[0].title"]);
    expect(error.issues[0]?.message).toContain("control character");
  });

  it("refuses a key repeated in JSON as in YAML, naming the key and its path", async () => {
    const object = await minimalPlanObject();
    const json = JSON.stringify(object).replace('"title":"完善领导指挥体制"', '"title":"完善领导指挥体制","title":"另一个标题"');
    const jsonError = await expectLoadError(loadPlanFile(await writeTemp("twice.json", json)));
    expect(jsonError.issues).toEqual([{ path: "tasks[0].title", message: expect.stringContaining('"title"') }]);
    const yaml = (await readFile(minimalYaml, "utf8")).replace("    title: 完善领导指挥体制\n", "    title: 完善领导指挥体制\n    title: 另一个标题\n");
    const yamlError = await expectLoadError(loadPlanFile(await writeTemp("twice.yaml", yaml)));
    expect(yamlError.issues).toEqual(jsonError.issues);
  });

  it("refuses a file nested far deeper than any plan, in JSON as in YAML, before a parser runs out of stack", async () => {
    for (const [name, text] of [["deep.json", `${"[".repeat(5000)}${"]".repeat(5000)}`], ["deep.yaml", `title: ${"[".repeat(5000)}${"]".repeat(5000)}\n`]]) {
      const error = await expectLoadError(loadPlanFile(await writeTemp(name!, text!)));
      expect(error.issues[0]?.message).toMatch(/^nested 5000 levels deep/u);
    }
    // Brackets inside strings are text, not nesting: a plan may quote as many as it likes.
    const object = await minimalPlanObject();
    const bracketed = { ...object, title: `${object.title}${"【[".repeat(100)}` };
    expect((await loadPlanFile(await writeTemp("brackets.json", JSON.stringify(bracketed)))).title).toBe(bracketed.title);
  });

  it("says which folder it cannot read", async () => {
    const missing = path.join(os.tmpdir(), "plan-align-no-such-folder");
    const error = await expectLoadError(loadPlanDirectory(missing));
    expect(error.file).toBe(missing);
    expect(error.issues[0]?.message).toContain("cannot read the folder");
  });
});
