import { describe, expect, it } from "vitest";
import { generateNation, type NationOptions, type PerturbationRates } from "../bench/nation/generate.js";
import { expectFindings, findingKey, scoreFindings, type ExpectedFinding, type PlanTruth, type ScoredReport } from "../bench/nation/truth.js";
import { getAncestorPlans, getBundledPlan, PlanSchema, type Plan } from "../src/index.js";

// A small synthetic nation: 北京市 with two districts (朝阳区 among them, a name 长春市 has too), 山西省 with
// 忻州市 (原平市, a county-level city, and 代县) and 太原市 (小店区), 吉林省 with 长春市's 朝阳区, and 河南省 with
// 济源市, a county the province administers directly. Listed in code order, the order plans come in.
const chosen = new Set([
  "110000", "110101", "110105",
  "140000", "140100", "140105", "140900", "140923", "140981",
  "220000", "220100", "220104",
  "410000", "419001",
]);
const options: NationOptions = { seed: 7, include: (division) => chosen.has(division.code) };
const nation = generateNation(options);
const subtrees = [...nation.provinces];
const plans = subtrees.flatMap((subtree) => subtree.plans);
const truths = new Map([nation.nationalTruth, ...subtrees.flatMap((subtree) => subtree.truths)].map((truth) => [truth.plan, truth]));
const planById = new Map([nation.national, ...plans].map((plan) => [plan.id, plan]));
const expected = subtrees.flatMap((subtree) => subtree.expected);
const among = (plan: Plan) => [nation.national, ...(subtrees.find((subtree) => subtree.plans.includes(plan))?.plans ?? [])];

const noPerturbation: PerturbationRates = {
  dropItem: 0, weakenTarget: 0, strengthenTarget: 0, downgradeNature: 0, dropLeadUnit: 0,
  paraphrase: 0, swapTerm: 0, reorderItems: 0, reorderSections: 0,
};
/** The first province alone (山西省), generated with the given rates. */
const shanxiWith = (rates: Partial<PerturbationRates>) =>
  [...generateNation({ seed: 7, rates: { ...noPerturbation, ...rates }, include: (division) => division.code === "140000" }).provinces][0];

