import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditPlan, buildComplianceMatrix, extractPlan, getAncestorPlans, renderAudit } from "../src/index.js";

const sources = ["daixian", "nanyang", "jilin", "ningbo", "jinhua"] as const;
const sourceOf = (id: string) => readFileSync(path.join(import.meta.dirname, "..", "data", "sources", `${id}.txt`), "utf8");

describe("how complete a copy is", () => {
  it("finds each of the five sources whole", () => {
    for (const id of sources) expect(extractPlan(sourceOf(id), { id }).plan).toMatchObject({ content: "complete" });
  });

  it("finds every copy cut anywhere between 15% and 85% of its text cut off, and says where it ends", () => {
    for (const id of sources) {
      const text = sourceOf(id);
      for (let step = 0; step < 10; step += 1) {
        const at = Math.floor(text.length * (0.15 + (0.7 * step) / 9));
        const { plan } = extractPlan(text.slice(0, at), { id });
        expect(plan.content, `${id} cut at ${at}`).toBe("partial");
        expect(text.slice(0, at).trimEnd().endsWith(plan.completeness!.endsWith)).toBe(true);
      }
    }
  });

  it("tells a copy that stops after a heading from one that stops mid-sentence", () => {
    const text = sourceOf("daixian");
    const heading = text.indexOf("2.分项目标");
    expect(extractPlan(text.slice(0, heading + "2.分项目标".length), { id: "daixian" }).plan.completeness?.reasons).toContain("ends-after-heading");
    expect(extractPlan(text.slice(0, heading - 3), { id: "daixian" }).plan.completeness?.reasons).toContain("ends-mid-sentence");
  });

  it("names the parts its table of contents announces that the copy lacks", () => {
    // Invented document: a table of contents, then the text of its first two parts only.
    const document = ["示例县应急管理“十四五”实施方案", "目录", "一、总体要求", "二、主要任务", "三、保障措施",
      "一、总体要求", "坚持安全发展。", "二、主要任务", "(一)健全示例机制。建立示例制度。"].join("\n");
    expect(extractPlan(document, { jurisdiction: { name: "示例县", level: "county", parent: "示例市" } }).plan.completeness).toEqual({
      reasons: ["announced-parts-missing", "closing-part-missing"], endsWith: "(一)健全示例机制。建立示例制度。", missingParts: ["三、保障措施"],
    });
  });
});

describe("auditing a copy that is cut off", () => {
  const { plan } = extractPlan(sourceOf("nanyang").slice(0, 9000), { id: "nanyang-cut" });
  const report = auditPlan(plan);

  it("opens with one finding that says the copy is incomplete and where it ends", () => {
    expect(report.findings[0]).toMatchObject({ kind: "incomplete-document", severity: "warning", actual: plan.completeness?.endsWith });
    expect(report.findings.filter((finding) => finding.kind === "incomplete-document")).toHaveLength(1);
  });

  it("counts what it lacks apart from what is missing: beyond the cut, in the findings, the counts and the headline", () => {
    const beyond = report.findings.filter((finding) => finding.kind === "beyond-cut");
    expect(beyond.length).toBeGreaterThan(0);
    expect(report.findings.filter((finding) => /^missing-/u.test(finding.kind))).toEqual([]);
    const counted = report.summary.byAncestor.reduce((total, entry) => total + entry.indicators.beyondCut + entry.tasks.beyondCut + entry.projects.beyondCut, 0);
    expect(counted).toBe(beyond.length);
    expect(report.summary.byAncestor.every((entry) => entry.indicators.missing + entry.tasks.missing + entry.projects.missing === 0)).toBe(true);
    const headline = renderAudit(report, "text").split("\n").slice(2, 4).join("\n");
    expect(headline).toContain("截断后无法判断");
    expect(headline).not.toContain("缺少");
    const matrix = buildComplianceMatrix([report], getAncestorPlans(plan));
    expect(matrix.rows.flatMap((row) => row.cells).some((cell) => cell?.verdict === "missing")).toBe(false);
  });

  it("reports nothing beyond the cut as an error or a warning: it cannot be judged", () => {
    const absences = report.findings.filter((finding) => /^(?:beyond-cut|unconfirmed-)/u.test(finding.kind));
    expect(absences.length).toBeGreaterThan(0);
    expect(absences.every((finding) => finding.severity === "info" && finding.message.includes("无法判断"))).toBe(true);
    // What the copy does hold is still judged: 南阳's weaker targets stand before the cut.
    expect(report.findings.filter((finding) => finding.severity !== "info").map((finding) => finding.kind)).not.toContain("missing-indicator");
  });
});
