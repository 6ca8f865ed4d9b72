import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  auditPlan, bundledPlanIds, defaultAlignThresholds, defaultSelection, defaultSignalWeights, defaultSynonymGroups, defaultWorkItemWeights, getAncestorPlans, getBundledPlan, getHierarchy, type Plan,
} from "../src/index.js";
import { getLabels } from "../src/report/labels.js";
import { getBundledDataDir, readPlanSource, validatePlan } from "../src/node.js";

// These tests pin the hand-checked data down: values below were read from the source texts in data/sources/.

const withoutSpaces = (text: string) => text.replace(/\s+/gu, "");
const byId = <T extends { id: string }>(items: readonly T[], id: string): T => {
  const found = items.find((item) => item.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
};

describe.each(bundledPlanIds.map((id) => [id]))("the bundled plan %s", (id) => {
  it("validates: schema and every quote found in its source", async () => {
    const result = await validatePlan(id);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("is stored under its own id", async () => {
    const raw = JSON.parse(await readFile(path.join(getBundledDataDir(), "plans", `${id}.json`), "utf8"));
    expect(raw.id).toBe(id);
  });

  it("agrees with the jurisdiction hierarchy", () => {
    const plan = getBundledPlan(id);
    const entry = getHierarchy().jurisdictions.find((candidate) => candidate.plans.includes(id));
    expect(entry).toBeDefined();
    expect(plan.jurisdiction).toEqual({ name: entry?.name, level: entry?.level, parent: entry?.parent });
  });

  it("keeps stray spaces out of its normalized fields", () => {
    const plan = getBundledPlan(id);
    const brokenWord = /\p{Script=Han}[ \u00a0\u3000]+\p{Script=Han}/u;
    const fields = [
      ...plan.indicators.flatMap((item) => [item.name, item.target ?? ""]),
      ...[...plan.tasks, ...plan.projects].flatMap((item) => [item.title, item.text]),
      ...[...plan.indicators, ...plan.tasks, ...plan.projects].flatMap((item) => [
        ...(item.units?.lead ?? []),
        ...(item.units?.supporting ?? []),
      ]),
    ];
    expect(fields.filter((field) => brokenWord.test(field))).toEqual([]);
  });

  it("quotes the numbers of every target it records", () => {
    const plan = getBundledPlan(id);
    const misquoted = plan.indicators.filter((indicator) => {
      const numbers = (indicator.target ?? "").match(/\d+(?:\.\d+)?/gu) ?? [];
      return numbers.some((number) => !withoutSpaces(indicator.quote).includes(number));
    });
    expect(misquoted.map((indicator) => indicator.id)).toEqual([]);
  });

  it("takes the text of every task and project from its quote, and every unit from the source", async () => {
    const plan = getBundledPlan(id);
    const source = withoutSpaces(await readPlanSource(plan));
    const workItems = [...plan.tasks, ...plan.projects];
    expect(workItems.filter((item) => !withoutSpaces(item.quote).includes(withoutSpaces(item.text))).map((item) => item.id)).toEqual([]);
    const units = [...plan.indicators, ...workItems].flatMap((item) => [
      ...(item.units?.lead ?? []),
      ...(item.units?.supporting ?? []),
    ]);
    expect(units.filter((unit) => !source.includes(withoutSpaces(unit)))).toEqual([]);
  });
});

const core = (plan: Plan) => plan.indicators.filter((indicator) => indicator.origin === "core");
const targetOf = (plan: Plan, name: string) => plan.indicators.find((indicator) => indicator.name === name)?.target;

describe("代县 (daixian), the county implementation plan", () => {
  const plan = getBundledPlan("daixian");

  it("has 6 core indicators, 33 key tasks and 22 key projects", () => {
    expect(core(plan)).toHaveLength(6);
    expect(plan.tasks.map((task) => task.number)).toEqual(Array.from({ length: 33 }, (_, i) => `(${i + 1})`));
    expect(plan.projects).toHaveLength(22);
  });

  it("reads its core targets as printed", () => {
    expect(targetOf(plan, "年均每十万人受灾人次")).toBe("<20000");
    expect(targetOf(plan, "工矿商贸就业人员十万人生产安全事故死亡率")).toBe("下降10%");
    expect(targetOf(plan, "生产安全事故死亡人数")).toBe("下降15%");
    expect(targetOf(plan, "年均每百万人口因自然灾害死亡率")).toBe("<0.8");
    expect(core(plan).every((indicator) => indicator.year === 2025)).toBe(true);
  });

  it("names a lead unit for every task and project, e.g. 县应急局 for task (20)", () => {
    expect(byId(plan.tasks, "task-20").units?.lead).toEqual(["县应急局"]);
    expect(byId(plan.tasks, "task-20").title).toBe("建设航空应急救援力量");
    expect([...plan.tasks, ...plan.projects].filter((item) => (item.units?.lead.length ?? 0) === 0)).toEqual([]);
  });

  it("records the targets of its 分项目标", () => {
    expect(targetOf(plan, "灾害事故信息发布公众覆盖率")).toBe("达到90%");
    expect(targetOf(plan, "县应急管理部门装备达标率")).toBe("达到80%");
  });

  it("sits below 忻州市, 山西省 and the nation", () => {
    expect(getAncestorPlans(plan).map((ancestor) => ancestor.id)).toEqual(["xinzhou", "shanxi", "national"]);
  });
});

describe("南阳市 (nanyang), the city five-year plan", () => {
  const plan = getBundledPlan("nanyang");

  it("reads its core indicator table with each indicator's nature", () => {
    expect(targetOf(plan, "生产安全事故死亡人数")).toBe("下降13%");
    expect(targetOf(plan, "单位地区生产总值生产安全事故死亡率")).toBe("下降30%");
    expect(targetOf(plan, "工矿商贸就业人员十万人生产安全事故死亡率")).toBe("下降17%");
    expect(core(plan).find((indicator) => indicator.name === "生产安全事故死亡人数")?.nature).toBe("binding");
  });

  it("sits below 河南省 and the nation", () => {
    expect(getAncestorPlans(plan).map((ancestor) => ancestor.id)).toEqual(["henan", "national"]);
  });
});

describe("吉林省 (jilin), whose copy omits its indicator table", () => {
  const plan = getBundledPlan("jilin");

  it("records each (略) of the source as an omission, not as content", () => {
    expect(core(plan)).toEqual([]);
    const omitted = plan.omissions.map((omission) => omission.quote);
    expect(omitted).toEqual(expect.arrayContaining([
      expect.stringContaining("主要指标(略)"),
      expect.stringContaining("专栏1 自然灾害防治重点(略)"),
      expect.stringContaining("专栏2 省级应急物资保障建设重点(略)"),
      expect.stringContaining("专栏3 重大专项研究课题(略)"),
    ]));
  });

  it("names the real issuer, not the spam the scraper put in its place", () => {
    expect(plan.issuer).toBe("吉林省人民政府办公厅");
    expect(plan.documentNumber).toBe("吉政办发〔2021〕69号");
  });
});

describe("宁波市 (ningbo), whose targets sit inside task paragraphs", () => {
  const plan = getBundledPlan("ningbo");

  it("records inline targets with their own years", () => {
    const services = plan.indicators.find((indicator) => indicator.quote.includes("不少于10家高水平社会化服务机构"));
    expect(services).toMatchObject({ origin: "inline", year: 2025 });
    expect(services?.target).toContain("10家");
    const years = new Set(plan.indicators.map((indicator) => indicator.year));
    expect([...years].filter((year) => year !== undefined).length).toBeGreaterThan(1);
  });

  it("links every inline target to the task it stands in", () => {
    const taskIds = new Set(plan.tasks.map((task) => task.id));
    const inline = plan.indicators.filter((indicator) => indicator.origin === "inline");
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.every((indicator) => indicator.item !== undefined && taskIds.has(indicator.item))).toBe(true);
  });
});

describe("金华市 (jinhua), annual work points", () => {
  const plan = getBundledPlan("jinhua");

  it("keeps the base of its relative targets: the average of the two years before", () => {
    const deaths = plan.indicators.find((indicator) => indicator.name === "生产安全事故死亡人数");
    expect(deaths).toMatchObject({ target: "下降20%", baseline: "前两年平均数", year: 2021 });
    expect(plan.kind).toBe("annual-work-points");
    expect(plan.period).toEqual({ start: 2021, end: 2021 });
  });
});

describe("the parent plans known only from the reference notes", () => {
  it("national: seven indicators, the two unverified ones flagged", () => {
    const plan = getBundledPlan("national");
    expect(plan.source.type).toBe("secondary");
    expect(plan.indicators).toHaveLength(7);
    expect(plan.indicators.filter((indicator) => indicator.unverified).map((indicator) => indicator.name)).toEqual([
      "重特大生产安全事故起数",
      "工矿商贸就业人员十万人生产安全事故死亡率",
    ]);
    expect(targetOf(plan, "年均每十万人受灾人次")).toBe("<15000");
  });

  it("山西省: a skeleton of eight task groups and four project groups", () => {
    const plan = getBundledPlan("shanxi");
    const children = (parent: string) => plan.sections.filter((section) => section.parent === parent);
    expect(children("s3").map((section) => section.title)[0]).toBe("深化应急管理体制机制改革");
    expect(children("s3")).toHaveLength(8);
    expect(children("s4")).toHaveLength(4);
    expect(plan.content).toBe("skeleton");
  });

  it("河南省: its seven main tasks", () => {
    const plan = getBundledPlan("henan");
    expect(plan.sections.filter((section) => section.parent === "s-tasks")).toHaveLength(7);
  });

  it("忻州市 and 浙江省: known levels without content", () => {
    for (const id of ["xinzhou", "zhejiang"]) {
      const plan = getBundledPlan(id);
      expect(plan.content).toBe("none");
      expect(plan.indicators.length + plan.tasks.length + plan.projects.length + plan.sections.length).toBe(0);
    }
    expect(getAncestorPlans(getBundledPlan("ningbo")).map((plan) => plan.id)).toEqual(["zhejiang", "national"]);
  });
});

describe("the bundled data, shared by every caller", () => {
  it("is one frozen copy: a caller cannot change what later calls and audits see", () => {
    const plan = getBundledPlan("daixian");
    const asLoaded = JSON.stringify(plan);
    const findings = auditPlan(plan).findings;
    expect(() => plan.tasks.pop()).toThrow(TypeError);
    expect(() => plan.tasks[19]!.units!.lead.push("某局")).toThrow(TypeError);
    expect(() => Object.assign(plan.jurisdiction, { parent: null })).toThrow(TypeError);
    expect(() => getHierarchy().jurisdictions.pop()).toThrow(TypeError);
    expect(() => (bundledPlanIds as string[]).push("mine")).toThrow(TypeError);
    // Shared, not copied on each access, so that auditing many plans stays fast.
    expect(getBundledPlan("daixian")).toBe(plan);
    expect(JSON.stringify(getBundledPlan("daixian"))).toBe(asLoaded);
    expect(auditPlan(getBundledPlan("daixian")).findings).toEqual(findings);
  });

  it("shares its defaults and labels frozen too: thresholds, selection, weights, synonym groups, report words", () => {
    const findings = auditPlan(getBundledPlan("nanyang")).findings;
    expect(() => Object.assign(defaultAlignThresholds, { indicator: 0 })).toThrow(TypeError);
    expect(() => Object.assign(defaultSelection, { floor: 1 })).toThrow(TypeError);
    expect(() => Object.assign(defaultSignalWeights, { label: 0 })).toThrow(TypeError);
    expect(() => Object.assign(defaultWorkItemWeights, { body: 0 })).toThrow(TypeError);
    expect(() => (defaultSynonymGroups[0]!.variants as string[]).push("任何词")).toThrow(TypeError);
    expect(() => Object.assign(getLabels("zh"), { title: "x" })).toThrow(TypeError);
    expect(auditPlan(getBundledPlan("nanyang")).findings).toEqual(findings);
  });
});
