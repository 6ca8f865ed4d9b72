import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  auditPlan,
  getAncestorPlans,
  getBundledPlan,
  getSectionPath,
  renderAudit,
  type AuditReport,
  type Finding,
  type Plan,
  type Review,
} from "../src/index.js";
import { confidenceLevel } from "../src/align/align-plans.js";

const daixian = getBundledPlan("daixian");
const nanyang = getBundledPlan("nanyang");
const national = getBundledPlan("national");

const find = (report: AuditReport, kind: string, subjectLabel?: string) =>
  report.findings.filter((finding) => finding.kind === kind && (subjectLabel === undefined || finding.subject?.label === subjectLabel || finding.reference?.label === subjectLabel));
const targetsOf = (findings: Finding[]) => findings.map((finding) => `${finding.actual} vs ${finding.expected}`);

describe("auditing 代县 against 忻州市, 山西省 and the nation", () => {
  const report = auditPlan(daixian);

  it("finds 工矿商贸 下降10% weaker than the national 下降20%, and says the national value is unverified", () => {
    const [finding] = find(report, "weaker-target", "工矿商贸就业人员十万人生产安全事故死亡率");
    expect(finding).toMatchObject({ actual: "下降10%", expected: "下降20%", unverified: true, referencePlan: { id: "national" } });
    expect(finding?.message).toContain("未经核实");
  });

  it("finds <20000 受灾人次 weaker than <15000, and <0.8 因灾死亡率 stronger than <1", () => {
    expect(targetsOf(find(report, "weaker-target", "年均每十万人受灾人次"))).toEqual(["<20000 vs <15000"]);
    expect(find(report, "weaker-target", "年均每十万人受灾人次")[0]?.severity).toBe("error");
    expect(targetsOf(find(report, "stronger-target", "年均每百万人口因自然灾害死亡率"))).toEqual(["<0.8 vs <1"]);
  });

  it("finds no weaker target where the values are equal (下降15% against 下降15%)", () => {
    expect(find(report, "weaker-target", "生产安全事故死亡人数")).toEqual([]);
    expect(targetsOf(find(report, "equal-target", "生产安全事故死亡人数"))).toEqual(["下降15% vs 下降15%"]);
  });

  it("finds 重特大生产安全事故起数 missing, skips 忻州市 and says so", () => {
    expect(find(report, "missing-indicator").map((finding) => finding.reference?.label)).toEqual(["重特大生产安全事故起数"]);
    expect(find(report, "skipped-level")).toHaveLength(1);
    expect(find(report, "skipped-level")[0]?.referencePlan?.id).toBe("xinzhou");
  });

  it("carries both items, with id, text and quote, on every finding about a pair", () => {
    for (const finding of report.findings.filter((candidate) => candidate.kind.endsWith("-target"))) {
      for (const item of [finding.reference, finding.subject]) {
        expect(item).toEqual(expect.objectContaining({ id: expect.any(String), text: expect.any(String), quote: expect.any(String) }));
      }
    }
  });

  it("orders findings the same way every time", () => {
    expect(JSON.stringify(auditPlan(daixian))).toBe(JSON.stringify(report));
  });
});

