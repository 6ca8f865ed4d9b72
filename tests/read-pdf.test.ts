import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { extractPlan } from "../src/extract/extract-plan.js";
import { PlanLoadError } from "../src/load/errors.js";
import { readPdf } from "../src/read/pdf.js";
import type { ReadLimits } from "../src/read/types.js";
import { normalizeText } from "../src/text/normalize.js";
import { findMissingQuotes } from "../src/index.js";
import { writePdf, type DrawnText } from "./support/pdf-documents.js";

// The real documents of data/sources/ printed to PDF by scripts/make-pdf-fixtures.ts (see
// tests/fixtures/formats/README-pdf.md), and small PDFs written here for each way a PDF can go wrong.
const fixtures = path.join(import.meta.dirname, "fixtures", "formats");
const limits: ReadLimits = { maxBytes: 50_000_000, maxPages: 2_000, maxUnpackedBytes: 200_000_000, maxTextLength: 5_000_000 };
const readFixture = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)));
const readSourceText = (id: string) => readFileSync(path.join(import.meta.dirname, "..", "data", "sources", `${id}.txt`), "utf8");
const FLOOR = 0.95;
// Taken before any PDF is read, that is before pdf.js loads (it is imported on first use).
const builtInsBeforePdfJs = { push: Array.prototype.push, parse: JSON.parse };

const printed = [
  { id: "daixian", runningHead: "代县贯彻落实国家、省及市“十四五”应急体系规划实施方案", pageNumber: /^—\s*\d+\s*—$/u },
  { id: "nanyang", runningHead: "南阳市“十四五”应急体系和本质安全能力建设规划", pageNumber: /^第\s*\d+\s*页\s*共\s*\d+\s*页$/u },
];

/** What pdfjs refuses, as the PlanLoadError's one message. */
async function refusalOf(bytes: Uint8Array, readLimits: ReadLimits = limits): Promise<string> {
  const error: unknown = await readPdf(bytes, readLimits, "plan.pdf").then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PlanLoadError);
  const { file, issues } = error as PlanLoadError;
  expect(file).toBe("plan.pdf");
  return issues[0]?.message ?? "";
}

// One glyph of Noto CJK stands for both — and ― (and for 户 and 戶): the PDF's text says whichever its font's
// table names, so lines are compared in the extractor's normalized form with dashes as one.
const comparable = (line: string) => normalizeText(line).replace(/\u2015/gu, "\u2014");

describe.each(printed)("reading $id printed to PDF", ({ id, runningHead, pageNumber }) => {
  const read = readPdf(readFixture(`${id}.pdf`), limits, `${id}.pdf`);

  it(`gives a plan with the source's title and ≥ ${FLOOR * 100}% of its indicators, tasks and projects, every quote a span of the text`, async () => {
    const { text } = await read;
    const fromPdf = extractPlan(text, { id, sourceFile: `${id}.pdf` });
    const fromSource = extractPlan(readSourceText(id), { id, sourceFile: `${id}.txt` }).plan;
    expect(fromPdf.plan.title).toBe(fromSource.title);
    const labelsOf = (items: readonly ({ name: string } | { title: string })[]) => items.map((item) => ("name" in item ? item.name : item.title));
    for (const kind of ["indicators", "tasks", "projects"] as const) {
      const found = new Set(labelsOf(fromPdf.plan[kind]));
      const expected = labelsOf(fromSource[kind]);
      const share = expected.filter((label) => found.has(label)).length / expected.length;
      expect({ kind, share }).toEqual({ kind, share: expect.toSatisfy((value: number) => value >= FLOOR) });
    }
    expect(findMissingQuotes(fromPdf.plan, fromPdf.sourceText)).toEqual([]);
  }, 120_000);

  it("drops the running head and the page numbers of every page", async () => {
    const { text, pages, notes } = await read;
    expect(pages).toBeGreaterThan(3);
    const lines = text.split("\n");
    const headsInSource = readSourceText(id).split("\n").filter((line) => line.trim() === runningHead).length;
    expect(lines.filter((line) => line === runningHead)).toHaveLength(headsInSource);
    expect(lines.filter((line) => pageNumber.test(line))).toEqual([]);
    expect(notes.join("\n")).toMatch(/running head.*repeated on \d+ of \d+ pages[\s\S]*page numbers on \d+ of \d+ pages/u);
  }, 120_000);

  it("joins the lines each paragraph was wrapped into, across pages too: the source's lines come back whole", async () => {
    const { text } = await read;
    const pdfLines = new Set(text.split("\n").map(comparable));
    const sourceLines = readSourceText(id).split("\n").map(comparable).filter((line) => line !== "");
    const missing = sourceLines.filter((line) => !pdfLines.has(line));
    // daixian's 时间:…      来源: line is two cells on the page (a run of no-break spaces between them).
    expect(missing.length).toBeLessThanOrEqual(1);
    expect(sourceLines.filter((line) => line.length > 120).every((line) => pdfLines.has(line))).toBe(true);
  }, 120_000);
});

