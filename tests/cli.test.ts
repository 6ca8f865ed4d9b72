import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Alignment, AuditReport, ChainAlignment, PlanSummary } from "../src/index.js";
import type { PlanValidation } from "../src/node.js";
import packageJson from "../package.json" with { type: "json" };
import { readCsv } from "./support/read-csv.js";

// Runs the CLI from source as a user would run the installed binary: arguments in, text and exit code out.
const root = path.join(import.meta.dirname, "..");
function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("plan-align's start", () => {
  // Which modules a run resolves, as tests/support/log-imports.mjs reports them.
  const modulesLoadedBy = (...args: string[]) => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--import", "./tests/support/log-imports.mjs", path.join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" });
    return run.stderr.split("\n").filter((line) => line.startsWith("import: "));
  };
  const library = (line: string) => /\/src\/(?:align|findings|extract|similarity|load)\/|china-area-data|opencc-js|zod/u.test(line);

  it("prints help and refuses a bad argument without loading the library", () => {
    expect(modulesLoadedBy("--help").filter(library)).toEqual([]);
    expect(modulesLoadedBy("audit-all", "daixian", "--threads", "0").filter(library)).toEqual([]);
  });

  it("loads the library when a command runs", () => {
    expect(modulesLoadedBy("list").some(library)).toBe(true);
  });
});

describe("plan-align list", () => {
  it("prints every bundled plan as {id, title, level, parent, counts, known} in JSON", () => {
    const { status, stdout } = runCli("list", "--format", "json");
    expect(status).toBe(0);
    const plans = JSON.parse(stdout) as PlanSummary[];
    expect(plans.map((plan) => plan.id).sort()).toEqual(
      ["daixian", "henan", "jilin", "jinhua", "nanyang", "national", "ningbo", "shanxi", "xinzhou", "zhejiang"],
    );
    const daixian = plans.find((plan) => plan.id === "daixian");
    expect(Object.keys(daixian ?? {}).sort()).toEqual(["counts", "id", "known", "level", "parent", "title"]);
    expect(daixian).toMatchObject({ level: "county", parent: "xinzhou", counts: { tasks: 33, projects: 22 } });
    expect(plans.find((plan) => plan.id === "national")).toMatchObject({ parent: null, known: { indicators: "some", tasks: "groups", projects: "unknown" } });
  });

  it("prints a readable table by default", () => {
    const { status, stdout } = runCli("list");
    expect(status).toBe(0);
    expect(stdout).toContain("代县贯彻落实国家、省及市“十四五”应急体系规划实施方案");
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(11);
    // A part not known is ？, not 0; a part known in part is marked, and the last line says what the marks mean.
    expect(lines.find((line) => line.startsWith("national"))).toMatch(/任务\s+0＊\s+工程\s+？/u);
    expect(lines.at(-1)).toContain("？ 未知");
  });
});

describe("plan-align validate", () => {
  it("passes every bundled plan", () => {
    const { status, stdout } = runCli("validate", "--all", "--format", "json");
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { valid: boolean; plans: PlanValidation[] };
    expect(report.valid).toBe(true);
    expect(report.plans).toHaveLength(10);
  });

  it("prints each problem of a bad plan file with its path, and exits non-zero", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    await writeFile(path.join(dir, "source.txt"), "一、目标\n生产安全事故死亡人数下降15%\n");
    const plan = {
      schemaVersion: 1, id: "bad", title: "t", issuer: null, documentNumber: null, issueDate: null,
      kind: "five-year-plan", period: { start: 2021, end: 2025 },
      jurisdiction: { name: "某县", level: "county", parent: "某市" },
      source: { file: "source.txt", type: "primary" }, content: "complete", notes: [],
      sections: [{ id: "s1", parent: null, number: "一、", title: "目标", quote: "一、目标" }],
      indicators: [
        { id: "core-1", section: "s1", origin: "core", name: "生产安全事故死亡人数", target: "下降15%", quote: "生产安全事故死亡人数下降15%" },
        { id: "core-2", section: "s1", origin: "core", name: "受灾人次", target: "<15000", quote: "年均每十万人受灾人次<15000" },
      ],
      tasks: [], projects: [], omissions: [],
    };
    const file = path.join(dir, "bad.json");
    await writeFile(file, JSON.stringify(plan));
    const { status, stdout } = runCli("validate", file);
    expect(status).toBe(1);
    expect(stdout).toContain(`${file}: indicators[1].quote: not found in the source source.txt`);

    plan.indicators[0]!.target = 15 as unknown as string;
    await writeFile(file, JSON.stringify(plan));
    const json = runCli("validate", file, "--format", "json");
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { valid: boolean; plans: PlanValidation[] };
    expect(report.valid).toBe(false);
    expect(report.plans[0]?.problems.map((problem) => problem.path)).toEqual(["indicators[0].target"]);
  });

  it("refuses a name that is neither a bundled plan nor a file", () => {
    const { status, stdout } = runCli("validate", "no-such-plan");
    expect(status).toBe(1);
    expect(stdout).toContain("neither a bundled plan id");
  });

  it("asks for a plan when given none", () => {
    const { status, stderr } = runCli("validate");
    expect(status).not.toBe(0);
    expect(stderr).toContain("name at least one plan id or file");
  });
});

