import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import {
  alignChain, alignPlans, auditAll, auditPlan, getAncestorPlans, getBundledPlan, renderAlignment, renderAudit, renderChain, renderItemTable, renderMatrix,
  type Plan,
} from "../src/index.js";
import { describeTarget } from "../src/targets/item-target.js";
import { readCsv } from "./support/read-csv.js";

// Exports that join (docs/formats.md): stable finding ids that matrix cells name, an item table with every item
// of both plans, targets read into columns, and the version and settings on every JSON output.

const national = getBundledPlan("national");
const daixian = getBundledPlan("daixian");
const nanyang = getBundledPlan("nanyang");

const table = (csv: string) => {
  const [header = [], ...rows] = readCsv(csv);
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ""])));
};

/** The ids of a plan's indicators, tasks and projects: every item the item table must have a row for. */
const workItemIds = (plan: Plan) => [...plan.indicators, ...plan.tasks, ...plan.projects].map((item) => item.id);

describe("finding ids", () => {
  it("are the same in two runs of the same plans, and differ from one finding to the next", () => {
    const first = auditPlan(daixian);
    const second = auditPlan(getBundledPlan("daixian"));
    expect(second.findings.map((finding) => finding.id)).toEqual(first.findings.map((finding) => finding.id));
    expect(new Set(first.findings.map((finding) => finding.id)).size).toBe(first.findings.length);
  });

  it("are made of what a finding is about, not of its place in the list", () => {
    const report = auditPlan(daixian);
    expect(report.findings.find((finding) => finding.kind === "weaker-target" && finding.reference?.id === "core-6")?.id).toBe("daixian/weaker-target/national/core-6/core-5");
    expect(report.findings.find((finding) => finding.kind === "skipped-level")?.id).toBe("daixian/skipped-level/xinzhou/-/-");
    // Audited with its national parent alone, the same finding keeps its id though the list is shorter.
    const alone = auditPlan(daixian, { ancestors: [national] });
    expect(alone.findings.length).toBeLessThan(report.findings.length);
    expect(alone.findings.some((finding) => finding.id === "daixian/weaker-target/national/core-6/core-5")).toBe(true);
  });

  it("join the findings CSV to the matrix CSV, whose cells name them", () => {
    const { reports, matrix } = auditAll([daixian, nanyang]);
    const findings = table(renderAudit(reports[0]!, "csv"));
    expect(findings.map((row) => row.finding_id)).toEqual(reports[0]?.findings.map((finding) => finding.id));
    const cells = table(renderMatrix(matrix, reports, "csv"));
    const named = cells.map((row) => row.daixian_finding).filter((id) => id !== "");
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(findings.some((row) => row.finding_id === id), id).toBe(true);
    expect(cells.find((row) => row.ancestor_plan === "national" && row.item_id === "core-4")?.daixian_finding).toBe("daixian/weaker-target/national/core-4/core-3");
  });
});

