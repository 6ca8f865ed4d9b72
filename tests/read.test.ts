import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Zip, ZipDeflate, ZipPassThrough, strToU8, zipSync } from "fflate";
import iconv from "iconv-lite";
import * as OpenCC from "opencc-js";
import { describe, expect, it, vi } from "vitest";
import { findMissingQuotes } from "../src/load/parse-plan.js";
import { readPlanSource, resolvePlan } from "../src/load/files.js";
import { PlanLoadError } from "../src/model/plan-load-error.js";
import { defaultReadLimits } from "../src/read/limits.js";
import { readDocument as readInBrowser } from "../src/read/read-document.js";
import { readDocument, readDocumentFile } from "../src/read/read-document-file.js";
import { buildDocx, numberingDefinition, paragraph, table } from "./support/docx-builder.js";

// The PDF reader is written on another branch: here it stands in, so that these tests check only that a PDF
// is recognised by its content and handed to it.
vi.mock("../src/read/pdf.js", () => ({
  readPdf: vi.fn(async () => ({ text: readFileSync(path.join(import.meta.dirname, "../data/sources/daixian.txt"), "utf8"), pages: 3, notes: ["read by the stand-in"] })),
}));

const fixtures = path.join(import.meta.dirname, "fixtures/formats");
const source = (id: string) => readFileSync(path.join(import.meta.dirname, "../data/sources", `${id}.txt`), "utf8");
const encode = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));

/** The refusal a read ends in, as its one issue's message and path. */
async function refusal(read: Promise<unknown>): Promise<{ message: string; path: string }> {
  const error = await read.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(PlanLoadError);
  const issue = (error as PlanLoadError).issues[0];
  return { message: issue?.message ?? "", path: issue?.path ?? "" };
}

