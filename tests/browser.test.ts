import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditPlan, getBundledPlan, renderAudit } from "../src/index.js";

// The HTML report in a real browser: Debian's chromium, which .ci/run installs. Where it is not
// installed (a developer's machine without it), the suite is skipped and says so.
const executablePath = "/usr/bin/chromium";
const available = existsSync(executablePath);

describe.skipIf(!available)("the HTML audit report in Chromium", () => {
  let browser: Browser;
  let file: string;
  const report = auditPlan(getBundledPlan("daixian"));

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-html-"));
    file = path.join(dir, "daixian.html");
    await writeFile(file, renderAudit(report, "html"));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every finding, the target charts and the side-by-side view, with no request and no error", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => { if (!request.url().startsWith("file:")) problems.push(`request to ${request.url()}`); });
    await page.goto(`file://${file}`);
    expect(await page.title()).toContain("代县");
    const findingRows = page.locator("h2 + table tbody tr");
    expect(await findingRows.count()).toBe(report.findings.length);
    const charts = page.locator("svg.chart");
    expect(await charts.count()).toBe(6);
    const box = await charts.first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.locator("td.diff del").first().textContent()).toBeTruthy();
    await page.screenshot({ path: file.replace(/\.html$/u, ".png"), fullPage: true });
    expect(problems).toEqual([]);
  });
});
