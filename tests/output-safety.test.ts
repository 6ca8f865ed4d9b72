import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import {
  alignChain, alignPlans, auditAll, auditPlan, getAncestorPlans, getBundledPlan, renderAlignment, renderAudit, renderChain, renderMatrix,
} from "../src/index.js";
import { escapeHtml, markdownTable, toCsv } from "../src/report/formats.js";
import { revealBidiControls, revealControlCharacters, stripControlCharacters } from "../src/text/unsafe-characters.js";
import { bareLineBreaks, bidiMarker, hostileCsv, hostileJson, hostilePlan, hostileTerminal } from "./support/hostile-plan.js";
import { readCsv } from "./support/read-csv.js";

// Every output format against plan text that tries to act instead of showing (tests/support/hostile-plan.ts).

const plan = hostilePlan();
const report = auditPlan(plan);
const alignment = alignPlans(getBundledPlan("national"), plan);
const chain = alignChain(plan, getAncestorPlans(plan));
const corpus = auditAll([plan, getBundledPlan("nanyang")]);

/** Every report made of the hostile plan in a format, by what made it. */
function outputs(format: "md" | "csv" | "html"): Array<[string, string]> {
  const made: Array<[string, string]> = [
    ["audit", renderAudit(report, format)],
    ["alignment", renderAlignment(alignment, format)],
    ["chain", renderChain(chain, format)],
  ];
  if (format !== "md") made.push(["matrix", renderMatrix(corpus.matrix, corpus.reports, format)]);
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
const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

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
      // The matrix names plans by id, so no text of the hostile plan reaches it.
      if (name !== "matrix") expect(cells.some((cell) => cell.startsWith("'\n=1+1")), name).toBe(true);
    }
  });

  it("reads back the cells it was given, controls shown as code points and a formula only gaining a leading apostrophe", () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { maxLength: 4 }), (rows) => {
        const records = readCsv(toCsv(rows));
        expect(records.map((record) => record.length)).toEqual(rows.map((row) => row.length));
        records.forEach((record, row) => record.forEach((cell, column) => {
          const given = revealControlCharacters(rows[row]?.[column] ?? "");
          expect(cell === given || (cell === `'${given}` && /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(given))).toBe(true);
          expect(cell).not.toMatch(formulaStart);
          expect(cell).not.toMatch(bidiControl);
          expect(cell).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u);
        }));
      }),
      { numRuns: 500 },
    );
  });

  it("shows bidi controls and other controls as code points, keeping tabs and line breaks, in every CSV a report makes", () => {
    expect(toCsv([["次序\u202Eabc\u202C", "铃\u0007\u001b[31m红", "列\t列\r\n行"]])).toBe(
      '\uFEFF次序[U+202E]abc[U+202C],铃[U+0007][U+001B][31m红,"列\t列\r\n行"\r\n',
    );
    for (const [name, csv] of outputs("csv").filter(([made]) => made !== "matrix")) {
      expect(csv, name).not.toMatch(bidiControl);
      expect(csv, name).toContain("[U+202E]");
    }
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

describe("terminal text", () => {
  it("drops control sequences and lone controls, keeping line feeds and tabs", () => {
    expect(stripControlCharacters("前\u001b]0;窗口标题\u0007后")).toBe("前后");
    expect(stripControlCharacters("\u001b]8;;http://evil.example/\u001b\\这里\u001b]8;;\u001b\\")).toBe("这里");
    expect(stripControlCharacters("\u001b[2J\u001b[1;31m红\u001b[0m\u009b0m")).toBe("红");
    expect(stripControlCharacters("\u001bc重置\u001b")).toBe("重置");
    expect(stripControlCharacters("a\bb\rc\u0000d\u007fe\u0085f")).toBe("abcdef");
    expect(stripControlCharacters("\u001b]0;没有结尾\n下一行")).toBe("\n下一行");
    expect(stripControlCharacters("列\t列\n行")).toBe("列\t列\n行");
  });

  it("prints the audit summary with the plan's words but none of its controls", () => {
    // Plans with control characters are refused at input; a report can still be handed over with them.
    const carrying = { ...report, subject: { ...report.subject, title: `${report.subject.title} ${hostileTerminal}` } };
    const summary = renderAudit(carrying, "text");
    expect(summary).toContain("红");
    expect(summary).toContain("覆盖");
    expect(summary).not.toMatch(controlCharacter);
    expect(summary).not.toMatch(bidiControl);
  });
});

describe("plain text of alignments and chains", () => {
  it("shows the plans' words with none of their controls, each item on one line", () => {
    for (const [name, text] of [["alignment", renderAlignment(alignment, "text")], ["chain", renderChain(chain, "text")]]) {
      expect(text, name).not.toMatch(controlCharacter);
      expect(text, name).not.toMatch(bidiControl);
      expect(text, name).toContain("[U+202E]");
      // The item's own line breaks become spaces: they cannot start a line that reads as the report's own.
      expect(text, name).toContain(hostileCsv.replace(/\r\n|[\r\n]/gu, " "));
    }
  });
});

describe("bidi controls", () => {
  it("are shown as their code points, so text displays in the order it is stored", () => {
    expect(revealBidiControls(bidiMarker)).toBe("次序[U+202E]abc[U+202C]");
    expect(revealBidiControls("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069")).toBe(
      "[U+061C][U+200E][U+200F][U+202A][U+202B][U+202C][U+202D][U+202E][U+2066][U+2067][U+2068][U+2069]",
    );
  });
});

/** How many times `character` appears in Markdown without a backslash escaping it. */
function unescapedCount(markdown: string, character: string): number {
  let count = 0;
  for (let index = 0; index < markdown.length; index += 1) {
    if (markdown[index] === "\\") index += 1;
    else if (markdown[index] === character) count += 1;
  }
  return count;
}

/** The cells of a GitHub table row: split at pipes a backslash does not escape, outer pipes dropped. */
function tableCells(row: string): string[] {
  const cells = [""];
  for (let index = 0; index < row.length; index += 1) {
    const character = row[index] ?? "";
    if (character === "|") cells.push("");
    else cells[cells.length - 1] += character === "\\" ? `${character}${row[(index += 1)] ?? ""}` : character;
  }
  return cells.slice(1, -1);
}

describe("Markdown", () => {
  it("leaves no link, image, autolink, raw HTML, entity or code span of the plans live", () => {
    for (const [name, markdown] of outputs("md")) {
      // A link or image needs an unescaped [, an autolink or HTML an unescaped <, an entity an unescaped &.
      for (const character of "[]<>&`") expect(unescapedCount(markdown, character), `${name}: ${character}`).toBe(0);
      expect(markdown, name).toContain("javascript:alert(1)");
    }
  });

  it("carries no control character and no live bidi control", () => {
    for (const [name, markdown] of outputs("md")) {
      expect(markdown, name).not.toMatch(controlCharacter);
      expect(markdown, name).not.toMatch(bidiControl);
      expect(markdown, name).toContain("次序\\[U+202E\\]abc");
    }
  });

  it("keeps a table row's column count whatever its cells hold", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (cells) => {
        const row = markdownTable(cells.map((_, column) => `c${column}`), [cells])[2] ?? "";
        expect(row).not.toMatch(/[\r\n]/u);
        expect(tableCells(row)).toHaveLength(cells.length);
      }),
      { numRuns: 500 },
    );
  });
});

