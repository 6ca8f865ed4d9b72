import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The API reference's examples (the `@example` of every TSDoc comment in src/) run as written, and each line
// `expression; // value` gives the value shown, where the comment is a value: a comment that is prose, or
// that leaves parts out with "…", is not compared. The examples of `plan-align/core`'s audits run with the
// core's functions; every other example with everything `plan-align/node` exports.

const root = path.join(import.meta.dirname, "..");
const source = path.join(root, "src");

interface Example {
  where: string;
  lines: { text: string; line: number }[];
  core: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(folder, entry.name)) : entry.name.endsWith(".ts") ? [path.join(folder, entry.name)] : []);
}

/**
 * The `@example` sections of a file's doc comments, each with its lines' numbers in the file; only those of
 * what the package exports (internal helpers' examples use names a user does not have).
 */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const examples: Array<Example & { declares?: string }> = [];
  let current: (Example & { declares?: string }) | undefined;
  let pending: Array<Example & { declares?: string }> = [];
  lines.forEach((text, index) => {
    const inComment = /^\s*\*(?: |$)/u.test(text) && !/^\s*\*\//u.test(text);
    const body = text.replace(/^\s*\* ?/u, "");
    if (current !== undefined && (!inComment || body.startsWith("@"))) current = undefined;
    if (inComment && body.startsWith("@example")) {
      current = { where: `${path.relative(root, file)}:${index + 1}`, lines: [], core: file.endsWith("with-given-plans.ts") };
      pending.push(current);
    } else if (current !== undefined) {
      current.lines.push({ text: body, line: index + 1 });
    }
    const declared = /^export (?:async )?(?:function\*? |const |class |interface |type )(?<name>\w+)/u.exec(text)?.groups?.name;
    if (declared !== undefined) {
      for (const example of pending) examples.push({ ...example, declares: declared });
      pending = [];
    }
  });
  return examples.filter((example) => example.declares !== undefined && exported.has(example.declares));
}

/**
 * The value a comment shows, as source text: the comment, or what stands before its first ": " (`19: the
 * national plan's 7 indicators, …`), when that is a literal that evaluates alone; else undefined (prose).
 */
function shownValue(comment: string): string | undefined {
  for (const candidate of [comment, comment.split(": ")[0]!]) {
    if (candidate.includes("…")) continue;
    try {
      new Function(`"use strict"; return (${candidate});`)();
      return candidate;
    } catch {
      // not a value: prose
    }
  }
  return undefined;
}

function moduleOf(examples: readonly Example[]): string {
  const blocks = examples.map((example) => {
    const file = example.where.split(":")[0]!;
    const body = example.lines.map(({ text, line }, index) => {
      // A line the next one says throws (`// throws PlanLoadError, …`) must throw that error.
      const thrown = /^\/\/ throws (?<name>\w+)/u.exec(example.lines[index + 1]?.text ?? "")?.groups?.name;
      if (thrown !== undefined) return `assert.throws(() => { ${text} }, { name: ${JSON.stringify(thrown)} }, ${JSON.stringify(`${file}:${line}`)});`;
      const match = /^(?<expression>[^/]*?);\s*\/\/ (?<comment>.+)$/u.exec(text);
      const value = match?.groups === undefined ? undefined : shownValue(match.groups.comment!.trim());
      if (match?.groups === undefined || value === undefined) return text;
      return `expectShown(${match.groups.expression}, ${value}, false, ${JSON.stringify(`${file}:${line}`)});`;
    });
    const api = example.core ? "{ ...node, ...core }" : "node";
    return `await (async ({ ${exportedNames.join(", ")} }) => {\n${body.join("\n")}\n})(${api}); // ${example.where}`;
  });
  return [
    `import * as node from ${JSON.stringify(pathToFileURL(path.join(source, "node.ts")).href)};`,
    `import * as core from ${JSON.stringify(pathToFileURL(path.join(source, "core.ts")).href)};`,
    `import { expectShown } from ${JSON.stringify(pathToFileURL(path.join(root, "tests/support/readme-values.ts")).href)};`,
    // What examples take from Node besides the package; what they print is for the reader, not checked here.
    `import assert from "node:assert/strict";`,
    `import { readFileSync } from "node:fs";`,
    `import path from "node:path";`,
    `console.log = console.error = () => {};`,
    ...blocks,
  ].join("\n");
}

const exportedNames = Object.keys(await import("../src/node.js"));
// Every name the entries export, types included, as their declaration files list them.
const exported = new Set([...readFileSync(path.join(source, "node.ts"), "utf8").matchAll(/\b(\w+)\b/gu), ...readFileSync(path.join(source, "core.ts"), "utf8").matchAll(/\b(\w+)\b/gu), ...readFileSync(path.join(source, "index.ts"), "utf8").matchAll(/\b(\w+)\b/gu)].map((match) => match[1]!));
const examples = sourceFiles(source).flatMap(examplesOf);
const work = mkdtempSync(path.join(os.tmpdir(), "plan-align-examples-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the API reference's examples", () => {
  it("are there, one for every exported function at least", () => {
    expect(examples.length).toBeGreaterThan(exportedNames.length / 2);
  });

  it("run, each shown value being what the line gives", { timeout: 120_000 }, () => {
    const file = path.join(work, "examples.mts");
    writeFileSync(file, moduleOf(examples));
    const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
    const run = spawnSync(process.execPath, ["--import", tsx, file], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
