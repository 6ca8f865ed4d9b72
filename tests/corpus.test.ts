import { spawnSync } from "node:child_process";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditAll, auditEach, auditPlan, extractPlan, fitTopics, getAncestorPlans, getBundledPlan, renderMatrix, type AuditReport, type Plan, type Scorer } from "../src/index.js";
import { auditEachInParallel, createAuditPool } from "../src/node.js";

const root = path.join(import.meta.dirname, "..");
const daixian = getBundledPlan("daixian");
const nanyang = getBundledPlan("nanyang");
// A copy of 代县's plan cut off mid-task (docs/examples/daixian-cut-off.txt is the real text, shortened).
const cutOff = extractPlan(await readFile(path.join(root, "docs", "examples", "daixian-cut-off.txt"), "utf8"), { id: "daixian-cut" }).plan;

describe("auditing many plans at once", () => {
  it("audits each plan against its own ancestors, as auditPlan does one by one with the batch's topic space", () => {
    const reports = [...auditEach([daixian, nanyang])];
    expect(reports.map((report) => report.subject.id)).toEqual(["daixian", "nanyang"]);
    const batch = [daixian, nanyang].flatMap((plan) => [plan, ...getAncestorPlans(plan, [daixian, nanyang])]);
    const topics = fitTopics([...new Map(batch.map((plan) => [plan.id, plan])).values()]);
    expect(reports[1]).toEqual(auditPlan(nanyang, { align: { scorerOptions: { topics } } }));
  });

  it("takes a plan above from the given plans before the bundled one", () => {
    // A test stand-in for a bureau's own 忻州市 plan: 山西省's skeleton under 忻州市's name.
    const xinzhou: Plan = { ...getBundledPlan("shanxi"), id: "xinzhou-own", jurisdiction: { name: "忻州市", level: "city", parent: "山西省" } };
    expect(getAncestorPlans(daixian, [xinzhou, daixian]).map((plan) => plan.id)).toEqual(["xinzhou-own", "shanxi", "national"]);
    const [report] = [...auditEach([daixian, xinzhou])];
    expect(report?.chain.map((step) => [step.reference.id, step.status])).toEqual([["xinzhou-own", "aligned"], ["shanxi", "aligned"], ["national", "aligned"]]);
  });

  it("reports progress after each plan", () => {
    const seen: string[] = [];
    [...auditEach([daixian, nanyang], { onProgress: (done, total, plan) => seen.push(`${done}/${total} ${plan.id}`) })];
    expect(seen).toEqual(["1/2 daixian", "2/2 nanyang"]);
  });
});

describe("auditing on worker threads", () => {
  it("gives the reports auditEach gives, in the order of the plans, with their ancestors", async () => {
    const plans = ["daixian", "nanyang", "ningbo", "jinhua", "jilin"].map(getBundledPlan);
    const inParallel: AuditReport[] = [];
    const ancestors: string[][] = [];
    const seen: string[] = [];
    for await (const audited of auditEachInParallel(plans, { threads: 2, onProgress: (done, total, plan) => seen.push(`${done}/${total} ${plan.id}`) })) {
      inParallel.push(audited.report);
      ancestors.push(audited.ancestors.map((plan) => plan.id));
    }
    expect(inParallel).toEqual([...auditEach(plans)]);
    expect(ancestors[0]).toEqual(getAncestorPlans(plans[0]!, plans).map((plan) => plan.id));
    expect(seen).toEqual(plans.map((plan, index) => `${index + 1}/5 ${plan.id}`));
  });

  it("keeps its threads for batch after batch, each as auditEach gives it", async () => {
    const pool = createAuditPool({ threads: 2 });
    try {
      for (const batch of [["daixian", "shanxi"], ["nanyang", "henan", "jinhua"]].map((ids) => ids.map(getBundledPlan))) {
        const reports: AuditReport[] = [];
        for await (const { report } of pool.auditEach(batch)) reports.push(report);
        expect(reports).toEqual([...auditEach(batch)]);
      }
    } finally {
      await pool.close();
    }
  });

  it("audits in this thread when an option cannot cross to a worker", async () => {
    const scorer: Scorer = { score: () => ({ score: 0, signals: [] }) };
    const reports: AuditReport[] = [];
    for await (const { report } of auditEachInParallel([daixian, nanyang], { threads: 2, align: { scorer } })) reports.push(report);
    expect(reports).toEqual([...auditEach([daixian, nanyang], { align: { scorer } })]);
  });
});