describe("the synthetic nation", () => {
  it("has a plan for each division chosen, named by its code, the province first", () => {
    expect(plans.map((plan) => plan.id)).toEqual([...chosen].map((code) => `n-${code}`));
    expect(planById.get("n-140981")?.jurisdiction).toEqual({ name: "原平市", level: "county", parent: "忻州市" });
    expect(planById.get("n-110105")?.jurisdiction).toEqual({ name: "朝阳区", level: "county", parent: "北京市" });
  });

  it("is the same for the same seed, and another for another seed", () => {
    expect(JSON.stringify([...generateNation(options).provinces])).toBe(JSON.stringify(subtrees));
    expect(JSON.stringify([...generateNation({ ...options, seed: 8 }).provinces])).not.toBe(JSON.stringify(subtrees));
  });

  it("gives a plan the same content whichever other divisions are generated with it", () => {
    const alone = [...generateNation({ seed: 7, include: (division) => ["140000", "140900", "140981"].includes(division.code) }).provinces];
    expect(alone[0]?.plans.find((plan) => plan.id === "n-140981")).toEqual(planById.get("n-140981"));
  });

  it("writes plans that pass the plan schema, each quote the item's own text", () => {
    for (const plan of plans) {
      expect(PlanSchema.safeParse(plan).success).toBe(true);
      for (const work of [...plan.tasks, ...plan.projects]) expect(work.quote).toBe(work.text);
      for (const indicator of plan.indicators) expect(indicator.quote).toBe(`${indicator.name}${indicator.target}`);
      for (const section of plan.sections) expect(section.quote).toBe(`${section.number}${section.title}`);
    }
  });

  it("places each plan under its synthetic ancestors, districts and county-level cities included", () => {
    const ancestorIds = (id: string) => {
      const plan = planById.get(id);
      return plan === undefined ? [] : getAncestorPlans(plan, among(plan)).map((ancestor) => ancestor.id);
    };
    expect(ancestorIds("n-140981")).toEqual(["n-140900", "n-140000", "national"]);
    expect(ancestorIds("n-110105")).toEqual(["n-110000", "national"]);
    expect(ancestorIds("n-220104")).toEqual(["n-220100", "n-220000", "national"]);
    expect(ancestorIds("n-419001")).toEqual(["n-410000", "national"]);
    for (const plan of plans) expect(ancestorIds(plan.id)).toEqual(truths.get(plan.id)?.ancestors);
  });

  it("remembers where each item of a plan was copied from, an item of the plan directly above", () => {
    for (const plan of plans) {
      const truth = truths.get(plan.id);
      const parent = planById.get(truth?.ancestors[0] ?? "");
      const ids = [...plan.sections, ...plan.indicators, ...plan.tasks, ...plan.projects].map((entry) => entry.id);
      expect(Object.keys(truth?.derivedFrom ?? {}).sort()).toEqual([...ids].sort());
      if (plan.jurisdiction.level === "province") continue; // copied from the national plan and 吉林's
      const parentIds = new Set([...(parent?.sections ?? []), ...(parent?.indicators ?? []), ...(parent?.tasks ?? []), ...(parent?.projects ?? [])].map((entry) => entry.id));
      for (const origin of Object.values(truth?.derivedFrom ?? {})) {
        expect(origin.plan).toBe(parent?.id);
        expect(parentIds.has(origin.item)).toBe(true);
      }
    }
  });

  it("expects findings only of items that exist, against ancestors the plan has", () => {
    expect(expected.length).toBeGreaterThan(0);
    for (const finding of expected) {
      const subject = planById.get(finding.subject);
      if (finding.kind === "unassigned") {
        expect(finding.ancestor).toBeNull();
        const work = [...(subject?.tasks ?? []), ...(subject?.projects ?? [])].find((item) => item.id === finding.item);
        expect(work?.units?.lead).toEqual([]);
        continue;
      }
      expect(truths.get(finding.subject)?.ancestors).toContain(finding.ancestor);
      const ancestor = planById.get(finding.ancestor ?? "");
      const list = finding.kind === "missing-task" ? ancestor?.tasks : finding.kind === "missing-project" ? ancestor?.projects : ancestor?.indicators;
      expect(list?.some((item) => item.id === finding.item)).toBe(true);
    }
  });
});

describe("perturbations", () => {
  it("copy the template unchanged when every rate is zero: nothing to find", () => {
    const shanxi = shanxiWith({});
    expect(shanxi?.expected).toEqual([]);
    expect(shanxi?.plans[0]?.tasks.map((task) => task.title)).toEqual(getBundledPlan("jilin").tasks.map((task) => task.title.replaceAll("吉林", "山西")));
  });

  it("weaken every target when told to, each found weaker than the nation's", () => {
    const kinds = shanxiWith({ weakenTarget: 1 })?.expected.map((finding) => `${finding.kind} ${finding.item}`);
    expect(kinds).toEqual(getBundledPlan("national").indicators.map((indicator) => `weaker-target ${indicator.id}`));
  });

  it("leave every lead unit out when told to, each task and project unassigned", () => {
    const shanxi = shanxiWith({ dropLeadUnit: 1 });
    const works = [...(shanxi?.plans[0]?.tasks ?? []), ...(shanxi?.plans[0]?.projects ?? [])];
    expect(shanxi?.expected.map((finding) => finding.item)).toEqual(works.map((work) => work.id));
    expect(new Set(shanxi?.expected.map((finding) => finding.kind))).toEqual(new Set(["unassigned"]));
  });

  it("drop items when told to, except duties of the province's own level (省级, 吉林应急管理学院)", () => {
    const province = shanxiWith({ dropItem: 1 })?.plans[0];
    expect(province?.indicators).toEqual([]);
    expect(province?.tasks.map((task) => task.title)).toEqual(["建强省内综合性消防救援队伍", "加强省级专业救援队伍建设", "契合“数字山西”发展目标,推进“智慧应急”建设"]);
  });
});