describe("readDocument reads text in the encodings plans come in", () => {
  const text = source("daixian");

  it("reads UTF-8, with or without a byte-order mark, which it drops", async () => {
    const plain = await readDocument(new TextEncoder().encode(text));
    expect(plain).toMatchObject({ text, format: "text", encoding: "utf-8", notes: [] });
    const marked = await readDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    expect(marked).toMatchObject({ text, encoding: "utf-8", encodingSource: "bom" });
  });

  it("reads UTF-16 with a byte-order mark, little- and big-endian", async () => {
    const little = await readDocument(new Uint8Array([0xff, 0xfe, ...encode(text, "utf-16le")]));
    expect(little).toMatchObject({ text, encoding: "utf-16le", encodingSource: "bom" });
    const big = await readDocument(new Uint8Array([0xfe, 0xff, ...encode(text, "utf-16be")]));
    expect(big).toMatchObject({ text, encoding: "utf-16be", encodingSource: "bom" });
  });

  it("detects GBK text, decodes it as GB18030 and says in its notes that the encoding was detected", async () => {
    const read = await readDocument(encode(text.replace(/\u00a0/gu, " "), "gbk"));
    expect(read.text).toBe(text.replace(/\u00a0/gu, " "));
    expect(read).toMatchObject({ encoding: "gb18030", encodingSource: "detected" });
    expect(read.notes.join(" ")).toMatch(/detected as gb18030/u);
  });

  it("detects Big5 text (a plan in traditional characters)", async () => {
    const traditional = OpenCC.Converter({ from: "cn", to: "tw" })(source("nanyang")).replace(/\u00a0/gu, " ");
    // What iconv-lite's Big5 and the WHATWG Big5 decoder agree on (they differ on a few, such as 〇).
    const encodable = [...traditional].filter((character) => new TextDecoder("big5").decode(iconv.encode(character, "big5")) === character).join("");
    const read = await readDocument(encode(encodable, "big5"));
    expect(read).toMatchObject({ text: encodable, encoding: "big5", encodingSource: "detected" });
  });

  it("honours a charset the page declares, in <meta charset>, <meta http-equiv> or an XML declaration, GB2312 read as GB18030", async () => {
    // Too short to detect reliably: only the declaration can tell.
    const body = "<body><p>应急</p></body></html>";
    for (const head of ['<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=GBK">']) {
      const read = await readDocument(encode(`<html><head>${head}</head>${body}`, "gbk"));
      expect(read).toMatchObject({ format: "html", encoding: "gb18030", encodingSource: "declared" });
      expect(read.text).toContain("<p>应急</p>");
    }
    const xml = await readDocument(encode('<?xml version="1.0" encoding="big5"?><html><body><p>應急管理</p></body></html>', "big5"));
    expect(xml).toMatchObject({ encoding: "big5", encodingSource: "declared" });
    expect(xml.text).toContain("應急管理");
  });

  it("does not believe a declaration the bytes contradict: a page saying UTF-8 in GBK is detected, and the notes say so", async () => {
    const page = `<html><head><meta charset="utf-8"></head><body>${text.replace(/\u00a0/gu, " ").split("\n").map((line) => `<p>${line}</p>`).join("")}</body></html>`;
    const read = await readDocument(encode(page, "gbk"));
    expect(read).toMatchObject({ encoding: "gb18030", encodingSource: "detected" });
    expect(read.notes.join(" ")).toMatch(/declares utf-8, but its bytes are not utf-8/u);
  });

  it("refuses bytes that are not the encoding a byte-order mark says, naming the offset of the first", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("应急"), 0xff, 0x41]);
    expect((await refusal(readDocument(bytes, { file: "x.txt" }))).message).toMatch(/^not UTF-8: byte 9 \(0xFF\)/u);
  });

  it("refuses UTF-8 text with a broken byte rather than guessing another encoding for it", async () => {
    const text = source("daixian");
    const before = new TextEncoder().encode(text.slice(0, 1000));
    const broken = new Uint8Array([...before, 0xff, ...new TextEncoder().encode(text.slice(1000))]);
    expect((await refusal(readDocument(broken))).message).toMatch(new RegExp(`^not UTF-8: byte ${before.length} \\(0xFF\\)`, "u"));
  });

  it("tells HTML from text by content", async () => {
    expect((await readDocument(new TextEncoder().encode("<!DOCTYPE html><p>一、总体要求</p>"))).format).toBe("html");
    expect((await readDocument(new TextEncoder().encode("一、总体要求 <略>"))).format).toBe("text");
  });
});

/** An invented document: Chinese headings numbered by Word (一、 （一） 1.), a list restarting under each. */
function numberedDocument(): Uint8Array {
  return buildDocx({
    numbering: numberingDefinition(1, [["chineseCounting", "%1、", "nothing"], ["chineseCounting", "（%2）", "nothing"], ["decimal", "%3.", "nothing"]]) +
      numberingDefinition(2, [["decimalEnclosedCircle", "%1", "nothing"], ["ideographTraditional", "%2、", "nothing"], ["lowerLetter", "%2)", "space"]]),
    styles: '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Heading1Plain"><w:basedOn w:val="Heading1"/></w:style>',
    body: [
      paragraph("代县应急体系规划"),
      paragraph("总体要求", { style: "Heading1" }),
      paragraph("指导思想", { numId: 1, level: 1 }),
      paragraph("坚持人民至上", { numId: 1, level: 2 }),
      paragraph("坚持底线思维", { numId: 1, level: 2 }),
      paragraph("工作原则", { numId: 1, level: 1 }),
      paragraph("明确责任", { numId: 1, level: 2 }),
      paragraph("主要任务", { style: "Heading1Plain" }),
      paragraph("完善体制", { numId: 1, level: 1 }),
      paragraph("圆圈", { numId: 2, level: 0 }),
      paragraph("天干", { numId: 2, level: 1 }),
      paragraph("天干", { numId: 2, level: 1 }),
    ].join(""),
  });
}

