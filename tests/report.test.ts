import { describe, expect, it } from "vitest";
import {
  alignChain, alignPlans, auditAll, auditPlan, getAncestorPlans, getBundledPlan, renderAlignment, renderAudit, renderChain, renderMatrix, type AuditReport, type Plan,
} from "../src/index.js";
import { getLabels } from "../src/report/labels.js";
import { renderFindingsCsv } from "../src/report/render-audit.js";
import { hostilePlan } from "./support/hostile-plan.js";
import { readCsv } from "./support/read-csv.js";

const national = getBundledPlan("national");
const daixian = getBundledPlan("daixian");
const alignment = alignPlans(national, daixian);

// A plan whose text tries to break every format: markup, a formula, table and CSV separators.
const hostile: Plan = {
  ...daixian,
  indicators: daixian.indicators.map((item, index) =>
    index === 0 ? { ...item, name: `生产安全事故死亡人数<script>alert(1)</script>|"x",`, target: "=HYPERLINK(\"http://x\")" } : item,
  ),
};

describe("renderAlignment", () => {
  it("writes JSON that parses back to the alignment", () => {
    expect(JSON.parse(renderAlignment(alignment, "json"))).toEqual(JSON.parse(JSON.stringify(alignment)));
  });

  it("labels Markdown in Chinese by default and in English on request", () => {
    expect(renderAlignment(alignment, "md")).toContain("## 对应项 (");
    expect(renderAlignment(alignment, "md", { lang: "en" })).toContain("## Matches (");
  });

  it("writes CSV that Excel opens as UTF-8, Chinese intact, one row per match and per item without one", () => {
    const csv = renderAlignment(alignment, "csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("生产安全事故死亡人数");
    // Records end in CRLF; the line breaks inside quoted table-row quotes are plain LF and stay in their cells.
    const candidates = alignment.candidates.reduce((count, entry) => count + entry.candidates.length, 0);
    const unmatched = alignment.unmatched.reference.length + alignment.candidates.length + alignment.unmatched.subject.length;
    expect(csv.trim().split("\r\n")).toHaveLength(1 + alignment.matches.length + alignment.rejected.length + candidates + unmatched);
  });

  it("escapes what the plans contain in every format", () => {
    const hostileAlignment = alignPlans(national, hostile);
    const html = renderAlignment(hostileAlignment, "html");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const markdown = renderAlignment(hostileAlignment, "md");
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("\\|");
    const csv = renderAlignment(hostileAlignment, "csv");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/mu);
  });

  it("makes a self-contained HTML page", () => {
    const html = renderAlignment(alignment, "html");
    expect(html).toMatch(/^<!doctype html>/u);
    expect(html).not.toMatch(/<(script|link)\b/u);
    expect(html).toContain('lang="zh-CN"');
  });
});

describe("renderChain", () => {
  const chain = alignChain(daixian, getAncestorPlans(daixian));

  it("gives each level its part and says why a level was skipped, in every format", () => {
    expect(renderChain(chain, "md")).toMatch(/忻州市[\s\S]*已跳过[\s\S]*山西省[\s\S]*国家应急体系规划/u);
    expect(renderChain(chain, "html")).toContain('class="skipped"');
    const csv = renderChain(chain, "csv");
    expect(csv).toContain("\r\nxinzhou,daixian,skipped,已跳过,");
    expect(JSON.parse(renderChain(chain, "json")).steps).toHaveLength(3);
  });
});