describe("the compliance matrix", () => {
  const { reports, matrix } = auditAll([daixian, cutOff, nanyang]);
  const row = (ancestor: string, id: string) => matrix.rows.find((entry) => entry.ancestor.id === ancestor && entry.item.id === id);
  const verdicts = (ancestor: string, id: string) => row(ancestor, id)?.cells.map((cell) => cell?.verdict ?? null);

  it("has a row for each ancestor's indicators and groups, and a column for each plan", () => {
    expect(matrix.columns.map((plan) => plan.id)).toEqual(["daixian", "daixian-cut", "nanyang"]);
    // The national plan's seven indicators, and its seven task groups known from a public copy.
    expect(matrix.rows.filter((entry) => entry.ancestor.id === "national").map((entry) => entry.item.kind)).toEqual([...Array(7).fill("indicator"), ...Array(7).fill("tasks")]);
    expect(matrix.rows.filter((entry) => entry.ancestor.id === "shanxi").map((entry) => entry.item.kind)).toEqual([...Array(8).fill("tasks"), ...Array(4).fill("projects")]);
  });

  it("gives each plan's verdict from its audit, and null where the plan is not below the ancestor", () => {
    expect(verdicts("national", "core-4")).toEqual(["weaker", "weaker", "weaker"]);
    expect(verdicts("national", "core-2")).toEqual(["missing", "cannot-judge", "missing"]);
    expect(verdicts("henan", "s-tasks.2")).toEqual([null, null, "carried"]);
    expect(verdicts("shanxi", "s3.1")).toEqual(["carried", "carried", null]);
  });

  it("marks a group matched only below the confidence level as low-confidence, not carried", () => {
    // 南阳's nearest group to the national 夯实应急法治基础 scores 0.12 (docs/matching.md: below 0.15).
    expect(verdicts("national", "s-tasks.2")?.[2]).toBe("low-confidence");
    const cell = row("national", "s-tasks.2")?.cells[2];
    expect(reports[2]?.findings.find((finding) => finding.id === cell?.finding)).toMatchObject({ kind: "low-confidence-match", reference: { id: "s-tasks.2" } });
  });

  it("names the finding behind each verdict by its id, the same in another run of the same plans", () => {
    const cell = row("national", "core-4")?.cells[0];
    expect(cell?.finding).toBe(`${reports[0]?.subject.id}/weaker-target/national/core-4/${reports[0]?.findings.find((finding) => finding.id === cell?.finding)?.subject?.id}`);
    expect(reports[0]?.findings.find((finding) => finding.id === cell?.finding)).toMatchObject({ kind: "weaker-target", reference: { id: "core-4" } });
    const again = auditAll([daixian, cutOff, nanyang]);
    expect(again.matrix.rows.map((entry) => entry.cells.map((each) => each?.finding))).toEqual(matrix.rows.map((entry) => entry.cells.map((each) => each?.finding)));
    expect(again.reports.map((report) => report.findings.map((finding) => finding.id))).toEqual(reports.map((report) => report.findings.map((finding) => finding.id)));
  });

  it("gives every finding of a batch its own id", () => {
    const ids = reports.flatMap((report) => report.findings.map((finding) => finding.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("opens in Excel as one row per item, every row as wide as the header", () => {
    const records = renderMatrix(matrix, reports, "csv").replace(/^\uFEFF/u, "").trimEnd().split("\r\n");
    expect(records).toHaveLength(matrix.rows.length + 1);
    const width = (record: string) => record.match(/(?:^|,)(?:"(?:[^"]|"")*"|[^,]*)/gu)?.length;
    expect(new Set(records.map(width))).toEqual(new Set([6 + 3 * matrix.columns.length]));
  });

  it("shows as a heat map whose cells link to the findings listed below it", () => {
    const html = renderMatrix(matrix, reports, "html");
    const links = [...html.matchAll(/href="#(f-[^"]+)"/gu)].map((match) => match[1]);
    // Each link names its finding by id: the same in another run of the same plans.
    expect(links).toContain("f-daixian/weaker-target/national/core-4/core-3");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(html).toContain(`id="${link}"`);
  });

  it("heads its columns with places, marks the cut-off copy and the outline parents, and totals each plan, given the plans", () => {
    const plans = [daixian, cutOff, nanyang, ...getAncestorPlans(daixian), ...getAncestorPlans(nanyang)];
    const html = renderMatrix(matrix, reports, "html", "zh", undefined, { plans, date: "2025-12-06", options: [["--review", "review.yaml"]] });
    const heads = [...html.matchAll(/<th class="plan" title="([^"]*)"><a href="#plan-\d+">([^<]*)<\/a>/gu)].map((match) => [match[2], match[1]]);
    expect(heads).toEqual([["代县", daixian.title], ["代县", cutOff.title], ["南阳市", nanyang.title]]);
    // Two plans of one place are told apart by id; the cut-off copy is marked where it is headed.
    expect(html).toContain('<span class="id">daixian-cut</span><span class="extent" title="本规划的文本不完整');
    expect(html).toMatch(/“十四五”国家应急体系规划<span class="extent" title="只收录了这份上级规划的提纲和部分已知内容[^"]*">仅知提纲<\/span>/u);
    // A total per plan of each verdict: 代县's weaker targets, as the matrix has them.
    const weaker = matrix.rows.filter((entry) => entry.cells[0]?.verdict === "weaker").length;
    expect(html).toMatch(new RegExp(`<th class="item">合计: 弱于上级</th><td style="[^"]*">${weaker}</td>`, "u"));
    expect(html).toContain("<dt>生成日期</dt><dd>2025-12-06</dd>");
    expect(html).toContain("<code>--review review.yaml</code>");
    // Every plan's audit, with its evidence, in a section that opens and closes.
    expect(html.match(/<details class="plan" id="plan-\d+">/gu)).toHaveLength(3);
  });

  it("without the plans, heads columns with titles and shows no date, so that the same audits give the same page", () => {
    const html = renderMatrix(matrix, reports, "html");
    expect(html).toContain(`<a href="#plan-2">${nanyang.title}</a>`);
    expect(html).not.toContain("生成日期");
    expect(renderMatrix(matrix, reports, "html")).toBe(html);
  });

  it("refuses a page option that is not what it should be, naming it", () => {
    expect(() => renderMatrix(matrix, reports, "html", "zh", undefined, { date: "6 Dec 2025" })).toThrow(/page\.date/u);
  });
});

describe("the compliance matrix of a province's hundred plans", () => {
  it("shows symbols with the verdict on hover, and upright plan names, so that it fits a screen", () => {
    // Test stand-ins: copies of 代县's plan under invented ids.
    const plans = Array.from({ length: 20 }, (_, index): Plan => ({ ...daixian, id: `county-${index}` }));
    const { reports, matrix } = auditAll(plans);
    const html = renderMatrix(matrix, reports, "html");
    expect(html).toContain('class="plan upright"');
    expect(html).toMatch(/title="[^"]*: 弱于上级"><a href="#f-county-\d+\/weaker-target\/[^"]+">↓<\/a>/u);
  });
});

describe("plan-align audit-all", () => {
  const runCli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" });

  // Five runs of the CLI, each starting Node and auditing: minutes on a loaded 2-core machine.
  it("audits a folder of plans and documents in every format", { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-all-"));
    await copyFile(path.join(root, "data", "plans", "nanyang.json"), path.join(dir, "nanyang.json"));
    await copyFile(path.join(root, "docs", "examples", "daixian-cut-off.txt"), path.join(dir, "daixian-cut-off.txt"));
    const json = JSON.parse(runCli("audit-all", dir, "--format", "json").stdout) as { reports: AuditReport[]; matrix: { columns: Array<{ id: string }> } };
    expect(json.reports.map((report) => report.subject.id)).toEqual(["daixian-cut-off", "nanyang"]);
    const lines = runCli("audit-all", dir, "--format", "jsonl").stdout.trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as AuditReport).subject.id)).toEqual(["daixian-cut-off", "nanyang"]);
    expect(runCli("audit-all", dir, "--format", "csv").stdout).toContain("nanyang_label");
    const output = path.join(dir, "..", `${path.basename(dir)}.html`);
    expect(runCli("audit-all", dir, "-o", output).status).toBe(0);
    expect(await readFile(output, "utf8")).toContain("承接情况矩阵");
    expect(runCli("audit-all", dir, "--fail-on", "error", "--format", "jsonl").status).toBe(3);
  });

  it("audits a corpus in JSON lines, one plan per line, as an engine partitioning a corpus writes it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-corpus-"));
    const corpus = path.join(dir, "part.jsonl");
    await writeFile(corpus, ["daixian", "nanyang"].map((id) => JSON.stringify(getBundledPlan(id))).join("\n"));
    const lines = runCli("audit-all", corpus, "--format", "jsonl").stdout.trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as AuditReport).subject.id)).toEqual(["daixian", "nanyang"]);
  });

  it("gives the same audits on one thread and on two", () => {
    const plans = ["daixian", "nanyang", "ningbo", "jinhua"];
    const one = runCli("audit-all", ...plans, "--format", "jsonl", "--threads", "1");
    expect(one.status).toBe(0);
    expect(runCli("audit-all", ...plans, "--format", "jsonl", "--threads", "2").stdout).toBe(one.stdout);
    expect(runCli("audit-all", ...plans, "--threads", "0").status).toBe(1);
  });

  it("audits two plans with one id, the later under the next free suffix, and says so", { timeout: 120_000 }, () => {
    const result = runCli("audit-all", "daixian", path.join(root, "data", "plans", "daixian.json"), "--format", "jsonl");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ note: expect.stringContaining("its plan has the id daixian, as the plan of daixian has; it is audited as daixian-2") as unknown });
    expect(lines.slice(1).map((line) => (line as unknown as AuditReport).subject.id)).toEqual(["daixian", "daixian-2"]);
    expect(result.stderr).toContain("it is audited as daixian-2");
  });
});