describe("laying out pages", () => {
  it("drops a running head and a bare page number, keeps one copy of fake-bold text, and joins a paragraph over a page break", async () => {
    const text = (x: number, y: number, shown: string, size = 12): DrawnText => ({ x, y, size, text: shown });
    const filler = (length: number) => "应急管理体系和能力现代化建设".repeat(4).slice(0, length);
    const furniture = (page: number) => [text(250, 800, "示例县应急体系规划", 10.5), text(294, 40, String(page), 10.5)];
    const pdf = writePdf([
      { texts: [...furniture(1), text(96, 740, "一、总体要求"), text(96.3, 740, "一、总体要求"), text(96, 120, filler(34)), text(72, 101, filler(36))] },
      { texts: [...furniture(2), text(72, 760, filler(20)), text(96, 741, "（一）指导思想。")] },
    ]);
    const read = await readPdf(pdf, limits, "layout.pdf");
    expect(read.text).toBe(`一、总体要求\n${filler(34)}${filler(36)}${filler(20)}\n（一）指导思想。\n`);
    expect(read.notes).toEqual(["Dropped the running head or foot “示例县应急体系规划”, repeated on 2 of 2 pages.", "Dropped page numbers on 2 of 2 pages."]);
  }, 60_000);
});

describe("reading tables", () => {
  it("reads daixian's indicator table as its rows, one cell per line, a blank line after it", async () => {
    const { text } = await readPdf(readFixture("daixian.pdf"), limits, "daixian.pdf");
    // In the source the table is one cell per line with blank lines between, from 序号 to the line before 2.分项目标.
    const sourceLines = readSourceText("daixian").split("\n").map((line) => line.trim()).filter((line) => line !== "");
    const cells = sourceLines.slice(sourceLines.indexOf("序号"), sourceLines.indexOf("2.分项目标"));
    const start = text.indexOf("序号\n");
    expect(text.slice(start, start + cells.join("\n").length + 2)).toBe(`${cells.join("\n")}\n\n`);
  }, 120_000);

  it("does not repeat a table's head row where the table goes on over a page break", async () => {
    const { text } = await readPdf(readFixture("nanyang.pdf"), limits, "nanyang.pdf");
    expect(text.split("\n").filter((line) => line === "序号")).toHaveLength(1);
  }, 120_000);

  it("reads a two-column table whose cell wraps as one cell per row and column", async () => {
    const cell = (x: number, y: number, text: string): DrawnText => ({ x, y, size: 12, text });
    const pdf = writePdf([
      {
        texts: [
          cell(72, 760, "指标名称"),
          cell(300, 760, "目标值"),
          cell(72, 730, "生产安全事故死亡人数"),
          cell(300, 737, "比2020年下降15%，"),
          cell(300, 723, "力争下降20%"),
          cell(72, 700, "灾害事故信息发布公众覆盖率"),
          cell(300, 700, "达到90%"),
          cell(96, 660, "表后的段落从缩进开始，一直写到右边距为止，然后在下一行继续写"),
          cell(72, 642, "完这一段。"),
        ],
      },
    ]);
    const { text, notes } = await readPdf(pdf, limits, "table.pdf");
    expect(text).toBe(
      ["指标名称", "目标值", "生产安全事故死亡人数", "比2020年下降15%，力争下降20%", "灾害事故信息发布公众覆盖率", "达到90%", "", "表后的段落从缩进开始，一直写到右边距为止，然后在下一行继续写完这一段。", ""].join("\n"),
    );
    expect(notes).toContain("Read 1 table part as rows, one cell per line.");
  }, 60_000);
});

