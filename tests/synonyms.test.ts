import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalize, createSynonymTable, defaultSynonymGroups, defaultSynonyms, toComparableText } from "../src/index.js";

describe("the default synonym table", () => {
  it("reads every wording of the per-output death rate as one", () => {
    const wordings = ["亿元地区生产总值", "单位地区生产总值", "亿元国内生产总值", "单位国内生产总值", "亿元GDP"];
    expect(new Set(wordings.map((text) => toComparableText(`${text}生产安全事故死亡率`))).size).toBe(1);
  });

  it("reads the public warning coverage and the two names of the department as one", () => {
    expect(toComparableText("灾害预警信息公众覆盖率")).toBe(toComparableText("灾害事故信息发布公众覆盖率"));
    expect(toComparableText("县级以上应急管理机构专业人才占比")).toBe(toComparableText("县应急管理部门专业人才占比"));
    expect(toComparableText("工矿商贸就业人员十万人")).toBe(toComparableText("工矿商贸就业人员10万人"));
  });

  it("settles overlapping wordings, whichever comes first", () => {
    expect(toComparableText("受灾群众基本生活得到有效救助时间")).toBe(toComparableText("受灾人员得到有效救助的时间"));
    expect(toComparableText("年均因自然灾害直接经济损失占国内生产总值比例")).toBe(
      toComparableText("自然灾害直接经济损失占全省GDP的比例").replace(/^/u, "年均"),
    );
  });
});

describe("the emergency-management concepts", () => {
  it("read the names of one concept as one: 双重预防机制 and 隐患排查治理, 技术创新 and 科技创新", () => {
    expect(toComparableText("健全双重预防机制")).toBe(toComparableText("健全隐患排查治理"));
    expect(toComparableText("加强应急技术创新")).toBe(toComparableText("加强应急科技创新"));
    expect(toComparableText("防汛抗旱水利提升工程")).toBe(toComparableText("水旱灾害防御水利提升工程"));
  });

  it("say why each group belongs in the table", () => {
    const concepts = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "data", "synonyms", "concepts.json"), "utf8")) as { groups: Array<{ note?: string }> };
    expect(concepts.groups.length).toBeGreaterThan(10);
    expect(concepts.groups.every((group) => (group.note ?? "").length > 0)).toBe(true);
  });
});

describe("caller's synonym groups", () => {
  it("extend the defaults at run time", () => {
    const extended = createSynonymTable([...defaultSynonymGroups, { canonical: "避灾安置场所", variants: ["应急避难场所"] }]);
    expect(canonicalize("应急避难场所", defaultSynonyms)).toBe("应急避难场所");
    expect(canonicalize("应急避难场所", extended)).toBe("避灾安置场所");
  });

  it("leave text alone when the table is empty", () => {
    expect(canonicalize("亿元GDP", createSynonymTable([]))).toBe("亿元GDP");
  });
});
