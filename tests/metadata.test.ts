import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSource } from "../eval/extraction.js";
import { layoutsDirectory, readExtractedMetadata, scoreMetadata } from "../eval/metadata.js";
import { extractPlan } from "../src/index.js";

// Metadata read from pages of eleven layouts (tests/fixtures/layouts/): at least this share of the
// fixtures × five fields (title, number, issuer, issue and publish dates) must equal the values written down.
const FLOOR = 0.95;

const fixture = (file: string) => readExtractedMetadata(readFileSync(path.join(layoutsDirectory, file), "utf8"), file);
const body = ["一、主要任务", "（一）健全指挥体系。2023年底前建成指挥平台。（县应急局牵头）"];
const metadataOf = (head: readonly string[]) => readExtractedMetadata([...head, ...body].join("\n"), "inline.txt");

describe("metadata on pages of different layouts", () => {
  it(`reads at least ${FLOOR * 100}% of the fields right`, () => {
    const score = scoreMetadata();
    expect(score.fixtures.length).toBeGreaterThanOrEqual(8);
    expect({ accuracy: score.accuracy, mismatches: score.mismatches }).toMatchObject({ accuracy: expect.toSatisfy((value: number) => value >= FLOOR) });
  });

  it("joins a title that runs over two lines", () => {
    expect(fixture("info-table-html.html").title).toBe("示例县“十四五”应急管理体系和本质安全能力建设规划");
    expect(metadataOf(["示例市人民政府", "2022年1月5日", "示例市“十四五”应急管理体系和", "本质安全能力建设规划"]).title).toBe("示例市“十四五”应急管理体系和本质安全能力建设规划");
    // The second line opens with “十四五”, as a title can: the notice's 《…》 confirms the join.
    expect(fixture("one-line-table.txt").title).toBe("虚构省应急管理“十四五”规划");
  });

  it("does not take a number the notice cites for the document's own", () => {
    const cited = metadataOf([
      "示例县人民政府关于印发示例县应急管理“十四五”规划的通知",
      "各乡（镇）人民政府：",
      "根据《国务院关于印发“十四五”国家应急体系规划的通知》(国发〔2021〕36号)，现印发给你们。",
      "（国发〔2021〕36号）",
      "示例县应急管理“十四五”规划",
    ]);
    expect(cited.documentNumber).toBeNull();
    expect(fixture("red-header.html").documentNumber).toBe("测政办发〔2022〕21号");
    expect(fixture("publish-line.txt").documentNumber).toBe("示应急发〔2022〕5号");
  });

  it("reads each field of a 信息公开 table from its labelled cell, however the table was flattened", () => {
    const expected = { documentNumber: "样应急发〔2022〕12号", issuer: "样本市应急管理局", issueDate: "2022-04-20", publishDate: "2022-04-25" };
    expect(fixture("flattened-table.txt")).toMatchObject(expected);
    expect(fixture("one-line-table.txt")).toMatchObject({ documentNumber: "虚政办发〔2021〕45号", issuer: "虚构省人民政府办公厅", issueDate: "2021-12-20", publishDate: "2021-12-28" });
    expect(fixture("info-table-html.html")).toMatchObject({ documentNumber: "示政办发〔2022〕8号", issueDate: "2022-03-15", publishDate: "2022-03-18" });
    expect(fixture("listing-mirror.html").publishDate).toBe("2021-10-13");
    // Cells run together when the page set them as inline elements.
    expect(metadataOf(["发文机关：示例县人民政府办公室成文日期：2022年03月15日发文字号：示政办发〔2022〕8号", "示例县应急管理“十四五”规划"])).toMatchObject({
      issuer: "示例县人民政府办公室", issueDate: "2022-03-15", documentNumber: "示政办发〔2022〕8号",
    });
  });

  it("removes a mirror site's spam from the title and never returns it as the issuer", () => {
    expect(fixture("spam-mirror-notice.txt")).toMatchObject({ title: "虚构省安全生产“十四五”规划", issuer: null });
    expect(fixture("spam-mirror-table.html")).toMatchObject({ title: "样本市“十四五”应急体系规划", issuer: "样本市人民政府" });
    expect(extractPlan(readSource("jilin"), { id: "jilin" }).plan.issuer).toBeNull();
  });

  it("takes the issuer from the signature: the line above the notice's date, or before it on one line", () => {
    expect(metadataOf(["示例县人民政府办公室", "2022年3月15日", "示例县应急管理“十四五”规划"])).toMatchObject({ issuer: "示例县人民政府办公室", issueDate: "2022-03-15" });
    expect(fixture("notice-only.txt")).toMatchObject({ issuer: "示例县人民政府", issueDate: "2022-07-01" });
    expect(fixture("red-header.html").issueDate).toBe("2022-06-08");
  });
});
