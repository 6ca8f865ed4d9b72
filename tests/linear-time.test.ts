import { describe, expect, it } from "vitest";
import { auditPlan, extractPlan, getBundledPlan, normalizeText, parseTarget } from "../src/index.js";
import { adversarialShapes, cpuSeconds, inventedMeta } from "./adversarial-documents.js";

// Issue #11: inputs of hostile shapes took time that grew with the square of their size (20 s for a heading
// of 47 KB, 46 s to audit a target of 60,000 digits). Each test below reads one such shape, at a size the
// quadratic code took far more than the bound on (figures in the names are the sizes), in CPU seconds: the
// clock would also count other work on the machine. The documents are invented (tests/adversarial-documents.ts).

/** Runs a call and expects it done within `seconds` of CPU time, without throwing. */
function expectDoneWithin(seconds: number, run: () => unknown): void {
  expect(cpuSeconds(run)).toBeLessThan(seconds);
}

const head = "示例县应急管理规划\n";
const extract = (text: string) => extractPlan(text, inventedMeta);

describe("parseTarget and normalizeText read hostile text in time proportional to its size", () => {
  it("normalizeText reads a run of 60,000 Chinese numerals", () => {
    expectDoneWithin(1, () => normalizeText("一二三四五六七八九十".repeat(6000)));
  });
});