describe("the truth, composed down the chain", () => {
  // Invented truths: the nation asks a 15% cut (binding); the province asks 12%; the city, copying the
  // province, asks 15% again but only as expected (预期性), and drops a task; the county copies the city.
  const truth = (plan: string, ancestors: string[], rest: Partial<PlanTruth>): PlanTruth => ({
    plan, ancestors, derivedFrom: {}, items: {}, indicators: {}, unassigned: [], ...rest,
  });
  const chain = new Map([
    truth("nation", [], { items: { cut: "indicator" }, indicators: { cut: { value: 15, moreAmbitious: "higher", nature: "binding" } } }),
    truth("province", ["nation"], {
      derivedFrom: { "p-cut": { plan: "nation", item: "cut" }, "p-task": { plan: "template", item: "t" } },
      items: { "p-cut": "indicator", "p-task": "task" }, indicators: { "p-cut": { value: 12, moreAmbitious: "higher", nature: "binding" } },
    }),
    truth("city", ["province", "nation"], {
      derivedFrom: { "c-cut": { plan: "province", item: "p-cut" } },
      items: { "c-cut": "indicator" }, indicators: { "c-cut": { value: 15, moreAmbitious: "higher", nature: "expected" } }, unassigned: [],
    }),
    truth("county", ["city", "province", "nation"], {
      derivedFrom: { "x-cut": { plan: "city", item: "c-cut" } },
      items: { "x-cut": "indicator" }, indicators: { "x-cut": { value: 15, moreAmbitious: "higher", nature: "expected" } }, unassigned: ["x-cut"],
    }),
  ].map((entry) => [entry.plan, entry]));
  const keys = (plan: string) => expectFindings(chain.get(plan) as PlanTruth, chain).map(findingKey);

  it("compares targets by the numbers written: weakened, then strengthened back to equal", () => {
    expect(keys("province")).toEqual(["province|nation|weaker-target|cut"]);
    expect(new Set(keys("city"))).toEqual(new Set([
      "city|province|stronger-target|p-cut",
      "city|province|nature-downgraded|p-cut",
      "city|nation|nature-downgraded|cut",
      "city|province|missing-task|p-task",
    ]));
  });

  it("calls an item dropped anywhere on the way down missing against every plan above the drop", () => {
    expect(keys("county")).toContain("county|province|missing-task|p-task");
    expect(keys("county")).not.toContain("county|city|missing-task|p-task");
    expect(keys("county")).toContain("county||unassigned|x-cut");
  });
});

describe("scoring", () => {
  const asReports = (findings: readonly ExpectedFinding[]): ScoredReport[] => {
    const bySubject = new Map<string, ScoredReport["findings"][number][]>();
    for (const finding of findings) {
      const item = { kind: finding.kind === "missing-project" ? "project" as const : "task" as const, id: finding.item, label: "", text: "", quote: "" };
      const reported = {
        kind: finding.kind,
        referencePlan: finding.ancestor === null ? null : { id: finding.ancestor, title: "", level: "province" as const },
        reference: finding.kind === "unassigned" ? null : item,
        subject: finding.kind === "unassigned" ? item : null,
      };
      bySubject.set(finding.subject, [...(bySubject.get(finding.subject) ?? []), reported]);
    }
    return [...bySubject].map(([id, entries]) => ({ subject: { id }, findings: entries }));
  };
  // A hedge on an item does not count as reporting it, nor against the audit.
  const hedge = { kind: "unconfirmed-task" as const, referencePlan: null, reference: null, subject: null };

  it("gives a perfect audit precision and recall 1", () => {
    const reports = asReports(expected).map((report) => ({ ...report, findings: [...report.findings, hedge] }));
    const score = scoreFindings(reports, expected);
    expect([score.precision, score.recall, score.falsePositives, score.falseNegatives]).toEqual([1, 1, 0, 0]);
    expect(score.truePositives).toBe(expected.length);
  });

  it("counts a finding left out against recall, and one too many against precision", () => {
    const rest = expected.slice(1);
    expect(scoreFindings(asReports(rest), expected)).toMatchObject({ recall: rest.length / expected.length, precision: 1, falseNegatives: 1 });
    const extra: ExpectedFinding = { subject: "n-140981", ancestor: "n-140900", kind: "missing-task", item: "task-1" };
    expect(expected.map(findingKey)).not.toContain(findingKey(extra));
    const score = scoreFindings(asReports([...expected, extra]), expected);
    expect(score).toMatchObject({ precision: expected.length / (expected.length + 1), recall: 1, falsePositives: 1 });
    expect(score.byKind["missing-task"].falsePositives).toBe(1);
  });
});
