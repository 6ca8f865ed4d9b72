import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// Issue #12's "done when", as a new user meets it: the packed tarball installed in a clean folder outside
// the repository, then the README's way to an audit of the example document it ships, from the command
// line, from ES modules and CommonJS, and bundled for a browser page. npm installs the dependencies from its
// cache where it has them (CI has just run `npm ci`) and from the registry otherwise.

const firstLine = "规划审计: 代县贯彻落实国家、省及市“十四五”应急体系规划实施方案";
const exampleDocument = "node_modules/plan-align/docs/examples/daixian-cut-off.txt";

describe("the package installed from its tarball", () => {
  let project: string;
  const run = (command: string, args: readonly string[], options: SpawnSyncOptions = {}) =>
    spawnSync(command, args, { cwd: project, encoding: "utf8", ...options });

  beforeAll(() => {
    project = mkdtempSync(path.join(os.tmpdir(), "plan-align-user-"));
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "a-bureau-tool", private: true, type: "module" }));
    const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", inject("packedTarball")]);
    if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${String(install.stderr)}`);
  }, 180_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("audits the example document from the command line", () => {
    const version = run("npx", ["--no-install", "plan-align", "--version"]);
    expect(String(version.stdout).trim()).toMatch(/^\d+\.\d+\.\d+$/u);
    const audit = run("npx", ["--no-install", "plan-align", "audit", exampleDocument]);
    expect(audit.status).toBe(0);
    expect(String(audit.stdout).split("\n")[0]).toBe(firstLine);
  });

  it("audits it through the library, from ES modules and from CommonJS", () => {
    const program = (load: string) =>
      `${load}\nconst { plan } = extractPlan(readFileSync(${JSON.stringify(exampleDocument)}, "utf8"), { id: "daixian-cut" });\n` +
      `console.log(renderAudit(auditPlan(plan), "text").split("\\n")[0]);`;
    const esm = run(process.execPath, ["--input-type=module", "-e", program(`import { auditPlan, extractPlan, renderAudit } from "plan-align";\nimport { readFileSync } from "node:fs";`)]);
    expect(String(esm.stderr)).toBe("");
    expect(String(esm.stdout).trim()).toBe(firstLine);
    const cjs = run(process.execPath, ["--input-type=commonjs", "-e", program(`const { auditPlan, extractPlan, renderAudit } = require("plan-align");\nconst { readFileSync } = require("node:fs");`)]);
    expect(String(cjs.stderr)).toBe("");
    expect(String(cjs.stdout).trim()).toBe(firstLine);
  });

  it("bundles the example browser page it ships, for browsers, from the installed package", async () => {
    const page = path.join(project, "node_modules/plan-align/docs/examples/browser/audit-page.js");
    const built = await esbuild.build({ entryPoints: [page], bundle: true, format: "esm", platform: "browser", charset: "utf8", write: false, logLevel: "silent" });
    expect(built.errors).toEqual([]);
    const text = built.outputFiles[0]!.text;
    expect(text).toContain("daixian-cut-off.txt");
    // The bundled plans came along, so the page can audit against the plans above without a server of its own.
    expect(text).toContain("代县贯彻落实国家、省及市");
  });
});