describe("auditing 南阳 against 河南省 and the nation", () => {
  const report = auditPlan(nanyang);

  it("finds 下降13%, 下降30% and the 工矿商贸 下降17% each weaker than the national targets", () => {
    expect(targetsOf(find(report, "weaker-target"))).toEqual(["下降13% vs 下降15%", "下降30% vs 下降33%", "下降17% vs 下降20%"]);
  });

  it("finds 重特大生产安全事故起数 missing", () => {
    expect(find(report, "missing-indicator").map((finding) => finding.reference?.label)).toEqual(["重特大生产安全事故起数"]);
  });

  it("reports no 河南省 task group missing: 加强应急管理法治建设 is carried by 南阳's (一) in other words", () => {
    const ofHenan = (kind: string) => find(report, kind).filter((finding) => finding.referencePlan?.id === "henan");
    expect(ofHenan("missing-task")).toEqual([]);
    expect(ofHenan("unconfirmed-task")).toEqual([]);
  });

  it("checks the national plan's seven task groups, known from a public copy, and says its tasks and projects are not known whole", () => {
    const national = report.summary.byAncestor.find((entry) => entry.plan.id === "national")!;
    expect(national.tasks).toMatchObject({ known: "groups", total: 7 });
    expect(national.projects).toMatchObject({ known: "unknown", total: 0 });
    const notKnown = find(report, "part-not-known").filter((finding) => finding.referencePlan?.id === "national");
    expect(notKnown.map((finding) => [finding.expected, finding.actual])).toEqual([["indicators", "some"], ["tasks", "groups"], ["projects", "unknown"]]);
    const lines = renderAudit(report, "text").split("\n");
    const nationalLine = lines.find((line) => line.startsWith("“十四五”国家应急体系规划:"))!;
    expect(nationalLine).toContain("任务（仅知分组） 共7项");
    expect(nationalLine).toContain("工程 未知");
    expect(nationalLine).not.toMatch(/任务 无|工程 无/u);
  });

  it("tells a national group with no counterpart as weak evidence, since only its heading is known", () => {
    const missing = find(report, "missing-task").filter((finding) => finding.referencePlan?.id === "national" && finding.reference?.kind === "section");
    expect(missing.length).toBeGreaterThan(0);
    for (const finding of missing) {
      expect(finding.severity).toBe("info");
      expect(finding.message).toContain("只知标题");
    }
  });

  it("counts a group matched below the confidence level apart from those carried, and tells it as low-confidence", () => {
    const national = report.summary.byAncestor.find((entry) => entry.plan.id === "national")!;
    const low = find(report, "low-confidence-match").filter((finding) => finding.referencePlan?.id === "national");
    expect(low.length).toBeGreaterThan(0);
    expect(low.every((finding) => finding.severity === "info" && (finding.score ?? 1) < confidenceLevel)).toBe(true);
    expect(national.tasks.lowConfidence).toBe(low.length);
    const step = report.chain.find((entry) => entry.reference.id === "national");
    const matched = new Set(step?.status === "aligned" ? step.alignment.matches.filter((match) => match.reference.kind === "section" && match.reference.id.startsWith("s-tasks.")).map((match) => match.reference.id) : []);
    expect(national.tasks.carried + national.tasks.lowConfidence).toBe(matched.size);
  });

  it("quotes only the sources' text: provenance is a note in the report's language, never part of a quote", () => {
    const quotes = report.findings.flatMap((finding) => [finding.reference?.quote ?? "", finding.subject?.quote ?? ""]);
    expect(quotes.filter((quote) => /corroborated|unverified|Reported target|its seven main tasks/u.test(quote))).toEqual([]);
    const core1 = report.findings.find((finding) => finding.reference?.id === "core-1" && finding.referencePlan?.id === "national")!;
    expect(core1.reference?.provenance?.note?.en).toContain("corroborated");
    const markdown = renderAudit(report, "md");
    expect(markdown).toContain("注：经一份采用国家数值的省级新闻稿佐证");
    expect(renderAudit(auditPlan(nanyang, { lang: "en" }), "md")).toContain("Note: corroborated by a provincial press release");
    const csv = renderAudit(report, "csv");
    expect(csv).toContain("reference_note");
    expect(csv).toContain("转引自 http://yhgelaimei.com/jsxw/2022/190126.html");
  });

  it("does not compare 河南省's province-wide count of communities (170, no unit given) with 南阳's 创建10个", () => {
    const [finding] = find(report, "incomparable-target");
    expect(finding).toMatchObject({ expected: "170", actual: "创建10个", comparison: { verdict: "incomparable", reason: "different-measure" } });
  });
});

describe("tasks without a certain counterpart", () => {
  // 代县 against 吉林省's complete plan: a county's short tasks against a province's long ones.
  const report = auditPlan(daixian, { ancestors: [getBundledPlan("jilin")] });
  const unconfirmed = find(report, "unconfirmed-task");

  it("are reported unconfirmed, as info, with up to three candidates, the best first", () => {
    expect(unconfirmed.length).toBeGreaterThan(0);
    for (const finding of unconfirmed) {
      expect(finding.severity).toBe("info");
      expect(finding.candidates!.length).toBeGreaterThanOrEqual(1);
      expect(finding.candidates!.length).toBeLessThanOrEqual(3);
      expect(finding.candidates!.map((candidate) => candidate.score)).toEqual([...finding.candidates!.map((candidate) => candidate.score)].sort((a, b) => b - a));
      expect(finding.message).toContain(finding.candidates![0]!.subject.label);
    }
  });

  it("are reported missing only where no plausible candidate exists", () => {
    const step = report.chain[0];
    if (step?.status !== "aligned") throw new Error("吉林省 was not aligned");
    const missing = new Set(find(report, "missing-task").map((finding) => finding.reference?.id));
    expect([...missing].sort()).toEqual(step.alignment.unmatched.reference.filter((item) => item.kind === "task").map((item) => item.id).sort());
    expect(unconfirmed.some((finding) => missing.has(finding.reference?.id))).toBe(false);
  });

  it("show their candidates in every format", () => {
    const label = unconfirmed[0]!.candidates![0]!.subject.label;
    for (const format of ["md", "csv", "html", "json"] as const) expect(renderAudit(report, format)).toContain(label);
    expect(renderAudit(report, "csv")).toContain("可能的对应项");
  });
});