// CSV and JSON shaped for notebooks (docs/formats.md): stable column names and ids beside the words.
describe("findings for notebooks", () => {
  const reports = [auditPlan(daixian), auditPlan(getBundledPlan("nanyang"), { lang: "en" })];
  const [daixianReport, nanyangReport] = reports as [AuditReport, AuditReport];
  const table = (csv: string) => {
    const [header = [], ...rows] = readCsv(csv);
    return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ""])));
  };

  it("puts the plan audited and a score, null where no match applies, on every finding in JSON", () => {
    for (const report of reports) {
      for (const finding of report.findings) {
        expect(finding.auditedPlan).toEqual(report.subject);
        expect(finding.score === null || (finding.score >= 0 && finding.score <= 1)).toBe(true);
      }
    }
    expect(daixianReport.findings.find((finding) => finding.kind === "weaker-target")?.score).toEqual(expect.any(Number));
    expect(daixianReport.findings.find((finding) => finding.kind === "missing-indicator")?.score).toBeNull();
  });

  it("names CSV columns the same in every language, with kind and severity as ids beside their words", () => {
    const [zhHeader] = readCsv(renderAudit(daixianReport, "csv"));
    const [enHeader] = readCsv(renderAudit(nanyangReport, "csv"));
    expect(enHeader).toEqual(zhHeader);
    const weaker = table(renderAudit(daixianReport, "csv")).find((row) => row.kind === "weaker-target");
    expect(weaker).toMatchObject({ audited_plan: "daixian", severity: "error", severity_label: "错误", kind_label: "目标弱于上级", verdict: "weaker" });
    const finding = daixianReport.findings.find((candidate) => candidate.kind === "weaker-target" && candidate.subject?.id === weaker?.subject_id);
    expect(Number(weaker?.score)).toBe(finding?.score);
    expect(table(renderAudit(nanyangReport, "csv"))[0]).toMatchObject({ audited_plan: "nanyang", severity_label: "error" });
  });

  it("leaves the score empty where a finding rests on no match, and lists the ids of candidates", () => {
    // 代县 against 吉林省's complete plan has tasks with candidates only (as in tests/audit.test.ts).
    const report = auditPlan(daixian, { ancestors: [getBundledPlan("jilin")] });
    const rows = table(renderAudit(report, "csv"));
    expect(rows.find((row) => row.kind === "missing-indicator")?.score).toBe("");
    const unconfirmed = report.findings.find((finding) => finding.candidates !== undefined);
    expect(unconfirmed).toBeDefined();
    const row = rows.find((candidate) => candidate.kind === unconfirmed?.kind && candidate.reference_id === unconfirmed?.reference?.id);
    expect(row?.candidate_ids).toBe(unconfirmed?.candidates?.map((candidate) => candidate.subject.id).join(" "));
  });

  it("lists the findings of many reports in one table, each row naming its plan", () => {
    const rows = table(renderFindingsCsv(reports));
    expect(rows).toHaveLength(daixianReport.findings.length + nanyangReport.findings.length);
    expect(new Set(rows.map((row) => row.audited_plan))).toEqual(new Set(["daixian", "nanyang"]));
  });

  it("gives alignments in CSV a status, the kind as an id and the score as a number", () => {
    const rows = table(renderAlignment(alignment, "csv", { lang: "en" }));
    const candidates = alignment.candidates.reduce((count, entry) => count + entry.candidates.length, 0);
    const unmatched = alignment.unmatched.reference.length + alignment.candidates.length + alignment.unmatched.subject.length;
    expect(rows).toHaveLength(alignment.matches.length + candidates + unmatched);
    const match = alignment.matches.find((candidate) => candidate.kind === "indicator");
    expect(rows.find((row) => row.reference_id === match?.reference.id && row.kind === "indicator")).toMatchObject({
      reference_plan: "national", subject_plan: "daixian", status: "matched", kind_label: "indicator", subject_id: match?.subject.id, score: String(match?.score), rule: match?.rule,
    });
  });

  it("gives each plan of the compliance matrix in CSV its verdict's id and the verdict in words", () => {
    const { matrix, reports: audited } = auditAll([daixian, getBundledPlan("nanyang")]);
    const rows = table(renderMatrix(matrix, audited, "csv"));
    expect(rows.find((row) => row.ancestor_plan === "national" && row.item_id === "core-4")).toMatchObject({
      item_kind: "indicator", daixian: "weaker", daixian_label: "弱于上级", nanyang: "weaker",
    });
    expect(rows.find((row) => row.ancestor_plan === "shanxi")).toMatchObject({ nanyang: "", nanyang_label: getLabels("zh").matrixNotBelow });
  });
});

describe("plain text of alignments", () => {
  it("keeps each item on its line and no control character reaches the terminal", () => {
    const text = renderAlignment(alignPlans(national, hostilePlan()), "text");
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u);
    expect(text.split("\n").filter((line) => line.startsWith("=HYPERLINK") || line.startsWith("换行"))).toEqual([]);
  });
});
