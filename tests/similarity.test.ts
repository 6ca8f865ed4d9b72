import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createScorer, type MatchableItem } from "../src/index.js";

const indicator = (label: string, target: string | null = null, context: string[] = []): MatchableItem => ({
  kind: "indicator", id: label, label, body: "", target, context,
});

describe("the built-in scorer", () => {
  const scorer = createScorer();

  it("scores the same indicator in other words as a near match, and explains each signal", () => {
    const { score, signals } = scorer.score(
      indicator("单位国内生产总值生产安全事故死亡率", "下降33%"),
      indicator("亿元地区生产总值生产安全事故死亡率", "下降33%"),
    );
    expect(score).toBeGreaterThan(0.9);
    expect(signals.map((signal) => signal.name)).toEqual(["label", "tokens", "measure"]);
    const weighted = signals.reduce((sum, signal) => sum + signal.value * signal.weight, 0) / signals.reduce((sum, signal) => sum + signal.weight, 0);
    expect(score).toBeCloseTo(weighted, 10);
  });

  it("keeps different measures apart: a count is not a duration", () => {
    const count = indicator("全国综合减灾示范社区", "创建10个");
    const duration = indicator("受灾人员得到有效救助的时间", "10小时内");
    const { score, signals } = scorer.score(count, duration);
    expect(score).toBeLessThan(0.3);
    expect(signals.find((signal) => signal.name === "measure")).toMatchObject({ value: 0, note: "count ≠ duration" });
  });

  it("is symmetric and within [0, 1] for any texts", () => {
    const words = fc.string({ unit: fc.constantFrom(..."应急管理部门装备达标率死亡人数覆盖全省县级以上灾害事故 10%小时"), maxLength: 20 });
    const item = fc.record({ label: words, body: words, target: fc.option(words), context: fc.array(words, { maxLength: 2 }) });
    fc.assert(
      fc.property(item, item, (a, b) => {
        const left: MatchableItem = { kind: "task", id: "a", ...a };
        const right: MatchableItem = { kind: "task", id: "b", ...b };
        const forward = scorer.score(left, right).score;
        const backward = scorer.score(right, left).score;
        return forward >= 0 && forward <= 1 && Math.abs(forward - backward) < 1e-12;
      }),
    );
  });

  it("sees a one-sentence task inside a long one by their shared content, where the cosine of the texts stays low", () => {
    const task = (id: string, label: string, body: string): MatchableItem => ({ kind: "task", id, label, body, context: [] });
    const county = task("a", "开展隐患排查治理", "开展隐患排查治理,建立重大隐患清单。");
    const city = task("b", "推进双重预防体系建设", "健全安全风险分级管控制度,开展隐患排查治理,建立重大隐患清单,推行企业安全生产标准化,完善安全生产责任保险,加强危险化学品、非煤矿山、消防、道路运输等重点行业领域专项整治,严格事故调查处理,强化警示教育。");
    const signals = Object.fromEntries(scorer.score(county, city).signals.map((signal) => [signal.name, signal.value]));
    expect(signals.content).toBeGreaterThan(0.8);
    expect(signals.content).toBeGreaterThan(signals.body! + 0.3);
    expect(signals.terms).toBeGreaterThan(0);
  });

  it("is symmetric when a task meets a whole group", () => {
    const task: MatchableItem = { kind: "task", id: "t", label: "加强应急救援力量体系建设", body: "", context: ["三、重点任务"] };
    const group: MatchableItem = { kind: "section", id: "s", label: "加强应急救援力量体系建设", body: "建强综合性消防救援队伍。强化行业专业救援队伍", context: ["(二)重点任务"] };
    expect(scorer.score(task, group).score).toBeCloseTo(scorer.score(group, task).score, 12);
  });

  it("takes weights and a tokenizer from its options", () => {
    const labelOnly = createScorer({ weights: { tokens: 0, measure: 0, context: 0, body: 0, content: 0, terms: 0 }, tokenizer: "unigram" });
    const { score, signals } = labelOnly.score(indicator("装备达标率"), indicator("装备达标率"));
    expect(score).toBe(1);
    expect(signals.find((signal) => signal.name === "tokens")?.weight).toBe(0);
  });
});
