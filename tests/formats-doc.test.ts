import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditAll, getBundledPlan, listBundledPlans, renderAudit, renderItemTable, renderMatrix, type Review } from "../src/index.js";
import { renderFindingsCsv } from "../src/report/render-audit.js";
import { AlignmentSchema, AlignSettingsSchema, AuditReportSchema, FindingKindSchema, ItemKindSchema } from "../src/model/audit-report.js";
import { ComplianceMatrixSchema, MatrixVerdictSchema } from "../src/model/compliance-matrix.js";
import { readCsv } from "./support/read-csv.js";

// docs/formats.md held to what the formats write: its tables are read, and each CSV's header, each id column's
// values and each JSON object's fields are compared with a real batch's outputs. A column or field added,
// renamed or dropped without the page, or an id value the page does not list, fails here.

const page = readFileSync(path.join(import.meta.dirname, "..", "docs", "formats.md"), "utf8");

interface DocumentedRow {
  /** The names in the first cell, in order (a cell may name several columns). */
  names: string[];
  meaning: string;
  type: string;
}

/** The rows of the first table under the heading that starts with `heading`. */
function documentedTable(heading: string): DocumentedRow[] {
  const start = page.split("\n").findIndex((line) => line.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`docs/formats.md has no section "${heading}"`);
  const lines = page.split("\n").slice(start + 1);
  const first = lines.findIndex((line) => line.startsWith("|"));
  const table = lines.slice(first).filter((line, index, all) => all.slice(0, index + 1).every((each) => each.startsWith("|")));
  return table.slice(2).map((line) => {
    const [name = "", meaning = "", type = ""] = line.slice(1, -1).split(" | ").map((cell) => cell.trim());
    return { names: backticked(name), meaning, type };
  });
}

/** The rows of the table that follows a paragraph containing `marker` (for tables under a section's second heading). */
function tableAfter(marker: string): DocumentedRow[] {
  const lines = page.split("\n");
  const at = lines.findIndex((line) => line.includes(marker));
  if (at < 0) throw new Error(`docs/formats.md does not say "${marker}"`);
  const rest = lines.slice(at + 1);
  const first = rest.findIndex((line) => line.startsWith("|"));
  const end = rest.findIndex((line, index) => index > first && !line.startsWith("|"));
  return rest.slice(first + 2, end).map((line) => {
    const [name = "", meaning = "", type = ""] = line.slice(1, -1).split(" | ").map((cell) => cell.trim());
    return { names: backticked(name), meaning, type };
  });
}

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/gu)].map((match) => match[1] ?? "");
const columnsOf = (rows: readonly DocumentedRow[]) => rows.flatMap((row) => row.names);

/** The values an id column lists in its meaning (the backticked words), or undefined when the list is open ("…": examples only). */
function listedValues(row: DocumentedRow): Set<string> | undefined {
  return row.meaning.includes("…") ? undefined : new Set(backticked(row.meaning));
}

const table = (csv: string) => {
  const [header = [], ...rows] = readCsv(csv);
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ""]))) };
};