describe("plan-align compare", () => {
  it("prints the matches of two bundled plans as JSON, each with kind, both items and a score", () => {
    const { status, stdout } = runCli("compare", "national", "daixian", "--format", "json");
    expect(status).toBe(0);
    const alignment = JSON.parse(stdout) as Alignment;
    const indicators = alignment.matches.filter((match) => match.kind === "indicator");
    expect(indicators).toHaveLength(6);
    for (const match of indicators) {
      expect(Object.keys(match.reference)).toEqual(expect.arrayContaining(["id", "text", "quote"]));
      expect(match.score).toBeGreaterThan(0);
    }
  });

  it("writes in CSV a row for every item of both plans, matched or not, and says its version and settings in JSON", async () => {
    const { status, stdout } = runCli("compare", "national", "daixian", "--format", "csv", "--threshold", "0.4");
    expect(status).toBe(0);
    const [header = [], ...rows] = readCsv(stdout);
    const cell = (row: string[], name: string) => row[header.indexOf(name)] ?? "";
    for (const [side, plan] of [["reference", "national"], ["subject", "daixian"]] as const) {
      const listed = new Set(rows.filter((row) => ["matched", "unmatched"].includes(cell(row, "status"))).map((row) => cell(row, `${side}_id`)));
      const bundled = JSON.parse(await readFile(path.join(root, "data/plans", `${plan}.json`), "utf8")) as Record<"indicators" | "tasks" | "projects", Array<{ id: string }>>;
      for (const item of [...bundled.indicators, ...bundled.tasks, ...bundled.projects]) expect(listed.has(item.id), `${plan} ${item.id}`).toBe(true);
    }
    const items = JSON.parse(runCli("compare", "national", "daixian", "--format", "items-json", "--threshold", "0.4").stdout) as { version: string; settings: { thresholds: { task: number } }; items: unknown[] };
    expect(items.version).toBe(packageJson.version);
    expect(items.settings.thresholds.task).toBe(0.4);
    expect(items.items).toHaveLength(rows.length);
  });

  it("compares plan files as well as bundled ids, and writes a report file whole", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    const output = path.join(dir, "report.html");
    const planFile = path.join(root, "tests", "fixtures", "minimal-plan.yaml");
    const { status } = runCli("compare", "national", planFile, "--format", "html", "--output", output);
    expect(status).toBe(0);
    const html = await readFile(output, "utf8");
    expect(html).toContain("示例县应急管理实施方案");
    expect(html).toContain("生产安全事故死亡人数");
  });

  it("prints Markdown by default, in English with --lang en, and CSV with a BOM", () => {
    expect(runCli("compare", "shanxi", "daixian").stdout).toContain("| 章节 |");
    expect(runCli("compare", "shanxi", "daixian", "--lang", "en").stdout).toContain("| section |");
    expect(runCli("compare", "jilin", "ningbo", "--format", "csv").stdout.startsWith("\uFEFF")).toBe(true);
  });

  it("names the file and the path of a bad plan, and exits 1 without output", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    const file = path.join(dir, "bad.yaml");
    await writeFile(file, "schemaVersion: 1\nid: Not A Slug\n");
    const { status, stdout, stderr } = runCli("compare", "national", file);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${file}: id:`);
  });

  it("rejects a threshold outside [0, 1]", () => {
    const { status, stderr } = runCli("compare", "national", "daixian", "--threshold", "2");
    expect(status).not.toBe(0);
    expect(stderr).toContain("a number from 0 to 1");
  });
});

describe("plan-align chain", () => {
  it("compares 代县 with 山西省 and the nation, and says 忻州市 was skipped", () => {
    const { status, stdout } = runCli("chain", "daixian", "--format", "json");
    expect(status).toBe(0);
    const chain = JSON.parse(stdout) as ChainAlignment;
    expect(chain.steps.map((step) => `${step.reference.id}:${step.status}`)).toEqual(["xinzhou:skipped", "shanxi:aligned", "national:aligned"]);
    const markdown = runCli("chain", "daixian").stdout;
    expect(markdown).toContain("已跳过");
    expect(runCli("chain", "daixian", "--lang", "en").stdout).toContain("skipped");
  });

  it("says so when nothing sits above the plan", () => {
    const { status, stderr } = runCli("chain", "national");
    expect(status).not.toBe(0);
    expect(stderr).toContain("no bundled plan sits above national");
  });
});

describe("plan-align audit", () => {
  it("prints a short summary by default: the chain, counts, errors and warnings", () => {
    const { status, stdout } = runCli("audit", "daixian");
    expect(status).toBe(0);
    expect(stdout).toContain("忻州市");
    expect(stdout).toContain("[目标弱于上级]");
    expect(stdout).toContain("下降10%");
  });

  it("prints JSON with every finding, and the same findings in every format", () => {
    const json = JSON.parse(runCli("audit", "nanyang", "--format", "json").stdout) as AuditReport;
    const weaker = json.findings.filter((finding) => finding.kind === "weaker-target").map((finding) => finding.actual);
    expect(weaker).toEqual(["下降13%", "下降30%", "下降17%"]);
    for (const format of ["md", "csv", "html"]) {
      const output = runCli("audit", "nanyang", "--format", format).stdout;
      for (const value of weaker) expect(output).toContain(value!);
      expect(output).toContain("重特大生产安全事故起数");
    }
  });

  it("writes a report file whole and still shows the summary in the terminal", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    const output = path.join(dir, "daixian.html");
    const { status, stderr } = runCli("audit", "daixian", "--format", "html", "--output", output);
    expect(status).toBe(0);
    expect(await readFile(output, "utf8")).toContain("<svg");
    expect(stderr).toContain("[缺少指标]");
  });

  it("exits 3 with --fail-on error when the plan falls short", () => {
    expect(runCli("audit", "daixian", "--fail-on", "error").status).toBe(3);
  });

  it("applies a review file, and names the file and path of a wrong decision", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    const review = path.join(dir, "review.yaml");
    await writeFile(review, "reviews:\n  - { reference: national, subject: daixian, kind: indicator, referenceItem: core-6, subjectItem: core-5, decision: reject, note: 口径不同 }\n");
    const reviewed = runCli("audit", "daixian", "--review", review, "--format", "md");
    expect(reviewed.status).toBe(0);
    expect(reviewed.stdout).not.toContain("<20000 弱于");
    expect(runCli("compare", "national", "daixian", "--review", review).stdout).toContain("口径不同");
    await writeFile(review, "reviews:\n  - { reference: national, subject: daixian, kind: indicator, referenceItem: core-6, subjectItem: core-5, decision: maybe }\n");
    const bad = runCli("audit", "daixian", "--review", review);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${review}: reviews[0].decision`);
  });

  it("labels in English with --lang en", () => {
    expect(runCli("audit", "daixian", "--lang", "en").stdout).toContain("weaker target");
  });
});

