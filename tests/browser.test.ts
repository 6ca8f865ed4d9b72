import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alignChain, alignPlans, auditAll, auditPlan, getAncestorPlans, getBundledPlan, renderAlignment, renderAudit, renderChain, renderMatrix } from "../src/index.js";
import { htmlPage } from "../src/report/formats.js";
import { bidiMarker, hostileMarkup, hostilePlan } from "./support/hostile-plan.js";

// The HTML reports in a real browser: Debian's chromium, which .ci/run installs. Where it is not
// installed (a developer's machine without it), the suites are skipped and say so; in CI (CI set) a
// missing chromium fails them instead.
const executablePath = "/usr/bin/chromium";
const available = existsSync(executablePath) || process.env.CI !== undefined;
const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

describe.skipIf(!available)("the HTML audit report in Chromium", () => {
  let browser: Browser;
  let file: string;
  const report = auditPlan(getBundledPlan("daixian"));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: launchArgs });
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

/**
 * A page opened from a file, with what it did: console and page errors, and each request other than for
 * the file with how it ended ("csp" when the policy stopped it before it left).
 */
async function openPage(browser: Browser, file: string) {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests = new Map<string, string>();
  page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("request", (request) => { if (request.url() !== `file://${file}`) requests.set(request.url(), "pending"); });
  page.on("requestfinished", (request) => { if (requests.has(request.url())) requests.set(request.url(), "finished"); });
  page.on("requestfailed", (request) => { if (requests.has(request.url())) requests.set(request.url(), request.failure()?.errorText ?? "failed"); });
  await page.goto(`file://${file}`, { waitUntil: "networkidle" });
  return { page, problems, requests };
}

// Where the letters of the bidi marker's "abc" display, left to right, in each text node that holds it.
// A string, run in the page: the tests are type-checked without the DOM's types.
const markerLetterPositions = `(() => {
  const positions = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const marker = node.textContent.indexOf("次序");
    const start = node.textContent.indexOf("abc", marker);
    if (marker < 0 || start < 0) continue;
    positions.push([0, 1, 2].map((offset) => {
      const range = document.createRange();
      range.setStart(node, start + offset);
      range.setEnd(node, start + offset + 1);
      return range.getBoundingClientRect().left;
    }));
  }
  return positions;
})()`;

const increasing = (values: readonly number[]) => values.every((value, index) => index === 0 || value > (values[index - 1] ?? value));

describe.skipIf(!available)("HTML reports of a hostile plan in Chromium", () => {
  let browser: Browser;
  let dir: string;
  const plan = hostilePlan();
  const corpus = auditAll([plan, getBundledPlan("nanyang")]);
  const pages: Record<string, string> = {
    "audit.html": renderAudit(auditPlan(plan), "html"),
    "compare.html": renderAlignment(alignPlans(getBundledPlan("national"), plan), "html"),
    "chain.html": renderChain(alignChain(plan, getAncestorPlans(plan)), "html"),
    // With the plans given, columns are headed by the hostile plan's place and its sections hold its evidence.
    "matrix.html": renderMatrix(corpus.matrix, corpus.reports, "html", "zh", undefined, { plans: [plan, getBundledPlan("nanyang"), ...getAncestorPlans(plan)] }),
  };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: launchArgs });
    dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-hostile-"));
    for (const [name, html] of Object.entries(pages)) await writeFile(path.join(dir, name), html);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(Object.keys(pages))("%s runs no script, makes no request and shows the plan's text as text, in stored order", async (name) => {
    const file = path.join(dir, name);
    const { page, problems, requests } = await openPage(browser, file);
    expect(await page.evaluate("window.pwned")).toBeUndefined();
    expect([...requests.keys()]).toEqual([]);
    expect(await page.locator("script, img, iframe, link, object, embed, a[href^='javascript']").count()).toBe(0);
    expect(await page.locator("body").textContent()).toContain("<script>window.pwned");
    const positions = await page.evaluate<number[][]>(markerLetterPositions);
    expect(positions.length).toBeGreaterThan(0);
    for (const letters of positions) expect(increasing(letters), `${letters.join(", ")}`).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the policy's promise where escaping did not happen: markup pasted raw runs and fetches nothing", async () => {
    // The same markup unescaped, as a renderer bug would leave it, but for the meta refresh: a policy does
    // not govern navigation, so only escaping stops that (the pages above). The live bidi marker shows the
    // measurement sees reversed text.
    const file = path.join(dir, "raw.html");
    await writeFile(file, htmlPage("raw", `<p>${hostileMarkup.replace(/<meta [^>]*>/u, "")}</p><p>${bidiMarker}</p>`, "zh"));
    const { page, problems, requests } = await openPage(browser, file);
    expect(await page.evaluate("window.pwned")).toBeUndefined();
    // Chromium reports the requests the markup asks for, and that the policy stopped each before it left.
    expect(requests.size).toBeGreaterThan(0);
    expect(new Set(requests.values())).toEqual(new Set(["csp"]));
    expect(problems.some((problem) => problem.includes("Content Security Policy"))).toBe(true);
    const positions = await page.evaluate<number[][]>(markerLetterPositions);
    expect(positions.map(increasing)).toEqual([false]);
    await page.close();
  });
});