describe("docs/formats.md against what is written", () => {
  // Every bundled plan with a plan above it, one review decision (so a rejected pair is written), and an
  // input not read and one skipped, so the rows of every status appear.
  const plans = listBundledPlans().filter((plan) => plan.parent !== null).map((plan) => getBundledPlan(plan.id));
  const review: Review = {
    decisions: [
      { reference: "national", subject: "daixian", kind: "indicator", referenceItem: "core-1", subjectItem: "core-1", decision: "reject" },
      { reference: "national", subject: "daixian", kind: "indicator", referenceItem: "core-4", subjectItem: "core-3", decision: "confirm" },
      { reference: "national", subject: "nanyang", kind: "indicator", referenceItem: "core-2", subjectItem: "core-2", decision: "add" },
    ],
  };
  const { reports, matrix } = auditAll(plans, { align: { review } });
  const reading = { unreadable: [{ file: "scan.pdf", reason: ["scan.pdf: no text"] }], skipped: [{ file: ".DS_Store", reason: "hidden file" }], notes: [] };
  const outputs = {
    findings: table(renderFindingsCsv(reports, reading)),
    items: table(renderItemTable(reports, "csv", "zh", reading)),
    matrix: table(renderMatrix(matrix, reports, "csv", "zh", reading)),
  };
  const sections = {
    findings: documentedTable("`audit --format csv` and `audit-all --format findings-csv`"),
    items: documentedTable("`compare --format csv`, `chain --format csv` and `audit-all --format items-csv`"),
    matrix: documentedTable("`audit-all --format csv`"),
  };
  // The matrix's per-plan columns are documented once, as templates.
  const expand = (columns: readonly string[]) => columns.flatMap((column) => (column.includes("<plan id>") ? [] : [column]))
    .concat(matrix.columns.flatMap((plan) => columns.filter((column) => column.includes("<plan id>")).map((column) => column.replace("<plan id>", plan.id))));

  it("lists every CSV column, in the order written", () => {
    expect(outputs.findings.header).toEqual(columnsOf(sections.findings));
    expect(outputs.items.header).toEqual(columnsOf(sections.items));
    expect(outputs.matrix.header).toEqual(expand(columnsOf(sections.matrix)));
    expect(renderAudit(reports[0]!, "csv").split("\r\n")[0]).toBe(`\uFEFF${columnsOf(sections.findings).join(",")}`);
  });

  it("lists every value an id column takes", () => {
    for (const [name, documented] of Object.entries(sections)) {
      const { rows } = outputs[name as keyof typeof outputs];
      for (const row of documented.filter((entry) => entry.type === "id")) {
        const values = listedValues(row);
        if (values === undefined) continue;
        for (const column of row.names.flatMap((each) => (each.includes("<plan id>") ? matrix.columns.map((plan) => each.replace("<plan id>", plan.id)) : [each]))) {
          const written = new Set(rows.map((entry) => entry[column] ?? "").filter((value) => value !== ""));
          expect(written.size, `${name}: ${column} is written`).toBeGreaterThan(0);
          for (const value of written) expect(values.has(value), `${name}: ${column} = ${value} is not in docs/formats.md`).toBe(true);
        }
      }
    }
  });

  it("lists the values the code defines for the kinds and verdicts, no fewer and no more", () => {
    const values = (rows: readonly DocumentedRow[], column: string) => {
      const row = rows.find((entry) => entry.names.includes(column));
      return [...(listedValues(row!) ?? [])].sort();
    };
    const matrixKinds = ComplianceMatrixSchema.shape.rows.element.shape.item.shape.kind.options;
    expect(values(sections.matrix, "item_kind")).toEqual([...matrixKinds, "unreadable", "skipped"].sort());
    expect(values(sections.matrix, "<plan id>")).toEqual([...MatrixVerdictSchema.options].sort());
    expect(values(sections.items, "kind")).toEqual([...ItemKindSchema.options].sort());
    expect(values(sections.items, "rule")).toEqual([...AlignmentSchema.shape.matches.element.shape.rule.options].sort());
    // The findings' kinds are listed in docs/findings.md; every one of them must be there.
    const findingsPage = readFileSync(path.join(import.meta.dirname, "..", "docs", "findings.md"), "utf8");
    for (const kind of FindingKindSchema.options) expect(findingsPage, kind).toContain(`\`${kind}\``);
  });

  it("lists every field of the JSON outputs", () => {
    const batch = { version: reports[0]?.version, settings: reports[0]?.settings, reports, matrix, ...reading };
    expect(Object.keys(batch).sort()).toEqual(columnsOf(tableAfter("`audit-all --format json` prints")).sort());
    expect(Object.keys(AlignSettingsSchema.shape).sort()).toEqual(columnsOf(tableAfter("Every JSON output says which plan-align made it")).sort());
    const findingFields = columnsOf(tableAfter("gives one row per finding with these fields"));
    expect([...findingFields].sort()).toEqual(Object.keys(AuditReportSchema.shape.findings.element.shape).sort());
    for (const report of reports) {
      expect(report.version).toBe(batch.version);
      for (const finding of report.findings) for (const key of Object.keys(finding)) expect(findingFields, key).toContain(key);
    }
  });
});