/** What an HTML parser finds in a fragment: the elements opened, their attributes, the text. */
function parseHtml(html: string) {
  const found = { elements: [] as string[], attributes: [] as Array<Record<string, string>>, text: "" };
  const parser = new Parser({
    onopentag: (name, attributes) => { found.elements.push(name); found.attributes.push(attributes); },
    ontext: (part) => { found.text += part; },
  }, { decodeEntities: true });
  parser.end(html);
  return found;
}

describe("HTML", () => {
  it("sets a Content-Security-Policy that allows no script and no request, on every page", () => {
    for (const [name, html] of outputs("html")) {
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/u.exec(html)?.[1] ?? "";
      expect(policy.split(/;\s*/u), name).toEqual(["default-src 'none'", "style-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'"]);
      expect(html.indexOf("Content-Security-Policy"), name).toBeLessThan(html.indexOf("<title>"));
    }
  });

  it("shows the plans' bidi controls as code points on every page", () => {
    for (const [name, html] of outputs("html")) {
      expect(html, name).not.toMatch(bidiControl);
      expect(html, name).toContain("次序[U+202E]abc[U+202C]");
    }
  });

  it("escapes text so that a parser gets back the text and no element, in content and in attributes", () => {
    fc.assert(
      fc.property(text, (given) => {
        const shown = revealBidiControls(given);
        const inContent = parseHtml(`<p>${escapeHtml(given)}</p>`);
        expect(inContent.elements).toEqual(["p"]);
        expect(inContent.text).toBe(shown);
        const inAttribute = parseHtml(`<p title="${escapeHtml(given)}"></p>`);
        expect(inAttribute.elements).toEqual(["p"]);
        expect(inAttribute.attributes[0]?.title).toBe(shown);
      }),
      { numRuns: 500 },
    );
  });
});
