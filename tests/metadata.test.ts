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

  // Shapes of the real page openings in tests/fixtures/openings/, written here with invented names (示例县, 样本市…).
  it("reads a title that only running text names, and a signature run into a joined paragraph", () => {
    const joined = ["各乡镇人民政府：《示例县应急管理“十四五”规划》已经县政府常务会议审议通过，现印发给你们，请认真贯彻执行。 示例县人民政府 2021年12月28日 “十四五”时期是示例县……根据《样本市应急管理“十四五”规划》，制定本规划。 一、发展基础 （一）工作成效 “十三五”期间，示例县政府以习近"];
    const { plan, warnings } = extractPlan(joined.join("\n"), { id: "joined" });
    expect({ title: plan.title, issuer: plan.issuer, issueDate: plan.issueDate, content: plan.content }).toEqual({
      title: "示例县应急管理“十四五”规划", issuer: "示例县人民政府", issueDate: "2021-12-28", content: "partial",
    });
    // The invented county is in no table: that is the one thing extraction warns of.
    expect(warnings.map((warning) => warning.path)).toEqual(["jurisdiction"]);
    expect(plan.completeness?.reasons).toContain("ends-before-first-part");
    expect(readExtractedMetadata(["索引号 | 0001/2022-00001 | 发布机构 | 示例县应急管理局 |", "前言", "结合示例县实际，编制《示例县“十四五”综合防灾减灾规划》。", "一、现状与形势"].join("\n"), "x.txt").title)
      .toBe("示例县“十四五”综合防灾减灾规划");
    // A title the text cites (根据《…》) is not its own.
    expect(readExtractedMetadata(["根据《样本市应急管理“十四五”规划》，制定本规划。", "一、现状"].join("\n"), "cited.txt").title).toBe("（未找到标题）cited");
  });

  it("reads dates that lost their 年月日, taking the reading not after the page's date where two are possible", () => {
    expect(metadataOf(["示例县人民政府办公室", "2021811", "示例县应急管理“十四五”规划"]).issueDate).toBe("2021-08-11");
    expect(metadataOf(["发布日期：2022-02-14", "示例县人民政府", "2022125", "示例县应急管理“十四五”规划"]).issueDate).toBe("2022-01-25");
    // 2022125 is 1-25 or 12-5: without a page date to rule one out, neither.
    expect(metadataOf(["示例县人民政府", "2022125", "示例县应急管理“十四五”规划"]).issueDate).toBeNull();
    // Nor is a date that lost its 年月日 taken for the first line of the title under it.
    expect(metadataOf(["示例县人民政府办公室", "2023220", "示例县应急体系建设“十四五”规划"]).title).toBe("示例县应急体系建设“十四五”规划");
  });

  it("reads cells in brackets and bullets, numbers that lost their brackets, and a portal's timestamp as weaker than the signature", () => {
    expect(metadataOf(["[发文机构]样本市应急管理局", "[发文字号] 样应急发202131", "[成文日期]", "2021-09-08 17:25:33", "样本市人民政府", "2021年9月28日", "样本市应急管理“十四五”规划"])).toMatchObject({
      issuer: "样本市应急管理局", documentNumber: "样应急发〔2021〕31号", issueDate: "2021-09-28",
    });
    expect(metadataOf(["  • [ 发文字号 ]", "  • 示府发〔2022〕2号", "  • [ 成文日期 ]", "  • 2022-01-25", "示例县应急管理“十四五”规划"])).toMatchObject({
      documentNumber: "示府发〔2022〕2号", issueDate: "2022-01-25",
    });
    // 公文生成日期 is the document's date; a bare 生成日期 the portal's; 更新时间 an aggregator's.
    expect(metadataOf(["公文生成日期: 2022-07-11", "生成日期: 2022-07-25", "示例县应急管理“十四五”规划"])).toMatchObject({ issueDate: "2022-07-11", publishDate: "2022-07-25" });
    expect(metadataOf(["示例县应急管理“十四五”规划", "来源:某网站 更新时间:2021-10-29"]).publishDate).toBe("2021-10-29");
    expect(metadataOf(["2022-04-07 来源:示例县交通局", "示例县人民政府办公室", "2022年3月29日", "示例县应急管理“十四五”规划"])).toMatchObject({ publishDate: "2022-04-07", issuer: "示例县人民政府办公室" });
  });

  it("prefers the body that issued a document to the portal that published it, and writes out abbreviated names", () => {
    expect(metadataOf(["发布机构: 样本市应急管理局", "样本市安全生产委员会", "2022年5月6日", "样本市“十四五”安全生产规划"]).issuer).toBe("样本市安全生产委员会");
    expect(metadataOf(["发布机构: 样本市应急管理局", "样本市“十四五”安全生产规划"]).issuer).toBe("样本市应急管理局");
    expect(metadataOf(["市减灾委关于印发样本市综合防灾减灾规划实施方案的通知", "样本市综合防灾减灾规划实施方案"]).issuer).toBe("样本市减灾委员会");
    expect(metadataOf(["发布日期:2023-12-04 来源:示例县人民政府办公室", "示例县应急体系建设“十四五”规划"]).issuer).toBe("示例县人民政府办公室");
  });

  it("drops pinyin a mirror injects, and keeps a period that closes the title", () => {
    expect(metadataOf(["示例县“十四五”綜合防災(zāi)減災(zāi)規(guī)劃", "發(fā)布時間:2023-02-28"])).toMatchObject({ title: "示例县“十四五”綜合防災減災規劃", publishDate: "2023-02-28" });
    expect(metadataOf(["示例县应急管理“十四五”规划(2021—2025年)"]).title).toBe("示例县应急管理“十四五”规划(2021—2025年)");
  });

  it("reads a number written after the notice's heading or without its 号, a date after 特此通知, and a file-sharing site's title", () => {
    expect(metadataOf(["示例县人民政府关于印发示例县应急管理“十四五”规划的通知 示府〔2023〕30号", "示例县应急管理“十四五”规划"]).documentNumber).toBe("示府〔2023〕30号");
    expect(metadataOf(["示府〔2022〕20", "示例县人民政府", "2022年920", "示例县应急管理“十四五”规划"])).toMatchObject({ documentNumber: "示府〔2022〕20号", issueDate: "2022-09-20" });
    expect(metadataOf(["各镇人民政府：现将《示例县应急管理“十四五”规划》印发给你们，请认真遵照执行。特此通知2021年7月13日"]).issueDate).toBe("2021-07-13");
    expect(metadataOf(["《示例县“十四五”综合防灾减灾规划.docx》由会员分享，可在线阅读。"]).title).toBe("示例县“十四五”综合防灾减灾规划");
    expect(metadataOf(["  • 2022-09-23 10:43:22", "  • 来源: 示例县人民政府", "示例县应急管理“十四五”规划"]).publishDate).toBe("2022-09-23");
  });

  it("takes the notice's heading before a portal's 发布机构, unless the portal writes the same body in full", () => {
    expect(metadataOf(["發布機構:示例縣政府辦", "示例縣人民政府關于印發示例縣“十四五”綜合防災減災規劃的通知", "示例縣“十四五”綜合防災減災規劃"]).issuer).toBe("示例縣人民政府");
    expect(metadataOf(["闵行区人民政府关于印发《闵行区应急管理“十四五”规划》的通知", "发布部门:上海市闵行区人民政府", "闵行区应急管理“十四五”规划"]).issuer).toBe("上海市闵行区人民政府");
  });

  it("keeps bodies that issue together apart, and trusts a heading and signature that agree over the portal's cell", () => {
    expect(metadataOf(["示例县应急管理局   示例县发展和改革局", "2021年11月23日", "示例县“十四五”应急体系建设规划"]).issuer).toBe("示例县应急管理局 示例县发展和改革局");
    expect(metadataOf(["示 例 县 人 民 政 府", "2021年11月23日", "示例县“十四五”应急体系建设规划"]).issuer).toBe("示例县人民政府");
    const portalSaysOffice = ["发文单位: 示例市人民政府办公室", "示例市人民政府", "关于印发示例市防灾减灾“十四五”规划的通知", "示例市人民政府", "2023年1月7日", "示例市防灾减灾“十四五”规划"];
    expect(metadataOf(portalSaysOffice).issuer).toBe("示例市人民政府");
  });

  it("reads table rows whose labels run into their values, and the labels portals and encyclopaedias use", () => {
    const runOn = ["文件名称示例市防灾减灾“十四五”规划 文件类型规范性文件", "发文单位示例市人民政府办公室 发文字号示政办发〔2023〕2号", "发文日期2023-01-06 09:52:51 发布日期2023-01-07 09:52:51", "示例市防灾减灾“十四五”规划"];
    expect(metadataOf(runOn)).toMatchObject({ documentNumber: "示政办发〔2023〕2号", publishDate: "2023-01-07", issueDate: "2023-01-06" });
    // A sentence that happens to open with a label's words is not a table row.
    expect(metadataOf(["发布日期以来各地进展", "示例市防灾减灾“十四五”规划"]).publishDate).toBeNull();
    expect(metadataOf(["  • 頒布時間:2021年11月3日", "  • 批准文號:示政辦發﹝2021﹞69號", "示例省“十四五”應急體系建設規劃"])).toMatchObject({ issueDate: "2021-11-03", documentNumber: "示政办发〔2021〕69号" });
    expect(metadataOf(["文件编号: 示市政字〔2022〕47号", "2022-11-15   15时25分 浏览次数:", "示例市应急管理“十四五”规划"])).toMatchObject({ documentNumber: "示市政字〔2022〕47号", publishDate: "2022-11-15" });
  });

  it("joins a title split after a plan's name where the notice cites the whole, and reads a shared file's name", () => {
    const split = ["关于印发《示例省“十四五”安全生产规划目标、主要任务和重点工程分工方案》的通知", "示例省“十四五”安全生产规划", "目标、主要任务和重点工程分工方案"];
    expect(metadataOf(split).title).toBe("示例省“十四五”安全生产规划目标、主要任务和重点工程分工方案");
    expect(metadataOf(["示例縣“十四五”綜合防災減災規劃(2021-2025年)(17頁).pdf", "下載文檔"]).title).toBe("示例縣“十四五”綜合防災減災規劃(2021-2025年)");
  });
});