describe("readDocument reads Word files", () => {
  it("shows automatic numbering as Word does, from numbering.xml and from paragraph styles (based-on included)", async () => {
    const read = await readDocument(numberedDocument(), { file: "invented.docx" });
    expect(read).toMatchObject({ format: "docx", encoding: null, encodingSource: null });
    expect(read.text.split("\n")).toEqual([
      "代县应急体系规划", "一、总体要求", "（一）指导思想", "1.坚持人民至上", "2.坚持底线思维", "（二）工作原则", "1.明确责任",
      "二、主要任务", "（一）完善体制", "①圆圈", "甲、天干", "乙、天干", "",
    ]);
  });

  it("gives tables as tables: each cell on a line, row by row, a blank line after", async () => {
    const docx = buildDocx({ body: paragraph("核心指标") + table([["序号", "指标内容"], ["1", "生产安全事故死亡人数"]]) + paragraph("说明") });
    expect((await readDocument(docx)).text).toBe("核心指标\n序号\n指标内容\n1\n生产安全事故死亡人数\n\n说明\n");
  });

  it("keeps tabs and line breaks, reads text boxes once, and leaves out deleted text and field codes", async () => {
    const box = '<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    const body = `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>序号</w:t><w:tab/><w:t>名称</w:t><w:br/><w:t>下一行</w:t></w:r>` +
      `<w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>7</w:t><w:fldChar w:fldCharType="end"/></w:r>${box}</w:p>`;
    expect((await readDocument(buildDocx({ body }))).text).toBe("框内\n序号\t名称\n下一行7\n");
  });

  it("reads a Word 97-2003 .doc made by LibreOffice, its table one cell per line; in a browser it asks for .docx", async () => {
    const bytes = readFileSync(path.join(fixtures, "daixian.doc"));
    const read = await readDocument(bytes, { file: "daixian.doc" });
    expect(read.format).toBe("doc");
    expect(read.text).toContain("序号\n指标内容\n2025年预期值\n责任单位\n1\n生产安全事故死亡人数\n下降15%\n");
    expect((await refusal(readInBrowser(bytes, { file: "daixian.doc" }))).message).toMatch(/save it as \.docx/u);
  });

  it("hands a PDF, recognised by its bytes whatever the name, to the PDF reader", async () => {
    const read = await readDocument(new TextEncoder().encode("%PDF-1.7\n%…"), { file: "plan.txt" });
    expect(read).toMatchObject({ format: "pdf", text: source("daixian"), pages: 3, encoding: null });
  });
});

const oleHeader = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (name: string) => [...name].flatMap((character) => [character.charCodeAt(0), 0]);
const zipOf = (...names: string[]) => zipSync(Object.fromEntries(names.map((name) => [name, strToU8("<x/>")])));

describe("readDocument refuses what it cannot read, saying what it is and what to do", () => {
  const cases: Array<{ what: string; bytes: Uint8Array; says: RegExp }> = [
    { what: "OFD", bytes: zipOf("OFD.xml", "Doc_0/Document.xml"), says: /OFD.*数科, 福昕.*PDF or Word/u },
    { what: "PNG", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), says: /PNG image.*OCR/u },
    { what: "JPEG", bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), says: /JPEG image/u },
    { what: "GIF", bytes: strToU8("GIF89a\u0001\u0000"), says: /GIF image/u },
    { what: "TIFF", bytes: new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0]), says: /TIFF image/u },
    { what: "BMP", bytes: new Uint8Array([0x42, 0x4d, 10, 0, 0, 0, 0, 0, 0, 0]), says: /BMP image/u },
    { what: "WebP", bytes: strToU8("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), says: /WebP image/u },
    { what: "a zip of other files", bytes: zipOf("plan.docx"), says: /zip archive.*unpack it/u },
    { what: "RAR", bytes: new Uint8Array([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), says: /RAR archive/u },
    { what: "7z", bytes: new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), says: /7z archive/u },
    { what: "gzip", bytes: new Uint8Array([0x1f, 0x8b, 8, 0]), says: /gzip archive/u },
    { what: "xlsx", bytes: zipOf("xl/workbook.xml", "[Content_Types].xml"), says: /Excel workbook \(\.xlsx\)/u },
    { what: "xls", bytes: new Uint8Array([...oleHeader, ...new Array(64).fill(0), ...utf16("Workbook")]), says: /Excel workbook \(\.xls\)/u },
    { what: "pptx", bytes: zipOf("ppt/presentation.xml"), says: /PowerPoint presentation \(\.pptx\)/u },
    { what: "ppt", bytes: new Uint8Array([...oleHeader, ...new Array(64).fill(0), ...utf16("PowerPoint Document")]), says: /PowerPoint presentation \(\.ppt\)/u },
    { what: "an OLE file that is not Word", bytes: new Uint8Array([...oleHeader, ...new Array(64).fill(0)]), says: /save it as \.docx/u },
    { what: "binary", bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), says: /binary, not text/u },
  ];

  it.each(cases)("$what", async ({ bytes, says }) => {
    const { message } = await refusal(readDocument(bytes, { file: "input" }));
    expect(message).toMatch(says);
    expect(message).toMatch(/plan-align reads PDF, Word \(\.docx, \.doc\), HTML pages and text files/u);
  });
});