describe("the item table", () => {
  const alignment = alignPlans(national, daixian);
  const rows = table(renderAlignment(alignment, "csv"));

  it("has a row for every indicator, task and project of both plans, matched or unmatched", () => {
    const listed = (side: "reference" | "subject") => new Set(rows.filter((row) => row.status === "matched" || row.status === "unmatched").map((row) => row[`${side}_id`]));
    for (const id of workItemIds(national)) expect(listed("reference").has(id), `national ${id}`).toBe(true);
    for (const id of workItemIds(daixian)) expect(listed("subject").has(id), `daixian ${id}`).toBe(true);
    // 代县's tasks: most have no counterpart among the national plan's seven indicators and one group.
    expect(rows.filter((row) => row.status === "unmatched" && row.subject_id !== "").length).toBe(alignment.unmatched.subject.length);
  });

  it("gives every item without a match one unmatched row, its counterpart's cells empty", () => {
    const unmatched = rows.filter((row) => row.status === "unmatched");
    expect(unmatched).toHaveLength(alignment.unmatched.reference.length + alignment.candidates.length + alignment.unmatched.subject.length);
    for (const row of unmatched) expect([row.reference_id, row.subject_id].filter((id) => id === "")).toHaveLength(1);
    expect(rows.filter((row) => row.status === "matched")).toHaveLength(alignment.matches.length);
  });

  it("gives a match its counterpart, score, rule and signals, and each target read into columns", () => {
    const row = rows.find((candidate) => candidate.status === "matched" && candidate.reference_id === "core-4");
    expect(row).toMatchObject({
      kind: "indicator", subject_id: "core-3", rule: "one-to-one",
      reference_target: "下降20%", reference_target_comparator: "ge", reference_target_value: "20", reference_target_unit: "%", reference_target_change: "decrease",
      reference_target_direction: "lower-better", reference_target_year: "2025", subject_target: "下降10%", subject_target_value: "10",
    });
    const match = alignment.matches.find((candidate) => candidate.reference.id === "core-4");
    expect(row?.score).toBe(String(match?.score));
    expect(row?.signals).toBe(match?.signals.map((signal) => `${signal.name}=${signal.value}*${signal.weight}`).join(" "));
    expect(rows.find((candidate) => candidate.reference_id === "core-5")).toMatchObject({ reference_target: "<1", reference_target_comparator: "lt", reference_target_unit: "", reference_target_change: "" });
  });

  it("is the same table in JSON, with numbers as numbers, empty cells null, and the version and settings", () => {
    const json = JSON.parse(renderAlignment(alignment, "items-json")) as { version: string; settings: unknown; items: Array<Record<string, unknown>> };
    expect(json.version).toBe(packageJson.version);
    expect(json.settings).toEqual(alignment.settings);
    expect(json.items).toHaveLength(rows.length);
    const row = json.items.find((item) => item.status === "matched" && item.reference_id === "core-4");
    expect(row).toMatchObject({ reference_target_value: 20, subject_target_value: 10, reference_target_high: null, review: null });
    expect(row?.signals).toEqual(alignment.matches.find((match) => match.reference.id === "core-4")?.signals);
  });

  it("covers every level of a chain and every plan of a batch, and lists the inputs not read", () => {
    const chainRows = table(renderChain(alignChain(daixian, getAncestorPlans(daixian)), "csv"));
    expect(new Set(chainRows.map((row) => row.reference_plan))).toEqual(new Set(["xinzhou", "shanxi", "national"]));
    const { reports } = auditAll([daixian, nanyang]);
    const reading = { unreadable: [{ file: "scan.pdf", reason: ["scan.pdf: no text"] }], skipped: [], notes: [] };
    const batch = table(renderItemTable(reports, "csv", "zh", reading));
    expect(new Set(batch.map((row) => row.subject_plan))).toEqual(new Set(["daixian", "nanyang", ""]));
    expect(batch.at(-1)).toMatchObject({ status: "unreadable", file: "scan.pdf", basis_label: "scan.pdf: no text" });
    for (const id of workItemIds(nanyang)) {
      expect(batch.some((row) => row.subject_plan === "nanyang" && row.subject_id === id && (row.status === "matched" || row.status === "unmatched")), id).toBe(true);
    }
    const json = JSON.parse(renderItemTable(reports, "json", "zh", reading)) as Record<string, unknown>;
    expect(json).toMatchObject({ version: packageJson.version, settings: reports[0]?.settings, unreadable: reading.unreadable });
  });
});

describe("targets read for outputs", () => {
  it("reads an indicator's target once, and again when a field it reads has changed", () => {
    // Test stand-in: an invented indicator, changed between two reads.
    const indicator: { name: string; target: string | null; year?: number } = { name: "示例指标覆盖率", target: "达到90%", year: 2025 };
    const first = describeTarget(indicator);
    expect(first).toMatchObject({ text: "达到90%", value: 90, unit: "%" });
    expect(describeTarget(indicator)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    indicator.target = "达到95%";
    expect(describeTarget(indicator)).toMatchObject({ text: "达到95%", value: 95 });
    indicator.target = null;
    expect(describeTarget(indicator)).toBeUndefined();
  });
});

describe("version and settings", () => {
  it("are on every JSON output: audit reports, alignments and chains", () => {
    const review = { file: "review.yaml", decisions: [{ subject: "daixian", reference: "national", kind: "indicator" as const, referenceItem: "core-2", subjectItem: "core-1", decision: "reject" as const }] };
    const options = { thresholds: { indicator: 0.6 }, selection: { method: "threshold" as const }, review };
    for (const json of [
      renderAudit(auditPlan(daixian, { ancestors: [national], align: options }), "json"),
      renderAlignment(alignPlans(national, daixian, options), "json"),
      renderChain(alignChain(daixian, [national], options), "json"),
    ]) {
      const parsed = JSON.parse(json) as { version: string; settings: Record<string, unknown> };
      expect(parsed.version).toBe(packageJson.version);
      expect(parsed.settings).toMatchObject({
        thresholds: { indicator: 0.6, task: 0.45 }, selection: { method: "threshold", floor: 0.12 }, scorer: "built-in", tokenizer: "bigram", synonyms: "built-in",
        review: { file: "review.yaml", decisions: 1 },
      });
    }
    expect(auditPlan(daixian).settings).toMatchObject({ review: null, weights: {}, kinds: ["section", "indicator", "task", "project"] });
  });
});
