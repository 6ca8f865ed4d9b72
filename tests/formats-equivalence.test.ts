import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toDocumentText } from "../src/extract/document-text.js";
import { extractPlan } from "../src/extract/extract-plan.js";
import { findMissingQuotes } from "../src/load/parse-plan.js";
import type { Plan } from "../src/model/plan.js";
import { readDocumentFile } from "../src/read/read-document-file.js";

// The same real documents (data/sources/) in the formats plans arrive in — GBK text, a GB2312 web page,
// Word with real tables, Word 97-2003 — read through the read stage, must give the plan their UTF-8 text
// gives. tests/fixtures/formats/README.md says how the files were made.

const ids = ["daixian", "nanyang"];
const formats = [
  { suffix: "gbk.txt", format: "text" },
  { suffix: "gb2312.html", format: "html" },
  { suffix: "docx", format: "docx" },
  { suffix: "doc", format: "doc" },
] as const;

const labels: Record<"indicators" | "tasks" | "projects", (plan: Plan) => string[]> = {
  indicators: (plan) => plan.indicators.map((item) => `${item.name} | ${item.target}`),
  tasks: (plan) => plan.tasks.map((item) => `${item.number} ${item.title}`),
  projects: (plan) => plan.projects.map((item) => `${item.number} ${item.title}`),
};

/** How many of the expected labels the other list holds, each matched once. */
function countShared(expected: readonly string[], actual: readonly string[]): number {
  const left = new Map<string, number>();
  for (const label of actual) left.set(label, (left.get(label) ?? 0) + 1);
  return expected.filter((label) => {
    const count = left.get(label) ?? 0;
    left.set(label, count - 1);
    return count > 0;
  }).length;
}

describe.each(ids)("%s, read from other formats", (id) => {
  const original = extractPlan(readFileSync(path.join(import.meta.dirname, "../data/sources", `${id}.txt`), "utf8"), { id }).plan;

  it.each(formats)("$suffix gives the plan the UTF-8 text gives", async ({ suffix, format }) => {
    const read = await readDocumentFile(path.join(import.meta.dirname, "fixtures/formats", `${id}.${suffix}`));
    expect(read.format).toBe(format);
    const { plan } = extractPlan(read.text, { id });
    expect(plan.title).toBe(original.title);
    for (const [kind, labelsOf] of Object.entries(labels)) {
      const expected = labelsOf(original);
      expect(expected.length, `${kind} in the original`).toBeGreaterThan(0);
      expect(countShared(expected, labelsOf(plan)), `${kind} with identical labels`).toBeGreaterThanOrEqual(Math.ceil(expected.length * 0.95));
    }
    expect(findMissingQuotes(plan, toDocumentText(read.text))).toEqual([]);
  });
});