/** A .docx whose document.xml unpacks to `megabytes` of spaces, written in pieces so the test holds little. */
function zipBomb(megabytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error !== null) throw error;
    chunks.push(chunk);
  });
  const types = new ZipPassThrough("[Content_Types].xml");
  zip.add(types);
  types.push(strToU8("<Types/>"), true);
  const document = new ZipDeflate("word/document.xml", { level: 9 });
  zip.add(document);
  const piece = new Uint8Array(1024 * 1024).fill(0x20);
  for (let index = 0; index < megabytes; index += 1) document.push(piece, index === megabytes - 1);
  zip.end();
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((offset, chunk) => (out.set(chunk, offset), offset + chunk.length), 0);
  return out;
}

describe("readDocument refuses hostile and broken files in bounded time", { timeout: 60_000 }, () => {
  it("stops unpacking a zip bomb past maxUnpackedBytes (the default bound, and a lower one)", async () => {
    const bomb = zipBomb(100);
    expect(bomb.length).toBeLessThan(defaultReadLimits.maxUnpackedBytes / 100);
    const started = Date.now();
    expect(await refusal(readDocument(bomb, { file: "bomb.docx" }))).toEqual({ path: "word/document.xml", message: expect.stringMatching(/more than 67108864 bytes.*zip bomb/u) });
    expect(await refusal(readDocument(bomb, { limits: { maxUnpackedBytes: 1024 * 1024 } }))).toMatchObject({ message: expect.stringMatching(/zip bomb/u) });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("does not trust the sizes a zip declares", async () => {
    const bomb = zipBomb(20);
    // Each header that states document.xml's unpacked size says 1,000 bytes instead.
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at += 1) {
      const signature = view.getUint32(at, true);
      if (signature === 0x02014b50) view.setUint32(at + 24, 1000, true);
      if (signature === 0x08074b50) view.setUint32(at + 12, 1000, true);
    }
    expect(await refusal(readDocument(bomb, { limits: { maxUnpackedBytes: 1024 * 1024 } }))).toMatchObject({ message: expect.stringMatching(/zip bomb/u) });
  });

  it("refuses a cut-off .docx and malformed XML, naming the part", async () => {
    const whole = numberedDocument();
    expect((await refusal(readDocument(whole.subarray(0, whole.length - 30)))).message).toMatch(/cut off or damaged/u);
    const truncated = zipSync({ "word/document.xml": strToU8('<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>应急') });
    expect(await refusal(readDocument(truncated))).toEqual({ path: "word/document.xml", message: expect.stringMatching(/cut off or malformed XML/u) });
  });

  it("refuses a file over maxBytes, and readDocumentFile does so before reading it", async () => {
    expect((await refusal(readDocument(new Uint8Array(2048), { limits: { maxBytes: 1024 } }))).message).toMatch(/more than limits\.maxBytes \(1024\)/u);
    expect((await refusal(readDocumentFile(path.join(fixtures, "nanyang.docx"), { maxBytes: 1024 }))).message).toMatch(/^\d+ bytes, more than limits\.maxBytes/u);
  });

  it("refuses text over maxTextLength", async () => {
    const text = new TextEncoder().encode(source("daixian"));
    expect((await refusal(readDocument(text, { limits: { maxTextLength: 1000 } }))).message).toMatch(/more than limits\.maxTextLength \(1000\)/u);
  });

  it("reads an HTML page of megabytes on one line, and refuses it past maxTextLength", async () => {
    const line = `<html><head><meta charset="gb2312"></head><body>${"<p>应急管理体系建设</p>".repeat(300_000)}</body></html>`;
    const bytes = encode(line, "gbk");
    expect(bytes.length).toBeGreaterThan(5_000_000);
    const started = Date.now();
    const read = await readDocument(bytes, { limits: { maxTextLength: 10_000_000 } });
    expect(read).toMatchObject({ format: "html", encoding: "gb18030", encodingSource: "declared" });
    expect(read.text.length).toBe(line.length);
    expect((await refusal(readDocument(bytes))).message).toMatch(/maxTextLength/u);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses random bytes quickly", async () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 1_000_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23);
    expect((await refusal(readDocument(random))).message).toMatch(/binary|not text/u);
  });
});

describe("readDocument's arguments", () => {
  it("are checked at its door", async () => {
    await expect(readDocument("text" as unknown as Uint8Array)).rejects.toThrow(/readDocument: bytes/u);
    await expect(readDocument(new Uint8Array(1), { limits: { maxBytes: -1 } })).rejects.toThrow(/options\.limits\.maxBytes/u);
  });
});

describe("documents given where plans are read through the read stage", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "plan-align-read-"));

  it("extracts a plan from a .docx, and validates its quotes against the .docx read as extraction read it", async () => {
    const { plan, file } = await resolvePlan(path.join(fixtures, "daixian.docx"));
    expect(plan.source.file).toBe("daixian.docx");
    expect(findMissingQuotes(plan, await readPlanSource(plan, file))).toEqual([]);
    await expect(resolvePlan(path.join(fixtures, "nanyang.gbk.txt"), { verifyQuotes: true })).resolves.toMatchObject({ plan: { jurisdiction: { name: "南阳市" } } });
  });

  it("reads a .txt that is really a PDF as a PDF, and names a .json that is a PDF or Word file as such", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n%…");
    writeFileSync(path.join(work, "plan.txt"), pdf);
    expect((await resolvePlan(path.join(work, "plan.txt"))).plan.title).toBe("代县贯彻落实国家、省及市“十四五”应急体系规划实施方案");
    writeFileSync(path.join(work, "plan.json"), pdf);
    expect((await refusal(resolvePlan(path.join(work, "plan.json")))).message).toMatch(/^a PDF document, not a JSON or YAML file/u);
    writeFileSync(path.join(work, "plan.yaml"), readFileSync(path.join(fixtures, "daixian.docx")));
    expect((await refusal(resolvePlan(path.join(work, "plan.yaml")))).message).toMatch(/^a Word document, not a JSON or YAML file/u);
  });
});

describe("plan-align/read in a browser", () => {
  it("bundles for browsers with nothing of Node's, and refuses PDF there with where it is read", { timeout: 120_000 }, async () => {
    const { build } = await import("esbuild");
    const bundled = await build({
      stdin: { contents: 'export { readDocument } from "./src/read.ts";', resolveDir: path.join(import.meta.dirname, ".."), loader: "ts" },
      bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent",
    });
    expect(bundled.errors).toEqual([]);
    expect(bundled.outputFiles[0]?.text).not.toMatch(/from\s*["']node:/u);
    const pdf = new TextEncoder().encode("%PDF-1.7\n%…");
    await expect(readInBrowser(pdf, { file: "plan.pdf" })).rejects.toThrow("plan.pdf: a PDF, read only under Node (plan-align/node)");
  });
});

