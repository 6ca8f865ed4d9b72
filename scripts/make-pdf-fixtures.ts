// npx tsx scripts/make-pdf-fixtures.ts: prints the real documents data/sources/daixian.txt and nanyang.txt as
// PDFs laid out the way government PDFs are (A4, indented paragraphs that wrap over several lines, indicator
// tables as ruled tables whose cells wrap, boxes (专栏) framed, a running head and page numbers in the page
// margins), into tests/fixtures/formats/<id>.pdf. Needs Debian's chromium, fonts-noto-cjk and qpdf. The PDF
// reader's tests read these files back and compare what extraction finds with what it finds in the source.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

interface FixtureLayout {
  id: string;
  /** The plan's title, repeated as the running head of every page. */
  runningHead: string;
  /** CSS `content` of the page-number box at the foot of each page. */
  pageNumber: string;
}

const layouts: readonly FixtureLayout[] = [
  { id: "daixian", runningHead: "代县贯彻落实国家、省及市“十四五”应急体系规划实施方案", pageNumber: `"— " counter(page) " —"` },
  { id: "nanyang", runningHead: "南阳市“十四五”应急体系和本质安全能力建设规划", pageNumber: `"第 " counter(page) " 页 共 " counter(pages) " 页"` },
];

const root = path.join(import.meta.dirname, "..");
const outputFolder = path.join(root, "tests", "fixtures", "formats");

const escapeHtml = (text: string) => text.replace(/[&<>"]/gu, (character) => `&#${character.codePointAt(0)};`);

/**
 * The source's lines as HTML blocks. An indicator table arrives one cell per line (序号, the other column
 * heads, then rows each opening with its number): it becomes a ruled table with as many columns as it has
 * heads. A box (专栏 N title, then items numbered from 1) becomes a framed block of unindented items.
 */
function renderBody(sourceLines: readonly string[], title: string): string {
  const lines = sourceLines.map((line) => line.trim()).filter((line) => line !== "");
  const blocks: string[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at] ?? "";
    if (line === "序号") {
      const heads: string[] = [];
      while (at < lines.length && lines[at] !== "1") heads.push(lines[at++] ?? "");
      const rows: string[][] = [];
      while (lines[at] === String(rows.length + 1)) {
        rows.push(lines.slice(at, at + heads.length));
        at += heads.length;
      }
      blocks.push(renderTable(heads, rows));
      continue;
    }
    if (/^专栏\s*\d+/u.test(line)) {
      const items: string[] = [];
      at += 1;
      while (at < lines.length && new RegExp(`^${items.length + 1}\\.`, "u").test(lines[at] ?? "")) items.push(lines[at++] ?? "");
      blocks.push(`<div class="box"><p class="box-title">${escapeHtml(line)}</p>${items.map((item) => `<p>${escapeHtml(item)}</p>`).join("")}</div>`);
      continue;
    }
    if (line === title || /关于印发.*通知$/u.test(line)) blocks.push(`<h1>${escapeHtml(line)}</h1>`);
    else if (/^\d{4}年\d{1,2}月\d{1,2}日$/u.test(line)) blocks.push(`<p class="date">${escapeHtml(line)}</p>`);
    else blocks.push(`<p>${escapeHtml(line)}</p>`);
    at += 1;
  }
  return blocks.join("\n");
}

function renderTable(heads: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = (row: readonly string[], tag: string) => row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("");
  return `<table><thead><tr>${cells(heads, "th")}</tr></thead><tbody>${rows.map((row) => `<tr>${cells(row, "td")}</tr>`).join("")}</tbody></table>`;
}

function renderPage(layout: FixtureLayout, sourceText: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {
  size: A4; margin: 28mm 24mm 26mm;
  @top-center { content: "${layout.runningHead}"; font: 10.5pt "Noto Serif CJK SC"; border-bottom: 0.5pt solid #000; }
  @bottom-center { content: ${layout.pageNumber}; font: 10.5pt "Noto Serif CJK SC"; }
}
body { font: 12pt/1.6 "Noto Serif CJK SC"; margin: 0; text-align: justify; }
p { margin: 0; text-indent: 2em; }
h1 { font: 16pt/1.5 "Noto Serif CJK SC"; text-align: center; margin: 12pt 0; }
.date { text-align: right; }
.box { border: 0.75pt solid #000; padding: 2pt 3pt; margin: 6pt 0; }
.box p { text-indent: 0; }
.box .box-title { text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font: 10.5pt/1.4 "Noto Serif CJK SC"; }
th, td { border: 0.75pt solid #000; padding: 3pt 4pt; text-align: center; vertical-align: middle; }
th:nth-child(1) { width: 8%; } th:nth-child(2) { width: 38%; } th:nth-child(3) { width: 16%; }
</style></head><body>
${renderBody(sourceText.split("\n"), layout.runningHead)}
</body></html>`;
}

mkdirSync(outputFolder, { recursive: true });
const workFolder = mkdtempSync(path.join(tmpdir(), "pdf-fixtures-"));
try {
  for (const layout of layouts) {
    const htmlFile = path.join(workFolder, `${layout.id}.html`);
    writeFileSync(htmlFile, renderPage(layout, readFileSync(path.join(root, "data", "sources", `${layout.id}.txt`), "utf8")));
    const pdfFile = path.join(outputFolder, `${layout.id}.pdf`);
    const printedFile = path.join(workFolder, `${layout.id}.pdf`);
    execFileSync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", `--print-to-pdf=${printedFile}`, `file://${htmlFile}`], { stdio: "ignore" });
    // Chromium draws Noto CJK as Type 3 fonts, a glyph program per character: qpdf packs the objects into
    // compressed streams, a third smaller, text and layout untouched.
    execFileSync("qpdf", ["--object-streams=generate", "--recompress-flate", "--compression-level=9", printedFile, pdfFile]);
    console.log(`${path.relative(root, pdfFile)}: ${readFileSync(pdfFile).length} bytes`);
  }
} finally {
  rmSync(workFolder, { recursive: true, force: true });
}
