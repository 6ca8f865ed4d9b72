import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAncestorPlans, getBundledPlan } from "../src/index.js";
import { bundleForBrowser } from "./support/bundle-size.js";

// The library itself in a browser: each entry bundled from dist/ for browsers as an application would,
// with no Node polyfill, loaded in Debian's chromium and run. As in browser.test.ts, a missing chromium
// skips these where CI is not set and fails them where it is.
const executablePath = "/usr/bin/chromium";
const available = existsSync(executablePath) || process.env.CI !== undefined;
const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** What an audit in the page returned, reduced to what the tests look at. */
interface PageAudit {
  subject: string;
  ancestors: string[];
  findings: number;
  html: boolean;
}

// Run in the page, on the entry the program put on globalThis; a string, as the tests are type-checked
// without the DOM's types.
const summarizeAudit = `(report) => ({
  subject: report.subject.id,
  ancestors: report.chain.map((step) => step.reference.id),
  findings: report.findings.length,
  html: globalThis.entry.renderAudit(report, "html").includes("<table"),
})`;

describe.skipIf(!available)("the library in Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: launchArgs });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A blank page with the entry loaded as `globalThis.entry`, and the errors it reports. */
  async function pageWith(entry: string): Promise<{ page: Page; problems: string[] }> {
    const bundle = await bundleForBrowser(`import * as entry from "${entry}"; globalThis.entry = entry;`);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.addScriptTag({ content: bundle.text, type: "module" });
    await page.waitForFunction("globalThis.entry !== undefined");
    return { page, problems };
  }

  it("loads plan-align and audits a bundled plan against its bundled ancestors", async () => {
    const { page, problems } = await pageWith("plan-align");
    const audit = await page.evaluate<PageAudit>(`(${summarizeAudit})(globalThis.entry.auditPlan(globalThis.entry.getBundledPlan("daixian")))`);
    expect(audit).toMatchObject({ subject: "daixian", ancestors: ["xinzhou", "shanxi", "national"], html: true });
    expect(audit.findings).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("loads plan-align/core and audits a plan against the ancestors given, and refuses one without", async () => {
    const { page, problems } = await pageWith("plan-align/core");
    const plan = getBundledPlan("daixian");
    const ancestors = getAncestorPlans(plan);
    // A string evaluates as an expression, so the plans go in as JSON text.
    const audit = await page.evaluate<PageAudit>(`(${summarizeAudit})(globalThis.entry.auditPlan(${JSON.stringify(plan)}, { ancestors: ${JSON.stringify(ancestors)} }))`);
    expect(audit).toMatchObject({ subject: "daixian", ancestors: ["xinzhou", "shanxi", "national"], html: true });
    expect(audit.findings).toBeGreaterThan(0);
    const refusal = await page.evaluate<string>(`(() => {
      try { globalThis.entry.auditPlan(${JSON.stringify(plan)}); return "no error"; } catch (error) { return error.name; }
    })()`);
    expect(refusal).toBe("InputError");
    expect(await page.evaluate("typeof globalThis.entry.getBundledPlan")).toBe("undefined");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("runs the README's page: docs/examples/browser/ bundled with esbuild audits the example document", async () => {
    const examples = path.join(import.meta.dirname, "../docs/examples");
    // As the README bundles it (`npx esbuild audit-page.js --bundle --format=esm --outfile=…`), from dist/.
    const built = await esbuild.build({ entryPoints: [path.join(examples, "browser/audit-page.js")], bundle: true, format: "esm", write: false, logLevel: "error" });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    // The folder served as a static server would, on an address that never leaves the page.
    await page.route("http://examples.test/**", async (route) => {
      const file = new URL(route.request().url()).pathname;
      const body = file === "/browser/audit-page.bundle.js" ? built.outputFiles[0]!.text : readFileSync(path.join(examples, file));
      const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "text/plain; charset=utf-8";
      await route.fulfill({ body, contentType: type });
    });
    await page.goto("http://examples.test/browser/index.html");
    await page.waitForFunction(`!document.querySelector("#report").textContent.startsWith("审查中")`);
    const report = await page.evaluate<string>(`document.querySelector("#report").textContent`);
    expect(report.split("\n")[0]).toBe("规划审计: 代县贯彻落实国家、省及市“十四五”应急体系规划实施方案");
    expect(report).toContain("文本不完整");
    expect(problems).toEqual([]);
    await page.close();
  });
});
