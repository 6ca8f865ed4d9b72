import { describe, expect, it } from "vitest";
import { auditPlan, extractPlan, getBundledPlan, normalizeText, parseTarget, PlanLoadError } from "../src/index.js";
import { adversarialShapes, cpuSeconds, inventedMeta, timingAsserted } from "./adversarial-documents.js";

// Issue #11: inputs of hostile shapes took time that grew with the square of their size (20 s for a heading
// of 47 KB, 46 s to audit a target of 60,000 digits). Each test below reads one such shape, at a size the
// quadratic code took far more than the bound on (figures in the names are the sizes), in CPU seconds: the
// clock would also count other work on the machine. The documents are invented (tests/adversarial-documents.ts).

/** Runs a call, which must not throw, and (under `npm run test:timing`) expects it done within `seconds` of CPU time. */
function expectDoneWithin(seconds: number, run: () => unknown): void {
  const used = cpuSeconds(run);
  if (timingAsserted) expect(used).toBeLessThan(seconds);
}

const head = "示例县应急管理规划\n";
const extract = (text: string) => extractPlan(text, inventedMeta);

describe("extractPlan reads hostile documents in time proportional to their size", () => {
  it("cuts the number and title of a heading of 40,000 characters from its line", () => {
    expectDoneWithin(1, () => extract(`${head}一、${"应急管理体系建设".repeat(5000)}`));
  });

  it("reads a task line of 40,000 characters without punctuation", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要任务\n(一)${"推进安全生产风险防控能力提升".repeat(2900)}`));
  });

  it("gives 15,000 headings of one number their own ids", () => {
    expectDoneWithin(1, () => extract(`${head}一、总体要求${"\n(一)坚持".repeat(15_000)}`));
  });

  it("numbers 15,000 tasks of one section", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要任务\n(一)推进${"\n1.落实".repeat(15_000)}`));
  });

  it("numbers 30,000 targets of one goals part", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要目标\n${"覆盖率达到90%,".repeat(30_000)}`));
  });

  it("gives 10,000 projects numbered (1) their own ids", () => {
    expectDoneWithin(1, () => extract(`${head}一、重点工程\n(一)建设${"\n(1)推进".repeat(10_000)}`));
  });

  it("reads 500 targets written in one clause", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要目标\n${"达到90%".repeat(500)}`));
  });

  it("takes page numbers and leader dots off a line of 40,000 dots", () => {
    expectDoneWithin(1, () => extract(`${head}一、总体要求\n${"…".repeat(40_000)}x`));
  });

  it("trims the 100,000 、 inside the name of a target", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要目标\n覆盖率${"、".repeat(100_000)}x达到90%`));
  });

  it("reads past 60,000 《 that no 》 closes", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要任务\n(一)推进${"《".repeat(60_000)}`));
  });

  it("looks for units in a parenthesis that says 牵头 40,000 times", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要任务\n(一)推进(${"牵头".repeat(40_000)})x`));
  });

  it("drops 100,000 spaces inside a paragraph of a web page", () => {
    expectDoneWithin(1, () => extract(`<html><body><p>${head}一、主要任务</p><p>(一)推进${" ".repeat(100_000)}x</p></body></html>`));
  });

  it("finds the latest of 150,000 years a task names", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要任务\n(一)推进;${"2025年;".repeat(150_000)}`));
  });

  it("reads a table whose header has 150,000 cells", () => {
    expectDoneWithin(1, () => extract(`${head}一、主要目标\n序号\n${"指标\n".repeat(150_000)}1\n${"x\n".repeat(150_000)}`));
  });
});

describe("parseTarget and normalizeText read hostile text in time proportional to its size", () => {
  it("parseTarget reads a clause of 150,000 characters without punctuation", () => {
    expectDoneWithin(1, () => parseTarget("推进安全生产风险防控能力提升".repeat(10_800)));
  });

  it("parseTarget reads a target of 60,000 digits", () => {
    expectDoneWithin(1, () => parseTarget(`达到${"1".repeat(60_000)}`));
  });

  it("parseTarget takes the latest of 150,000 years in one clause", () => {
    expectDoneWithin(1, () => parseTarget("2025年".repeat(150_000)));
  });

  it("normalizeText reads a run of 60,000 Chinese numerals", () => {
    expectDoneWithin(1, () => normalizeText("一二三四五六七八九十".repeat(6000)));
  });

  it("auditPlan audits a plan with an indicator named by 50,000 占", () => {
    const plan = structuredClone(getBundledPlan("daixian"));
    plan.indicators[0] = { ...plan.indicators[0]!, name: "占".repeat(50_000) };
    expectDoneWithin(1, () => auditPlan(plan));
  });

  it("auditPlan audits a plan with a target of 60,000 digits", () => {
    const plan = structuredClone(getBundledPlan("daixian"));
    plan.indicators[0] = { ...plan.indicators[0]!, target: `达到${"1".repeat(60_000)}` };
    expectDoneWithin(1, () => auditPlan(plan));
  });
});

describe("extracting 1 MB of each hostile shape", () => {
  it("quotes each target's own stretch of a clause that runs on for pages, so quotes stay in proportion", () => {
    const { plan } = extract(adversarialShapes["many targets in one clause"]!(200_000));
    const quoted = plan.indicators.reduce((sum, indicator) => sum + indicator.quote.length, 0);
    expect(plan.indicators.length).toBeGreaterThan(1000);
    expect(quoted).toBeLessThan(400_000);
  });

  it.each(Object.keys(adversarialShapes))("takes under 2 s of CPU time: %s", (shape) => {
    const document = adversarialShapes[shape]!(1_000_000);
    // Refusing what it reads (PlanLoadError, say for control characters the plan schema does not take) is a
    // documented outcome; any other error is not.
    expectDoneWithin(2, () => {
      try {
        extract(document);
      } catch (error) {
        if (!(error instanceof PlanLoadError)) throw error;
      }
    });
  });
});
