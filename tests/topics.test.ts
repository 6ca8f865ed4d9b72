import { describe, expect, it } from "vitest";
import { alignPlans } from "../src/align/align-plans.js";
import { clauseLength, sharedClause } from "../src/align/clauses.js";
import { fitTopics } from "../src/align/fit-topics.js";
import { collectItems } from "../src/align/items.js";
import type { AuditAllOptions } from "../src/corpus/audit-all.js";
import { withBatchTopics } from "../src/corpus/batch-topics.js";
import { bundledPlanIds, getAncestorPlansUnchecked, getBundledPlan } from "../src/load/bundled.js";
import { createScorer } from "../src/similarity/scorer.js";
import { fitTopicModel, topicVector } from "../src/similarity/topics.js";
import { cosine } from "../src/similarity/vectors.js";
import type { MatchableItem } from "../src/similarity/types.js";

const bundled = bundledPlanIds.map(getBundledPlan);
const topics = fitTopics(bundled);
const task = (id: string, label: string, body: string): MatchableItem => ({ kind: "task", id, label, body, context: [] });

describe("the topic space fitted on the plans", () => {
  it("is the same for the same texts, whatever run or thread fits it", () => {
    const again = fitTopics(bundled);
    expect(again.id).toBe(topics.id);
    expect(again.terms).toBe(topics.terms);
    expect([...again.projection]).toEqual([...topics.projection]);
    expect(topics.dimensions).toBe(100);
  });

  it("places items on the same subject closer than items on others, beyond the words they share", () => {
    // 代县 task-19 and 南阳 (一)2 share one clause; an unrelated 南阳 task shares the plans' common words.
    const army = getBundledPlan("daixian").tasks.find((entry) => entry.id === "task-19")!;
    const nanyang = getBundledPlan("nanyang").tasks;
    const forces = nanyang.find((entry) => entry.id === "task-3.1.2")!;
    const vectorOf = (text: string) => topicVector(topics, text);
    const close = cosine(vectorOf(army.text), vectorOf(forces.text));
    const others = nanyang.filter((entry) => entry.id !== forces.id).map((entry) => cosine(vectorOf(army.text), vectorOf(entry.text)));
    expect(others.filter((value) => value >= close).length).toBeLessThanOrEqual(2);
  });

  it("folds in texts it was not fitted on, and gives nothing to a text with no known term", () => {
    const vector = topicVector(topics, "建设应急救援队伍，开展联合演练");
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect([...topicVector(topics, "ABCXYZ")].every((value) => value === 0)).toBe(true);
  });

  it("has fewer dimensions than asked when there are few texts, and none when they share nothing", () => {
    const small = fitTopicModel(["加强救援队伍建设", "建设应急救援队伍", "开展隐患排查治理", "隐患排查治理"], { dimensions: 50 });
    expect(small.dimensions).toBe(3);
    const none = fitTopicModel(["加强领导", "开展演练"]);
    expect(none.dimensions).toBe(0);
    const scorer = createScorer({ topics: none });
    expect(scorer.score(task("a", "加强领导", "加强领导"), task("b", "开展演练", "开展演练")).score).toBeGreaterThanOrEqual(0);
  });

  it("is a signal of task and project scores, with its weight, only when a space is given", () => {
    const a = task("a", "依托军队和武警部队", "建立地方党委政府请求军队和武警部队参与抢险救灾的工作制度");
    const b = task("b", "优化应急协同联动机制", "完善驻宛解放军、武警部队参与抢险救灾的工作制度，强化军地联动指挥");
    const signal = createScorer({ topics }).score(a, b).signals.find((entry) => entry.name === "topic");
    expect(signal?.weight).toBe(0.25);
    expect(signal?.value).toBeGreaterThan(0);
    expect(createScorer().score(a, b).signals.some((entry) => entry.name === "topic")).toBe(false);
  });
});

describe("a batch's topic space", () => {
  const plans = [getBundledPlan("daixian"), getBundledPlan("nanyang")];

  it("is fitted once on the batch and its ancestors when the options bring none, whatever their order", () => {
    const options: AuditAllOptions = withBatchTopics(plans, getAncestorPlansUnchecked, {});
    const ancestors = plans.flatMap((plan) => getAncestorPlansUnchecked(plan, plans));
    expect(options.align?.scorerOptions?.topics?.id).toBe(fitTopics([...new Map([...ancestors, ...plans].reverse().map((plan) => [plan.id, plan])).values()]).id);
  });

  it("is left as given, and not fitted for a scorer of one's own or a topic weight of 0", () => {
    expect(withBatchTopics(plans, getAncestorPlansUnchecked, { align: { scorerOptions: { topics } } }).align?.scorerOptions?.topics).toBe(topics);
    const unweighted: AuditAllOptions = withBatchTopics(plans, getAncestorPlansUnchecked, { align: { scorerOptions: { weights: { topic: 0 } } } });
    expect(unweighted.align?.scorerOptions?.topics).toBeUndefined();
    const scorer = { score: () => ({ score: 0, signals: [] }) };
    expect(withBatchTopics(plans, getAncestorPlansUnchecked, { align: { scorer } }).align).toEqual({ scorer });
  });
});

describe("clauses carried word for word", () => {
  it(`are runs of ${clauseLength} characters both texts hold, punctuation and spacing aside`, () => {
    expect("武警部队参与抢险救灾的工作制度").toContain(sharedClause("请求军队和武警部队参与抢险救灾的工作制度", "完善驻宛解放军、武警部队参与抢险救灾的工作制度"));
    expect("武警部队参与抢险救灾的工作制度").toContain(sharedClause("武警部队，参与抢险救灾的工作制度", "武警部队参与 抢险救灾的工作制度"));
    expect(sharedClause("武警部队，参与抢险救灾的工作制度", "武警部队参与 抢险救灾的工作制度")).toHaveLength(clauseLength);
    expect(sharedClause("加强乡镇(街道)应急管理办公室建设", "组建乡镇(街道)应急管理办公室")).toBeUndefined();
  });

  it("match 代县's 依托军队和武警部队 with 南阳's paragraph that carries it, in either direction (issue #20)", () => {
    const [daixian, nanyang] = [getBundledPlan("daixian"), getBundledPlan("nanyang")];
    const options = { kinds: ["task" as const], scorerOptions: { topics } };
    const pair = (reference: string, subject: string) => (match: { reference: { id: string }; subject: { id: string } }) => match.reference.id === reference && match.subject.id === subject;
    expect(alignPlans(daixian, nanyang, options).matches.find(pair("task-19", "task-3.1.2"))?.rule).toBe("clause");
    expect(alignPlans(nanyang, daixian, options).matches.some(pair("task-3.1.2", "task-19"))).toBe(true);
  });
});

describe("bare titles", () => {
  it("meet the clause that names them, not words scattered through a long text", () => {
    const scorer = createScorer({ corpus: collectItems(getBundledPlan("jilin"), "project").map((entry) => entry.item) });
    const title = task("t", "应急救援中心建设工程", "");
    const content = (other: MatchableItem) => scorer.score(title, other).signals.find((signal) => signal.name === "content")?.value ?? 0;
    const scattered = task("s", "应急管理一级学科建设", "开设应急管理、安全工程、应急救援、消防工程等专业，建设中心实验室");
    const named = task("n", "加强救援能力", "建设省级应急救援中心，配齐装备");
    expect(content(named)).toBeGreaterThan(content(scattered));
    expect(content(scattered)).toBeLessThan(0.5);
  });
});
