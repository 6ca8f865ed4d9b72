import { describe, expect, it } from "vitest";
import { extractPlan, getAncestorPlans, getBundledPlan, getHierarchy, type Plan } from "../src/index.js";
import { findDivisions, resolveDivision } from "../src/jurisdictions/divisions.js";

describe("the national division table", () => {
  it("puts county-level cities under their prefecture: 原平市 under 忻州市, 蛟河市 under 吉林市", () => {
    expect(findDivisions("原平市")).toEqual([{ code: "140981", name: "原平市", level: "county", ancestors: ["忻州市", "山西省", "全国"] }]);
    expect(findDivisions("蛟河市")[0]).toMatchObject({ level: "county", ancestors: ["吉林市", "吉林省", "全国"] });
  });

  it("skips the entries that only group counties: a municipality's districts, a province's directly administered cities", () => {
    expect(findDivisions("东城区")[0]).toMatchObject({ level: "county", ancestors: ["北京市", "全国"] });
    expect(findDivisions("北京市")[0]).toMatchObject({ level: "province", ancestors: ["全国"] });
    expect(findDivisions("济源市")[0]).toMatchObject({ level: "county", ancestors: ["河南省", "全国"] });
  });

  it("settles a name two divisions share with the names a document cites, and says when it cannot", () => {
    expect(resolveDivision("朝阳区")).toMatchObject({ status: "ambiguous", candidates: [{ code: "110105" }, { code: "220104" }] });
    expect(resolveDivision("朝阳区", ["长春市"])).toMatchObject({ status: "found", division: { code: "220104" } });
    expect(resolveDivision("示例县")).toEqual({ status: "unknown" });
  });

  it("agrees with the bundled hierarchy on every jurisdiction's level and parent", () => {
    for (const entry of getHierarchy().jurisdictions.filter((candidate) => candidate.name !== "全国")) {
      const [division] = findDivisions(entry.name);
      expect({ name: entry.name, level: division?.level, parent: division?.ancestors[0] }).toEqual({ name: entry.name, level: entry.level, parent: entry.parent });
    }
  });
});

describe("the plans above a plan", () => {
  const daixian = getBundledPlan("daixian");
  const placedIn = (name: string, parent: string | null = null): Plan => ({ ...daixian, jurisdiction: { name, level: "county", parent } });

  it("follow the table: a county-level city of 忻州市 is audited against 忻州市, 山西省 and the nation", () => {
    expect(getAncestorPlans(placedIn("原平市")).map((plan) => plan.id)).toEqual(["xinzhou", "shanxi", "national"]);
  });

  it("keep a level whose plan is not known, as a placeholder without content that audits skip and name", () => {
    const [prefecture, ...above] = getAncestorPlans(placedIn("蛟河市"));
    expect(prefecture).toMatchObject({ id: "unknown-220200", title: "吉林市（规划未收录）", content: "none", jurisdiction: { name: "吉林市", level: "city", parent: "吉林省" } });
    expect(above.map((plan) => plan.id)).toEqual(["jilin", "national"]);
  });
});

describe("extracting a document's jurisdiction", () => {
  // Invented text: only the jurisdiction given to the extractor is real.
  const document = "示例规划\n一、主要任务\n(一)加强示例工作。开展示例工作。\n二、保障措施\n(一)加强组织领导。落实责任。";

  it("takes the level and the parent of a named jurisdiction from the table", () => {
    expect(extractPlan(document, { jurisdiction: { name: "原平市" } }).plan.jurisdiction).toEqual({ name: "原平市", level: "county", parent: "忻州市" });
  });

  it("says when a name is not in the table, and how to settle its level and parent", () => {
    const { plan } = extractPlan(document.replace("示例规划", "示例县应急管理实施方案"));
    expect(plan.jurisdiction).toMatchObject({ name: "示例县", level: "county" });
    expect(plan.notes.join(" ")).toContain("示例县 is not in the national division table");
  });

  it("places an ambiguous name one way, and says which divisions it could be and how to settle it", () => {
    const { plan, warnings } = extractPlan(document, { jurisdiction: { name: "朝阳区" } });
    expect(plan.jurisdiction).toEqual({ name: "朝阳区", level: "county", parent: "北京市" });
    expect(warnings).toEqual([{ path: "jurisdiction", message: expect.stringMatching(/北京市朝阳区 \(110105\), 长春市朝阳区 \(220104\); placed under 北京市.*--parent 长春市/u) }]);
    expect(plan.notes.join(" ")).toContain("placed under 北京市");
    expect(extractPlan(document, { jurisdiction: { name: "朝阳区", parent: "长春市" } }).plan.jurisdiction).toEqual({ name: "朝阳区", level: "county", parent: "长春市" });
  });
});
