import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import radicalTable from "../data/text/radical-equivalents.json";
import packageJson from "../package.json";

// audit-all's HTML page, the one a bureau hands on, in a real browser (Debian's chromium, which .ci/run
// installs), on screen and printed to PDF. The batch is the README's: 代县, 南阳, the example folder (an
// invented county under 南阳市), with a cut-off copy of 代县's plan and a file that cannot be read beside it.
// Where chromium is not installed the suite is skipped; in CI (CI set) a missing chromium fails it instead.
// Screenshots and the PDF stay in the folder the test prints, for a person to look at.

const root = path.join(import.meta.dirname, "..");
const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
const executablePath = "/usr/bin/chromium";
const available = existsSync(executablePath) || process.env.CI !== undefined;
const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
// 2025-12-06 in UTC: the date the page must show, whatever day the test runs.
const sourceDateEpoch = "1765000000";
// A4 in PDF points, and its printable width in CSS pixels with the page's 12 mm side margins.
const a4 = { width: 595.28, height: 841.89 };
const printableWidth = Math.floor(((210 - 24) / 25.4) * 96);
// Printing a hundred-page PDF and reading it back takes a while on a loaded machine.
const slow = { timeout: 300_000 };

describe.skipIf(!available)("audit-all's HTML page in Chromium, on screen and printed", () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let status: number | null;
  let stderr: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-batch-page-"));
    const folder = path.join(dir, "more");
    await mkdir(folder);
    await copyFile(path.join(root, "docs", "examples", "daixian-cut-off.txt"), path.join(folder, "daixian-cut-off.txt"));
    await writeFile(path.join(folder, "broken.txt"), Buffer.from([0x74, 0x65, 0x78, 0x74, 0xff, 0xfe, 0x0a]));
    file = path.join(dir, "matrix.html");
    const args = ["audit-all", "daixian", "nanyang", path.join(root, "docs", "examples", "plans"), folder, "--threads", "1", "--review", "docs/examples/review.yaml", "-o", file];
    const result = spawnSync(process.execPath, ["--import", tsx, path.join(root, "src/cli/main.ts"), ...args], {
      cwd: root, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: sourceDateEpoch },
    });
    ({ status, stderr } = result);
    browser = await chromium.launch({ executablePath, args: launchArgs });
    console.log(`audit-all page, screenshots and PDF in ${dir}`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The page opened from its file, with what went wrong in it: console and page errors, requests beyond the file. */
  async function open(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => { if (request.url().split("#")[0] !== `file://${file}`) problems.push(`request to ${request.url()}`); });
    await page.goto(`file://${file}`);
    return { page, problems };
  }

  it("is written, with the unreadable file listed and exit code 4", () => {
    expect(stderr).toContain("broken.txt");
    expect(status).toBe(4);
  });

  it("says when, by which version and with which settings it was made", slow, async () => {
    const { page, problems } = await open({ width: 1400, height: 1000 });
    const header = await page.locator("dl.made").innerText();
    expect(header).toContain("生成日期\n2025-12-06");
    expect(header).toContain(`plan-align 版本\n${packageJson.version}`);
    expect(header).toMatch(/语言 中文; 匹配阈值 指标 0\.\d+、任务 0\.\d+/u);
    expect(header).toContain("--review docs/examples/review.yaml");
    expect(header).toContain("已审计 4 份规划；1 个文件无法读取；0 个已跳过");
    expect(await page.locator("section.left-out").innerText()).toContain("broken.txt");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("heads its columns with places (titles on hover), marks the cut-off copy and the parents known in outline, and totals each plan", slow, async () => {
    const { page, problems } = await open({ width: 1400, height: 1000 });
    const heads = page.locator("table.matrix thead th.plan");
    expect(await heads.allInnerTexts()).toEqual(["代县\ndaixian", "南阳市", "示例县", "代县\ndaixian-cut-off\n文本被截断"]);
    expect(await heads.nth(1).getAttribute("title")).toBe("南阳市“十四五”应急体系和本质安全能力建设规划");
    expect(await heads.nth(3).locator(".extent").getAttribute("title")).toContain("止于“");
    // The national plan and 山西省's and 河南省's are bundled as outlines: each group of rows says so.
    const outlines = await page.locator("tr.ancestor").filter({ hasText: "仅知提纲" }).allInnerTexts();
    expect(outlines.map((text) => text.split("\n")[0])).toEqual(expect.arrayContaining(["“十四五”国家应急体系规划仅知提纲"]));
    expect(outlines.length).toBeGreaterThanOrEqual(2);
    // Each total is the count of its column's cells with that verdict, read off the page itself.
    const checked = await page.evaluate(`(() => {
      const table = document.querySelector("table.matrix");
      const body = table.tBodies[1];
      const mismatches = [];
      let compared = 0;
      for (const row of table.tBodies[0].rows) {
        const label = row.cells[0].textContent.split(": ")[1];
        for (let column = 1; column < row.cells.length; column += 1) {
          const cells = [...body.rows].filter((entry) => !entry.classList.contains("ancestor")).map((entry) => entry.cells[column]);
          if (["错误", "警告", "提示"].includes(label)) continue;
          const expected = label === "列入的项" ? cells.filter((cell) => !cell.classList.contains("none")).length : cells.filter((cell) => cell.textContent === label).length;
          compared += 1;
          if (String(expected) !== row.cells[column].textContent) mismatches.push(label + " " + column + ": " + row.cells[column].textContent + " != " + expected);
        }
      }
      return { compared, mismatches };
    })()`);
    expect(checked).toMatchObject({ mismatches: [] });
    expect((checked as { compared: number }).compared).toBeGreaterThan(4 * 3);
    expect(await page.locator("tbody.totals tr").first().innerText()).toMatch(/^合计: 错误\t\d+\t\d+\t\d+\t\d+$/u);
    await page.screenshot({ path: path.join(dir, "screen-top.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("gives each plan a section that opens to the evidence audit shows, and every cell's link opens it at the finding", slow, async () => {
    const { page, problems } = await open({ width: 1400, height: 1000 });
    const sections = page.locator("details.plan");
    expect(await sections.count()).toBe(4);
    expect(await page.locator("details.plan[open]").count()).toBe(0);
    for (let index = 0; index < 4; index += 1) {
      const section = sections.nth(index);
      // Quotes of the source beside each finding, and the matches side by side with their differences.
      expect(await section.locator("table tbody tr[id] blockquote").count()).toBeGreaterThan(0);
      expect(await section.locator("td.diff").count()).toBeGreaterThan(0);
    }
    // 代县's and 南阳's own targets against the levels above, as charts.
    expect(await sections.nth(0).locator("svg.chart").count()).toBeGreaterThan(0);
    expect(await sections.nth(1).locator("svg.chart").count()).toBeGreaterThan(0);
    const links = await page.locator("table.matrix td a").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
    expect(links.length).toBeGreaterThan(20);
    for (const link of new Set(links)) expect(await page.locator(`[id="${link?.slice(1)}"]`).count(), `${link}`).toBe(1);
    // Following a cell's link opens the plan's section at the finding behind it.
    const weaker = page.locator("table.matrix td", { hasText: "弱于上级" }).first().locator("a");
    const target = (await weaker.getAttribute("href"))?.slice(1) ?? "";
    await weaker.click();
    await expect.poll(() => page.locator(`[id="${target}"]`).evaluate((row) => row.closest("details")?.open)).toBe(true);
    expect(await page.locator(`[id="${target}"]`).isVisible()).toBe(true);
    expect(await page.locator(`[id="${target}"]`).innerText()).toContain("弱于");
    await page.locator(`[id="${target}"]`).screenshot({ path: path.join(dir, "screen-finding.png") });
    await page.screenshot({ path: path.join(dir, "screen-section.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("prints on A4 with every section open, no label clipped, nothing past the page's width", slow, async () => {
    const { page, problems } = await open({ width: printableWidth, height: 1000 });
    await page.emulateMedia({ media: "print" });
    // Laid out as print lays it out: every section's content shown though none is open.
    expect(await page.locator("details.plan table").first().isVisible()).toBe(true);
    const overflow = await page.evaluate<{ page: number; width: number; clipped: string[]; charts: number }>(`(() => {
      const clipped = [];
      const charts = document.querySelectorAll("svg.chart");
      for (const chart of charts) {
        const box = chart.getBoundingClientRect();
        if (box.right > document.documentElement.clientWidth + 0.5) clipped.push("chart past the page: " + chart.getAttribute("aria-label"));
        for (const text of chart.querySelectorAll("text")) {
          const inner = text.getBoundingClientRect();
          if (inner.left < box.left - 0.5 || inner.right > box.right + 0.5 || inner.top < box.top - 0.5 || inner.bottom > box.bottom + 0.5) clipped.push(text.textContent);
        }
      }
      return { page: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, clipped, charts: charts.length };
    })()`);
    expect(overflow.charts).toBeGreaterThan(0);
    expect(overflow.clipped).toEqual([]);
    expect(overflow.page).toBeLessThanOrEqual(overflow.width);
    await page.screenshot({ path: path.join(dir, "print-layout.png"), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, path: path.join(dir, "matrix.pdf") });
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(4);
    for (const { width, height } of pages) {
      expect(width).toBeCloseTo(a4.width, 0);
      expect(height).toBeCloseTo(a4.height, 0);
    }
    // No table row split across pages: each row's text, spaces aside, is whole on one page, or where a font
    // names a glyph by another code point (户 as 戶) its first and last words are on one page. Rows are read
    // from the page laid out for print; each page's text from the PDF.
    const rows = await page.evaluate<string[]>(`[...document.querySelectorAll("table tr")].map((row) => row.innerText)`);
    const pageTexts = pages.map((entry) => squeeze(entry.text));
    const onOnePage = (row: string) =>
      pageTexts.some((text) => text.includes(row)) || pageTexts.some((text) => text.includes(row.slice(0, 10)) && text.includes(row.slice(-10)));
    const split = rows.map(squeeze).filter((row) => row !== "" && !onOnePage(row));
    expect(rows.length).toBeGreaterThan(100);
    expect(split).toEqual([]);
    // The matrix's header on every page the matrix runs over: those before the plans' sections, which start a page.
    const [head = "", ...matrixRows] = await page.evaluate<string[]>(`[...document.querySelectorAll("table.matrix tr")].map((row) => row.innerText)`);
    const sectionsHeading = squeeze(await page.locator("h2.plans").innerText());
    const sectionsStart = pageTexts.findIndex((text) => text.startsWith(sectionsHeading));
    expect(sectionsStart).toBeGreaterThan(0);
    const matrixPages = pageTexts.slice(0, sectionsStart).filter((text) => matrixRows.some((row) => text.includes(squeeze(row))));
    expect(matrixPages.length).toBeGreaterThan(1);
    for (const text of matrixPages) expect(text).toContain(squeeze(head));
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * Text as rows and pages are compared: without spaces or line breaks (print wraps lines where the screen
 * does not), radicals as the ideographs they stand for (a PDF's text may say ⽣ or ⻔ for the 生 or 门 its
 * glyph shows; NFKC maps the first kind, data/text/radical-equivalents.json the second, as the PDF reader does).
 */
function squeeze(text: string): string {
  return text.replace(/[\u2e80-\u2eff]/gu, (radical) => radicals[radical] ?? radical).normalize("NFKC").replace(/\s+/gu, "");
}

const radicals: Readonly<Record<string, string>> = radicalTable.equivalents;

/** Each page of a PDF: its size in points and its text in drawing order (pdf.js, as the PDF reader uses it). */
async function pdfPages(bytes: Uint8Array): Promise<Array<{ width: number; height: number; text: string }>> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    pages.push({ width: x1 - x0, height: y1 - y0, text: content.items.map((item) => ("str" in item ? item.str : "")).join("") });
  }
  await document.destroy();
  return pages;
}