describe("reading text", () => {
  it("reads two PDFs at once (pdf.js 5.4.624 could not: mozilla/pdf.js#20629)", async () => {
    const one = writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "第一份" }] }]);
    const many = writePdf(Array.from({ length: 5 }, (_, index) => ({ texts: [{ x: 72, y: 400, size: 12, text: `第${index + 1}段。` }] })));
    const [first, second] = await Promise.all([readPdf(one, limits, "one.pdf"), readPdf(many, limits, "many.pdf")]);
    expect(first.text).toBe("第一份\n");
    expect(second.pages).toBe(5);
    for (let page = 1; page <= 5; page += 1) expect(second.text).toContain(`第${page}段。`);
  }, 60_000);

  it("decodes a CJK font that the PDF does not embed through pdf.js's packaged CMaps (UniGB-UCS2-H)", async () => {
    const pdf = writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "应急管理体系和能力现代化" }] }]);
    expect((await readPdf(pdf, limits, "cmap.pdf")).text).toBe("应急管理体系和能力现代化\n");
  }, 60_000);

  it("leaves the caller's bytes as they were and prints nothing", async () => {
    const pdf = writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "Plain text" }] }]);
    const copy = pdf.slice();
    const printing = [vi.spyOn(console, "log"), vi.spyOn(console, "warn"), vi.spyOn(console, "error"), vi.spyOn(console, "info")];
    await readPdf(pdf, limits, "plain.pdf");
    await refusalOf(writePdf([{ image: true }]));
    for (const spy of printing) expect(spy).not.toHaveBeenCalled();
    expect(pdf).toEqual(copy);
  }, 60_000);

  it("leaves Array.prototype.push and JSON.parse native after pdf.js loads (its core-js put slower script versions there)", async () => {
    await readPdf(writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "Plain text" }] }]), limits, "plain.pdf");
    expect(Array.prototype.push).toBe(builtInsBeforePdfJs.push);
    expect(JSON.parse).toBe(builtInsBeforePdfJs.parse);
    expect(Function.prototype.toString.call(Array.prototype.push)).toContain("[native code]");
  }, 60_000);

  afterEach(() => {
    vi.restoreAllMocks();
  });
});

describe("refusing what it cannot read", () => {
  it("refuses a scan (pages that are only images), saying it has no text layer and to run OCR first", async () => {
    const message = await refusalOf(writePdf([{ image: true }, { image: true }]));
    expect(message).toMatch(/no text layer/u);
    expect(message).toMatch(/ocrmypdf --language chi_sim/u);
    expect(message).toMatch(/Word original/u);
  }, 60_000);

  it("reads the pages that have text and notes the scanned ones", async () => {
    const { text, notes } = await readPdf(writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "第一页的文字。" }] }, { image: true }]), limits, "mixed.pdf");
    expect(text).toBe("第一页的文字。\n");
    expect(notes[0]).toMatch(/^Page 2 has no text \(scanned\?\)/u);
  }, 60_000);

  it("refuses a PDF encrypted with a password, saying so", async () => {
    // Made with qpdf --encrypt (user password "secret"), committed as qpdf is not in CI.
    expect(await refusalOf(readFixture("encrypted.pdf"))).toMatch(/encrypted with a password/u);
  }, 60_000);

  it.each([
    ["cut short at half its length", (bytes: Uint8Array) => bytes.subarray(0, bytes.length / 2)],
    ["cut short after its header", (bytes: Uint8Array) => bytes.subarray(0, 9)],
    ["garbage after its header", () => new TextEncoder().encode("%PDF-1.7\nthis is not a PDF body\n%%EOF")],
  ])("refuses a malformed PDF (%s), saying it is damaged", async (_, damage) => {
    const pdf = writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "应急体系规划" }] }]);
    expect(await refusalOf(damage(pdf))).toMatch(/not a readable PDF|could not be read/u);
  }, 60_000);

  it("refuses a PDF of thousands of pages before reading them, naming the count and the limit", async () => {
    const pages = Array.from({ length: 5_000 }, (_, index) => ({ texts: [{ x: 72, y: 760, size: 12, text: `Page ${index + 1}` }] }));
    const started = performance.now();
    const message = await refusalOf(writePdf(pages));
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(message).toMatch(/has 5000 pages, more than the 2000/u);
  }, 60_000);

  it("refuses text longer than the limit", async () => {
    const pdf = writePdf([{ texts: [{ x: 72, y: 760, size: 12, text: "应急管理体系和能力现代化".repeat(4) }] }]);
    expect(await refusalOf(pdf, { ...limits, maxTextLength: 20 })).toMatch(/more than 20 characters/u);
  }, 60_000);
});