describe("plan-align extract, and documents wherever a plan is taken", () => {
  const unseen = path.join(root, "tests", "fixtures", "unseen", "shili-county.html");

  it("writes a plan that validates against its document, in JSON or YAML", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    const output = path.join(dir, "shili.json");
    const written = runCli("extract", unseen, "--parent", "忻州市", "--output", output);
    expect(written.status).toBe(0);
    expect(written.stderr).toContain("示例县");
    const plan = JSON.parse(await readFile(output, "utf8")) as { jurisdiction: { parent: string }; source: { file: string } };
    expect(plan.jurisdiction.parent).toBe("忻州市");
    expect(runCli("validate", output).status).toBe(0);
    expect(runCli("extract", unseen, "--format", "yaml").stdout).toMatch(/^schemaVersion: 1/mu);
  });

  it("audits and compares a document directly", () => {
    const audit = runCli("audit", path.join(root, "data", "sources", "daixian.txt"));
    expect(audit.status).toBe(0);
    expect(audit.stdout).toContain("下降10%");
    const compared = JSON.parse(runCli("compare", "national", path.join(root, "data", "sources", "nanyang.txt"), "--format", "json").stdout) as Alignment;
    expect(compared.matches.filter((match) => match.kind === "indicator")).toHaveLength(6);
  });

  it("runs the README's walkthrough: a cut-off copy, and a county-level city under its prefecture", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-"));
    const cut = path.join(dir, "daixian-cut.json");
    const extracted = runCli("extract", "docs/examples/daixian-cut-off.txt", "--id", "daixian-cut", "-o", cut);
    expect(extracted.status).toBe(0);
    expect(extracted.stderr).toContain("cut off");
    expect(runCli("validate", cut).status).toBe(0);
    const audit = JSON.parse(runCli("audit", cut, "--format", "json").stdout) as AuditReport;
    expect(audit.findings[0]?.kind).toBe("incomplete-document");
    const city = path.join(dir, "yuanping.json");
    expect(runCli("extract", "docs/examples/county-level-city.txt", "--jurisdiction", "原平市", "-o", city).stderr).toContain("county under 忻州市");
    const cityAudit = JSON.parse(runCli("audit", city, "--format", "json").stdout) as AuditReport;
    expect(cityAudit.chain.map((step) => [step.reference.id, step.status])).toEqual([["xinzhou", "skipped"], ["shanxi", "aligned"], ["national", "aligned"]]);
  });

  it("says which file it cannot read", () => {
    const { status, stderr } = runCli("extract", "no-such-document.html");
    expect(status).toBe(1);
    expect(stderr).toContain("no-such-document.html");
  });
});

