import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alignChain, alignPlans, auditAll, auditPlan, getAncestorPlans, getBundledPlan, renderAlignment, renderAudit, renderChain, renderMatrix,
} from "../src/index.js";
import { toCsv } from "../src/report/formats.js";
import { bareLineBreaks, hostileCsv, hostileJson, hostilePlan } from "./support/hostile-plan.js";
import { readCsv } from "./support/read-csv.js";

// Every output format against plan text that tries to act instead of showing (tests/support/hostile-plan.ts).

const plan = hostilePlan();
const report = auditPlan(plan);
const alignment = alignPlans(getBundledPlan("national"), plan);
const chain = alignChain(plan, getAncestorPlans(plan));
const corpus = auditAll([plan, getBundledPlan("nanyang")]);

/** Every report made of the hostile plan in a format, by what made it. */
function outputs(format: "csv"): Array<[string, string]> {
  const made: Array<[string, string]> = [
    ["audit", renderAudit(report, format)],
    ["alignment", renderAlignment(alignment, format)],
    ["chain", renderChain(chain, format)],
  ];
  made.push(["matrix", renderMatrix(corpus.matrix, corpus.reports, format)]);
  return made;
}

// Text with what breaks formats, often: separators, quotes, line breaks of every kind, formula starts,
// Markdown and HTML punctuation, controls, bidi controls, lone surrogates; and any other character.
const character = fc.oneof(
  fc.constantFrom(..."=+-@＝＋－＠\"',;|\\[]()!<>&`*_~# \t\r\n\u000b\u000c\u0085\u2028\u2029\u3000\u00a0\u001b\u009b\u0007\u0000\u202e\u2066\u200f"),
  fc.constantFrom("\uD800", "\uDFFF"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit: character, maxLength: 12 });

const formulaStart = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

describe("CSV", () => {
  it("parses back with every record as wide as its header, for every CSV a report makes", () => {
    const nanyang = renderAudit(auditPlan(getBundledPlan("nanyang")), "csv");
    for (const [name, csv] of [...outputs("csv"), ["nanyang audit", nanyang] as [string, string]]) {
      const records = readCsv(csv);
      expect(records.length, name).toBeGreaterThan(1);
      expect(new Set(records.map((record) => record.length)), name).toEqual(new Set([records[0]?.length]));
    }
  });

  it("keeps quotes, commas and bare line breaks inside their cells", () => {
    for (const [name, csv] of outputs("csv").filter(([made]) => made !== "matrix")) {
      const cells = readCsv(csv).flat();
      expect(cells.some((cell) => cell.includes(hostileCsv)), name).toBe(true);
      expect(cells.some((cell) => cell.includes(bareLineBreaks)), name).toBe(true);
    }
  });

  it("defuses formulas, also after leading whitespace and line breaks", () => {
    for (const [name, csv] of outputs("csv")) {
      const cells = readCsv(csv).flat();
      expect(cells.filter((cell) => formulaStart.test(cell)), name).toEqual([]);
      expect(cells.some((cell) => cell.startsWith("'\n=1+1")), name).toBe(true);
    }
  });

  it("reads back the cells it was given, a formula only gaining a leading apostrophe", () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { maxLength: 4 }), (rows) => {
        const records = readCsv(toCsv(rows));
        expect(records.map((record) => record.length)).toEqual(rows.map((row) => row.length));
        records.forEach((record, row) => record.forEach((cell, column) => {
          const given = rows[row]?.[column] ?? "";
          expect(cell === given || (cell === `'${given}` && /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(given))).toBe(true);
          expect(cell).not.toMatch(formulaStart);
        }));
      }),
      { numRuns: 500 },
    );
  });
});

describe("JSON", () => {
  it("parses back to the same report, lone surrogates and line separators included, once written as UTF-8", () => {
    const asWritten = (json: string) => JSON.parse(Buffer.from(json, "utf8").toString("utf8")) as unknown;
    expect(asWritten(renderAudit(report, "json"))).toEqual(report);
    expect(asWritten(renderAlignment(alignment, "json"))).toEqual(alignment);
    expect(asWritten(renderChain(chain, "json"))).toEqual(chain);
    expect(report.findings.some((finding) => finding.message.includes(hostileJson))).toBe(true);
  });
});
