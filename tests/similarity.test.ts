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

  it("takes weights and a tokenizer from its options", () => {
    const labelOnly = createScorer({ weights: { tokens: 0, measure: 0, context: 0, body: 0 }, tokenizer: "unigram" });
    const { score, signals } = labelOnly.score(indicator("装备达标率"), indicator("装备达标率"));
    expect(score).toBe(1);
    expect(signals.find((signal) => signal.name === "tokens")?.weight).toBe(0);
  });
});