describe("plan-align compare, chain, audit and audit-all check quotes as validate does", () => {
  // A copy of 代县's plan under another id, with one quote its source (data/sources/daixian.txt) does not say.
  async function planMisquoting(): Promise<string> {
    const plan = JSON.parse(await readFile(path.join(root, "data", "plans", "daixian.json"), "utf8")) as { id: string; tasks: Array<{ quote: string }> };
    plan.id = "daixian-copy";
    plan.tasks[0]!.quote = "这句话不在代县的文件里";
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-")), "daixian-copy.json");
    await writeFile(file, JSON.stringify(plan));
    return file;
  }
  const commands = (file: string) => [["compare", "national", file], ["chain", file], ["audit", file, "--fail-on", "error"], ["audit-all", file, "--format", "json"]];

  it("refuses a plan whose quotes are not in its source: exit 1, the file and the quote's path, nothing printed", async () => {
    const file = await planMisquoting();
    for (const args of commands(file)) {
      const { status, stdout, stderr } = runCli(...args);
      expect({ args, status, stdout }).toEqual({ args, status: 1, stdout: "" });
      expect(stderr).toContain(`${file}: tasks[0].quote: not found in the source daixian.txt`);
    }
  });

  it("goes on with --no-verify-quotes", async () => {
    const file = await planMisquoting();
    for (const args of commands(file)) {
      const { status, stdout } = runCli(...args, "--no-verify-quotes");
      expect({ args, status }).toEqual({ args, status: args.includes("--fail-on") ? 3 : 0 });
      expect(stdout).not.toBe("");
    }
  });
});

describe("plan-align given input the library refuses", () => {
  it("exits 1 with the message and no stack trace, e.g. for a review naming other plans", async () => {
    const review = path.join(await mkdtemp(path.join(os.tmpdir(), "plan-align-cli-")), "review.yaml");
    await writeFile(review, "reviews:\n  - { reference: national, subject: nanyang, kind: indicator, referenceItem: core-1, subjectItem: core-1, decision: confirm }\n");
    const { status, stdout, stderr } = runCli("audit", "daixian", "--review", review);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`plan-align: ${review}: reviews[0]: names national → nanyang, but nanyang is not among the plans auditPlan compares\n`);
  });
});
