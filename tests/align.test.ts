import * as OpenCC from "opencc-js/cn2t";
import { describe, expect, it } from "vitest";
import {
  alignChain,
  alignPlans,
  getAncestorPlans,
  getBundledPlan,
  listCandidates,
  type Plan,
  type Scorer,
} from "../src/index.js";

const national = getBundledPlan("national");
const daixian = getBundledPlan("daixian");
const pairsOf = (plan: ReturnType<typeof alignPlans>, kind: string) =>
  plan.matches.filter((match) => match.kind === kind).map((match) => `${match.reference.id}→${match.subject.id}`);

describe("alignPlans", () => {
  it("pairs the national indicators with 代县's one to one, and leaves 重特大生产安全事故起数 without a counterpart", () => {
    const alignment = alignPlans(national, daixian);
    expect(pairsOf(alignment, "indicator")).toEqual(["core-1→core-1", "core-3→core-2", "core-4→core-3", "core-5→core-4", "core-6→core-5", "core-7→core-6"]);
    expect(alignment.unmatched.reference.map((item) => item.id)).toContain("core-2");
    expect(alignment.relation).toBe("ancestor");
    const match = alignment.matches.find((candidate) => candidate.kind === "indicator");
    expect(match?.reference).toMatchObject({ id: "core-1", label: "生产安全事故死亡人数", text: "生产安全事故死亡人数 下降15%" });
    expect(match?.subject.quote).toContain("生产安全事故死亡人数");
  });

  it("aligns 山西省's task and project groups with 代县's, never a task group with a project group", () => {
    const alignment = alignPlans(getBundledPlan("shanxi"), daixian, { kinds: ["section"] });
    const pairs = pairsOf(alignment, "section");
    expect(pairs).toContain("s3.1→s2.2.1");
    expect(pairs).toContain("s4.4→s2.3.4");
    expect(pairs.some((pair) => pair.startsWith("s3.") && pair.includes("→s2.3."))).toBe(false);
  });

  it("reads plans written in traditional characters with full-width digits as the same plans", () => {
    const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });
    const fullWidth = (text: string) => toTraditional(text).replace(/[0-9%<]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const traditional: Plan = {
      ...daixian,
      indicators: daixian.indicators.map((item) => ({ ...item, name: fullWidth(item.name), target: item.target === null ? null : fullWidth(item.target) })),
    };
    expect(pairsOf(alignPlans(national, traditional), "indicator")).toEqual(pairsOf(alignPlans(national, daixian), "indicator"));
  });

  it("lets one subject task carry out two reference tasks", () => {
    const reference = withTasks(daixian, "ref", [["完善应急预案体系", "修订完善应急预案"], ["加强应急演练", "定期开展应急演练"]]);
    const subject = withTasks(daixian, "sub", [["完善应急预案体系并加强应急演练", "修订完善应急预案,定期开展应急演练"]]);
    const alignment = alignPlans(reference, subject, { kinds: ["task"], thresholds: { task: 0.3, margin: 0.5 } });
    expect(pairsOf(alignment, "task")).toEqual(["task-1→task-1", "task-2→task-1"]);
  });

  it("uses a caller's scorer and thresholds", () => {
    const sameName: Scorer = { score: (a, b) => ({ score: a.label === b.label ? 1 : 0, signals: [{ name: "same-name", value: a.label === b.label ? 1 : 0, weight: 1 }] }) };
    const alignment = alignPlans(national, daixian, { kinds: ["indicator"], scorer: sameName });
    expect(pairsOf(alignment, "indicator")).toEqual(["core-1→core-1", "core-4→core-3", "core-5→core-4", "core-6→core-5"]);
    expect(alignment.matches[0]?.signals[0]?.name).toBe("same-name");
    expect(alignPlans(national, daixian, { kinds: ["indicator"], thresholds: { indicator: 0.99 } }).matches).toEqual([]);
  });

  it("ranks every candidate, best first", () => {
    const candidates = listCandidates(national, daixian, { kinds: ["indicator"] });
    expect(candidates).toHaveLength(national.indicators.length * daixian.indicators.length);
    expect(candidates.map((candidate) => candidate.score)).toEqual([...candidates.map((candidate) => candidate.score)].sort((a, b) => b - a));
  });
});

describe("alignChain", () => {
  it("skips 忻州市, whose plan has no known content, and says so", () => {
    const chain = alignChain(daixian, getAncestorPlans(daixian));
    expect(chain.steps.map((step) => [step.reference.id, step.status])).toEqual([
      ["xinzhou", "skipped"],
      ["shanxi", "aligned"],
      ["national", "aligned"],
    ]);
    expect(chain.steps[0]).toMatchObject({ reason: "no-content" });
  });
});

describe("peers", () => {
  it("align in both directions and say they are peers", () => {
    const ningbo = getBundledPlan("ningbo");
    const nanyang = getBundledPlan("nanyang");
    const forward = alignPlans(nanyang, ningbo, { kinds: ["indicator"] });
    const backward = alignPlans(ningbo, nanyang, { kinds: ["indicator"] });
    expect(forward.relation).toBe("peer");
    expect(forward.matches.map((match) => `${match.reference.id}↔${match.subject.id}`).sort()).toEqual(
      backward.matches.map((match) => `${match.subject.id}↔${match.reference.id}`).sort(),
    );
  });
});

function withTasks(base: Plan, id: string, tasks: Array<[string, string]>): Plan {
  const section = base.sections[0]!;
  return {
    ...base,
    id,
    indicators: [],
    projects: [],
    tasks: tasks.map(([title, text], index) => ({ id: `task-${index + 1}`, section: section.id, number: "", title, text, quote: title })),
  };
}
