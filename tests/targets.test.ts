import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTargets, inferDirection, parseTarget, type Target } from "../src/index.js";

const one = (text: string, year?: number): Target => {
  const [target] = parseTarget(text, { year }).targets;
  if (target === undefined) throw new Error(`no target read from ${text}`);
  return target;
};
const shape = (target: Target) => [target.kind === "change" ? target.change : target.comparator, target.value, target.unit];

describe("parseTarget", () => {
  it.each([
    ["下降15%", ["decrease", 15, "%"]],
    ["降低20%", ["decrease", 20, "%"]],
    ["减少10%", ["decrease", 10, "%"]],
    ["<0.8", ["<", 0.8, ""]],
    ["≤1%", ["<=", 1, "%"]],
    ["控制在1%以内", ["<=", 1, "%"]],
    ["小于10小时", ["<", 10, "小时"]],
    ["5%以下", ["<=", 5, "%"]],
    ["达到80%", [">=", 80, "%"]],
    ["超过60%", [">", 60, "%"]],
    ["不低于70%", [">=", 70, "%"]],
    ["达到92%以上", [">=", 92, "%"]],
    ["不少于200人", [">=", 200, "人"]],
    ["100%全覆盖", [">=", 100, "%"]],
    ["全覆盖", [">=", 100, "%"]],
    ["达到0.4‰", [">=", 0.4, "‰"]],
    ["10小时内", ["<=", 10, "小时"]],
    ["缩短至10小时以内", ["<=", 10, "小时"]],
    ["2小时以内", ["<=", 2, "小时"]],
    ["新增5支", [">=", 5, "支"]],
    ["4个", ["=", 4, "个"]],
    ["一县一基地", [">=", 1, ""]],
    ["市级60日", ["=", 60, "日"]],
    ["全部建立", [">=", 100, "%"]],
    ["超1.5万人", [">", 15000, "人"]],
    ["不少于十万人", [">=", 100000, "人"]],
  ])("reads %s", (text, expected) => {
    expect(shape(one(text))).toEqual(expected);
  });

  it("reads ratios and durations in one base: 0.4‰ is 0.0004, 30分钟 is half an hour", () => {
    expect(one("达到0.4‰").base).toBeCloseTo(0.0004, 12);
    expect(one("30分钟内").base).toBeCloseTo(0.5, 12);
    expect(one("<1%").base).toBeCloseTo(0.01, 12);
  });

  it("reads several targets in one sentence, each with its year and qualifiers", () => {
    const { targets } = parseTarget("到2022年,乡镇级避灾安置场所规范化建设率达到100%;到2025年底,力争避灾安置场所规范化建设率达到90%以上,基本实现全覆盖");
    expect(targets.map((target) => [target.comparator, target.value, target.year, target.qualifiers])).toEqual([
      [">=", 100, 2022, []],
      [">=", 90, 2025, ["力争"]],
      [">=", 100, 2025, ["基本"]],
    ]);
    expect(parseTarget("2023年完成190个").targets[0]?.year).toBe(2023);
    expect(parseTarget("达到90%", { year: 2025 }).targets[0]?.year).toBe(2025);
  });

  it("reads traditional characters and full-width digits as the plain text", () => {
    expect(shape(one("達到９０％"))).toEqual([">=", 90, "%"]);
  });

  it("keeps text it cannot read as text with a reason, never a guess", () => {
    expect(parseTarget("明显提升")).toEqual({ targets: [], unread: { text: "明显提升", reason: "no-number" } });
    expect(parseTarget("全天候24小时").unread?.reason).toBe("no-pattern");
  });

  it("never throws and never yields a number that is not finite", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."下降达到超过不少于以内以上<≤%‰小时个人0123456789.万十,到年力争") }), (text) =>
        parseTarget(text).targets.every((target) => Number.isFinite(target.value) && Number.isFinite(target.base)),
      ),
    );
  });
});

describe("inferDirection", () => {
  it("knows that deaths, losses and waiting times should fall and coverage should rise", () => {
    expect(inferDirection({ name: "生产安全事故死亡人数" })).toBe("lower-better");
    expect(inferDirection({ name: "年均因自然灾害直接经济损失占地区生产总值比例" })).toBe("lower-better");
    expect(inferDirection({ name: "受灾人员得到有效救助的时间" })).toBe("lower-better");
    expect(inferDirection({ name: "灾害事故信息发布公众覆盖率" })).toBe("higher-better");
    expect(inferDirection({ name: "重点行业规模以上企业新增从业人员安全技能培训率" })).toBe("higher-better");
    expect(inferDirection({ name: "专职消防人员占全县总人口的比例" })).toBe("higher-better");
    expect(inferDirection({ name: "重特大生产安全事故起数" })).toBe("lower-better");
    expect(inferDirection({ name: "突发灾害性天气有效预警时间" })).toBe("higher-better");
  });

  it("lets the plan's indicator table override the rules", () => {
    expect(inferDirection({ name: "海洋灾害预警预报网格精细度", direction: "lower-better" })).toBe("lower-better");
  });
});

describe("compareTargets", () => {
  const lower = { direction: "lower-better" as const };

  it("calls a smaller decrease weaker, a tighter bound stronger, and the same value equal", () => {
    expect(compareTargets(one("下降20%"), one("下降10%"), lower).verdict).toBe("weaker");
    expect(compareTargets(one("<15000"), one("<20000"), lower).verdict).toBe("weaker");
    expect(compareTargets(one("<1"), one("<0.8"), lower).verdict).toBe("stronger");
    expect(compareTargets(one("下降15%"), one("下降15%"), lower).verdict).toBe("equal");
    expect(compareTargets(one("<1%"), one("控制在1%以内"), lower).verdict).toBe("equal");
    expect(compareTargets(one("达到80%"), one("超过90%"), { direction: "higher-better" }).verdict).toBe("stronger");
    expect(compareTargets(one("10小时内"), one("缩短至12小时以内"), lower).verdict).toBe("weaker");
    expect(compareTargets(one("达到0.4‰"), one("达到0.05%"), { direction: "higher-better" }).verdict).toBe("stronger");
  });

  it("reads a bare value as a level to reach in the indicator's direction", () => {
    expect(compareTargets(one("达到90%"), one("100%"), { direction: "higher-better" }).verdict).toBe("stronger");
    expect(compareTargets(one("达到90%"), one("100%")).reason).toBe("unknown-direction");
  });

  it("says why targets are incomparable: another base, unit, kind or jurisdiction's count", () => {
    const reason = (a: string, b: string, options = {}) => compareTargets(one(a), one(b), { ...lower, ...options }).reason;
    expect(reason("下降20%", "下降20%", { subjectBaseline: "前两年平均数" })).toBe("different-base");
    expect(reason("下降20%", "<1%")).toBe("change-and-level");
    expect(reason("10小时内", "<1%")).toBe("different-measure");
    expect(reason("新增5个", "新增5座", { sameJurisdiction: true })).toBe("different-unit");
    expect(reason("新增5支", "新增5个", { sameJurisdiction: true })).toBe("different-measure");
    expect(reason("创建170个", "创建10个")).toBe("count-across-jurisdictions");
    expect(reason("达到80%", "<90%")).toBe("opposite-bounds");
    expect(compareTargets(undefined, one("达到80%")).reason).toBe("unread");
  });

  it("notes the qualifiers a subject adds", () => {
    expect(compareTargets(one("达到70%"), one("力争达到70%"), { direction: "higher-better" })).toEqual({ verdict: "equal", softenedBy: ["力争"] });
  });
});