describe("a county audited against a complete province plan", () => {
  const jilin = getBundledPlan("jilin");
  const report = auditPlan(daixian, { ancestors: [jilin] });

  it("opens with how the province's indicators, tasks and projects fare, and reads in severity order", () => {
    expect(report.summary.byAncestor).toHaveLength(1);
    const [coverage] = report.summary.byAncestor;
    expect(coverage?.plan.id).toBe("jilin");
    for (const kind of ["indicators", "tasks", "projects"] as const) {
      const entry = coverage![kind];
      expect(entry.total).toBe(entry.carried + entry.lowConfidence + entry.unconfirmed + entry.missing + entry.beyondCut + entry.notApplicable);
    }
    expect(coverage?.indicators.total).toBe(jilin.indicators.length);
    const text = renderAudit(report, "text").split("\n");
    expect(text[2]).toContain("吉林省应急管理“十四五”规划: 指标 共35项");
    const order = report.findings.map((finding) => ["error", "warning", "info"].indexOf(finding.severity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("does not ask a county for the province's own duties: a provincial college, 省级 institutions", () => {
    const notApplicable = find(report, "not-applicable");
    expect(notApplicable.map((finding) => finding.reference?.label)).toContain("依托吉林应急管理学院开展应急管理创新发展研究");
    expect(notApplicable.every((finding) => finding.severity === "info" && /省级|吉林/u.test(finding.reference?.label ?? ""))).toBe(true);
    expect(find(report, "missing-project").some((finding) => /省级|吉林应急管理学院/u.test(finding.reference?.label ?? ""))).toBe(false);
  });

  it("reports a group missing whole once, with its missing tasks folded under it", () => {
    // 吉林省 against a plan that keeps only its first task group: every other group and its tasks are absent.
    const firstGroup = jilin.sections.find((section) => section.id === "s3.1")!;
    const inFirst = (section: string) => section === firstGroup.id || section.startsWith(`${firstGroup.id}.`);
    const slim: Plan = {
      ...jilin, id: "slim", jurisdiction: { name: "示例市", level: "city", parent: "吉林省" }, indicators: [], projects: [], omissions: [],
      // A section is kept with every section above it, so that the plan stays valid.
      sections: jilin.sections.filter((section) => getSectionPath(jilin, section.id).every((step) => !step.id.startsWith("s3.") || inFirst(step.id))),
      tasks: jilin.tasks.filter((task) => inFirst(task.section)),
    };
    const slimReport = auditPlan(slim, { ancestors: [jilin] });
    const missing = slimReport.findings.filter((finding) => finding.kind === "missing-task");
    const groups = missing.filter((finding) => finding.reference?.kind === "section" && finding.items !== undefined);
    expect(groups.length).toBeGreaterThan(0);
    // JSON keeps every finding; each folded one names its group, and reports for reading list it there only.
    const folded = missing.filter((finding) => finding.group !== undefined);
    expect(folded.map((finding) => finding.reference?.id).sort()).toEqual(groups.flatMap((finding) => finding.items!.map((item) => item.id)).sort());
    const markdown = renderAudit(slimReport, "md");
    expect(markdown).toContain("其下");
    expect(markdown.split("\n").filter((line) => line.startsWith(`| ${"警告"} | 缺少任务 |`) && line.includes(folded[0]!.message))).toEqual([]);
  });
});

describe("findings about the plans themselves", () => {
  it("reports tasks of an implementation plan without a lead unit", () => {
    const unassigned: Plan = { ...daixian, tasks: daixian.tasks.map((task, index) => (index === 4 ? { ...task, units: { lead: [], supporting: ["县司法局"] } } : task)) };
    expect(find(auditPlan(unassigned, { ancestors: [] }), "unassigned").map((finding) => finding.subject?.id)).toEqual(["task-5"]);
  });

  it("reports what the source omits, and softens missing indicators when the table itself is omitted", () => {
    const report = auditPlan(getBundledPlan("jilin"));
    expect(find(report, "omitted-in-source")).toHaveLength(4);
    expect(find(report, "missing-indicator").every((finding) => finding.severity === "warning" && finding.message.includes("主要指标"))).toBe(true);
  });

  it("does not call what a skeleton plan seems to lack an error: only part of its content is known", () => {
    const report = auditPlan(getBundledPlan("shanxi"));
    expect(find(report, "missing-indicator")).toHaveLength(7);
    expect(report.summary.bySeverity).toMatchObject({ error: 0, warning: 0 });
    expect(find(report, "missing-indicator")[0]?.message).toContain("只知道一部分");
  });

  it("reports a binding indicator made merely expected, and a later deadline", () => {
    const downgraded: Plan = {
      ...nanyang,
      indicators: nanyang.indicators.map((indicator) => (indicator.id === "core-1" ? { ...indicator, nature: "expected" as const, year: 2026 } : indicator)),
    };
    const report = auditPlan(downgraded, { ancestors: [national] });
    expect(find(report, "nature-downgraded").map((finding) => finding.subject?.id)).toEqual(["core-1"]);
    expect(find(report, "later-deadline")).toMatchObject([{ expected: "2025", actual: "2026" }]);
  });

  it("reports a target it cannot read as incomparable, with the reason", () => {
    const unreadable: Plan = { ...daixian, indicators: daixian.indicators.map((indicator) => (indicator.id === "core-5" ? { ...indicator, target: "明显下降" } : indicator)) };
    const [finding] = find(auditPlan(unreadable, { ancestors: [national] }), "incomparable-target");
    expect(finding?.comparison?.reason).toBe("unread");
  });
});

describe("review decisions", () => {
  const review: Review = {
    file: "review.yaml",
    decisions: [
      { reference: "national", subject: "daixian", kind: "indicator", referenceItem: "core-6", subjectItem: "core-5", decision: "reject", note: "口径不同" },
      { reference: "national", subject: "daixian", kind: "indicator", referenceItem: "core-1", subjectItem: "core-1", decision: "confirm" },
      { reference: "national", subject: "daixian", kind: "indicator", referenceItem: "core-2", subjectItem: "goal-1", decision: "add", reviewer: "审核员" },
    ],
  };
  const report = auditPlan(daixian, { align: { review } });

  it("removes rejected pairs, marks confirmed ones and adds the reviewer's", () => {
    expect(find(report, "weaker-target", "年均每十万人受灾人次")).toEqual([]);
    expect(find(report, "missing-indicator").map((finding) => finding.reference?.id)).toEqual(["core-6"]);
    expect(find(report, "equal-target", "生产安全事故死亡人数")[0]?.review?.decision).toBe("confirmed");
    const added = report.findings.find((finding) => finding.reference?.id === "core-2" && finding.subject?.id === "goal-1");
    expect(added?.review).toEqual({ decision: "added", reviewer: "审核员" });
    const nationalStep = report.chain.find((step) => step.reference.id === "national");
    expect(nationalStep?.status === "aligned" ? nationalStep.alignment.rejected.map((match) => match.review?.note) : []).toEqual(["口径不同"]);
  });

  it("marks reviewed pairs in every format", () => {
    expect(renderAudit(report, "md")).toContain("已确认");
    expect(renderAudit(report, "csv")).toContain("人工添加");
    expect(renderAudit(report, "html")).toContain('class="review"');
    expect(renderAudit(report, "json")).toContain('"decision": "confirmed"');
  });

  it("names the review file and the decision's path when an item does not exist", () => {
    const wrong: Review = { file: "review.yaml", decisions: [{ ...review.decisions[0]!, subjectItem: "core-99" }] };
    expect(() => auditPlan(daixian, { align: { review: wrong } })).toThrow(/review\.yaml[\s\S]*reviews\[0\]\.subjectItem[\s\S]*core-99/u);
  });
});

describe("audit reports", () => {
  const report = auditPlan(daixian);

  it("validate against docs/audit-report.schema.json", async () => {
    const schema = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "docs", "audit-report.schema.json"), "utf8"));
    // With the formats (a provenance's date), so that they are checked rather than ignored with a warning.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    for (const subject of [daixian, nanyang, getBundledPlan("jilin")]) {
      const json = JSON.parse(renderAudit(auditPlan(subject), "json"));
      expect(validate(json) ? [] : validate.errors).toEqual([]);
    }
  });

  it("label in English on request", () => {
    const english = auditPlan(daixian, { lang: "en" });
    expect(renderAudit(english, "text")).toContain("weaker target");
    expect(find(english, "weaker-target")[0]?.message).toMatch(/is weaker than/u);
  });

  it("summarize for the terminal: errors and warnings, and how many infos there are", () => {
    const text = renderAudit(report, "text");
    expect(text).toContain("✗ [缺少指标]");
    expect(text).not.toContain("[目标与上级一致]");
    expect(text).toMatch(/另有 \d+ 条提示/u);
  });

  it("draw each indicator's targets from the nation down, and show matched texts side by side with their differences", () => {
    const html = renderAudit(report, "html");
    expect(html).toContain("<svg");
    expect(html).toMatch(/<del>20<\/del><ins>10<\/ins>/u);
    expect(html).not.toMatch(/<script\b/u);
  });

  it("open in Excel with the Chinese intact", () => {
    const csv = renderAudit(report, "csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("目标弱于上级");
  });

  it("audits every ancestor the hierarchy knows, nearest first", () => {
    expect(report.chain.map((step) => step.reference.id)).toEqual(getAncestorPlans(daixian).map((plan) => plan.id));
  });
});
