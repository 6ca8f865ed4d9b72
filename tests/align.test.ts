import { readFileSync } from "node:fs";
import path from "node:path";
import * as OpenCC from "opencc-js/cn2t";
import { describe, expect, it } from "vitest";
import {
  alignChain,
  alignPlans,
  extractPlan,
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
    const alignment = alignPlans(reference, subject, { kinds: ["task"], thresholds: { task: 0.3 }, selection: { margin: 0.5 } });
    expect(pairsOf(alignment, "task")).toEqual(["task-1→task-1", "task-2→task-1"]);
  });

  it("uses a caller's scorer and thresholds", () => {
    const sameName: Scorer = { score: (a, b) => ({ score: a.label === b.label ? 1 : 0, signals: [{ name: "same-name", value: a.label === b.label ? 1 : 0, weight: 1 }] }) };
    const alignment = alignPlans(national, daixian, { kinds: ["indicator"], scorer: sameName });
    expect(pairsOf(alignment, "indicator")).toEqual(["core-1→core-1", "core-4→core-3", "core-5→core-4", "core-6→core-5"]);
    expect(alignment.matches[0]?.signals[0]?.name).toBe("same-name");
    expect(alignPlans(national, daixian, { kinds: ["indicator"], thresholds: { indicator: 0.99 } }).matches).toEqual([]);
  });

  it("lists the candidates of plans of 400 tasks each without overflowing the call stack", () => {
    const many = (id: string) => withTasks(daixian, id, Array.from({ length: 400 }, (_, index) => [`示例任务${index}`, `开展示例工作第${index}项。`] as [string, string]));
    expect(listCandidates(many("a"), many("b"), { kinds: ["task"] })).toHaveLength(400 * 400);
  });

  it("ranks every candidate, best first", () => {
    const candidates = listCandidates(national, daixian, { kinds: ["indicator"] });
    expect(candidates).toHaveLength(national.indicators.length * daixian.indicators.length);
    expect(candidates.map((candidate) => candidate.score)).toEqual([...candidates.map((candidate) => candidate.score)].sort((a, b) => b - a));
  });
});

describe("selecting task and project pairs", () => {
  const nanyang = getBundledPlan("nanyang");
  const alignment = alignPlans(nanyang, daixian, { kinds: ["task"] });

  it("accepts pairs by rank as well as by score, and says which rule accepted each", () => {
    expect(new Set(alignment.matches.map((match) => match.rule))).toEqual(new Set(["threshold", "standout"]));
    expect(alignment.matches.filter((match) => match.rule === "threshold").every((match) => match.score >= alignment.thresholds.task)).toBe(true);
    // 推进双重预防体系建设 ↔ 开展隐患排查治理: the same work in other words, found below the threshold.
    const prevention = alignment.matches.find((match) => match.reference.id === "task-3.2.2");
    expect(prevention).toMatchObject({ subject: { id: "task-12" }, rule: "standout" });
    expect(prevention!.score).toBeLessThan(alignment.thresholds.task);
    expect(prevention!.signals.map((signal) => signal.name)).toEqual(expect.arrayContaining(["body", "content", "terms"]));
  });

  it("keeps selection by the threshold alone as an option", () => {
    const byThreshold = alignPlans(nanyang, daixian, { kinds: ["task"], selection: { method: "threshold" }, thresholds: { task: 0.3 } });
    expect(byThreshold.matches.length).toBeGreaterThan(0);
    expect(byThreshold.matches.every((match) => match.rule === "threshold" && match.score >= 0.3)).toBe(true);
  });

  it("puts every reference task in one of three outcomes: matched, candidates to confirm, or no counterpart", () => {
    const matched = new Set(alignment.matches.map((match) => match.reference.id));
    const candidates = alignment.candidates.map((entry) => entry.reference.id);
    const none = alignment.unmatched.reference.map((item) => item.id);
    expect([...matched, ...candidates, ...none].sort()).toEqual(nanyang.tasks.map((task) => task.id).sort());
    expect(candidates.filter((id) => matched.has(id) || none.includes(id))).toEqual([]);
    for (const entry of alignment.candidates) {
      expect(entry.candidates.length).toBeGreaterThan(0);
      expect(entry.candidates.length).toBeLessThanOrEqual(alignment.selection.candidateCount);
      expect(entry.candidates.every((candidate) => candidate.score >= alignment.selection.candidateFloor)).toBe(true);
    }
  });
});

describe("a reference item whose counterpart was dropped", () => {
  // 代县's plan against a copy without its task 12 (开展隐患排查治理): the other tasks each carry their own
  // counterpart, far better than they carry task 12.
  const withoutTask12 = { ...daixian, id: "daixian-without-12", tasks: daixian.tasks.filter((task) => task.id !== "task-12") };

  it("has no counterpart, rather than candidates that clearly carry other items", () => {
    const alignment = alignPlans(daixian, withoutTask12, { kinds: ["task"] });
    expect(alignment.unmatched.reference.map((item) => item.id)).toEqual(["task-12"]);
    expect(alignment.candidates).toEqual([]);
  });

  it("keeps such candidates for review when the share rule is turned off", () => {
    const alignment = alignPlans(daixian, withoutTask12, { kinds: ["task"], selection: { candidateShare: 0 } });
    expect(alignment.candidates.map((entry) => entry.reference.id)).toEqual(["task-12"]);
  });
});

describe("aligning across granularity", () => {
  it("aligns an outline of headings only with a complete plan group by group", () => {
    const document = readFileSync(path.join(import.meta.dirname, "fixtures", "outline", "shanxi-outline.txt"), "utf8");
    const outline = extractPlan(document, { id: "shanxi-outline" }).plan;
    const alignment = alignPlans(outline, daixian, { kinds: ["task"] });
    expect(alignment.matches.map((match) => `${match.reference.id}→${match.subject.kind}:${match.subject.id}`)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((group) => `task-3.${group}→section:s2.2.${group}`),
    );
  });

  it("lets a reviewer confirm an outline heading's counterpart group", () => {
    const document = readFileSync(path.join(import.meta.dirname, "fixtures", "outline", "shanxi-outline.txt"), "utf8");
    const outline = extractPlan(document, { id: "shanxi-outline" }).plan;
    const alignment = alignPlans(outline, daixian, {
      kinds: ["task"],
      review: { file: "review.yaml", decisions: [{ reference: "shanxi-outline", subject: "daixian", kind: "task", referenceItem: "task-3.1", subjectItem: "s2.2.1", decision: "confirm" }] },
    });
    expect(alignment.matches.find((match) => match.reference.id === "task-3.1")).toMatchObject({ subject: { id: "s2.2.1" }, review: { decision: "confirmed" } });
  });

  it("finds 河南省's 加强应急管理法治建设 carried by 南阳's (一), which holds 提升依法行政能力水平", () => {
    const alignment = alignPlans(getBundledPlan("henan"), getBundledPlan("nanyang"));
    expect(alignment.matches.find((match) => match.reference.id === "s-tasks.2")).toMatchObject({ subject: { id: "s3.1" } });
    expect(alignment.unmatched.reference.filter((item) => item.kind === "section")).toEqual([]);
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
