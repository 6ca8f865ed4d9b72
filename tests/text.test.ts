import fc from "fast-check";
import * as OpenCC from "opencc-js/cn2t";
import { describe, expect, it } from "vitest";
import { convertNumerals } from "../src/text/numerals.js";
import { neutralizeJurisdiction } from "../src/text/jurisdiction.js";
import { normalizeText } from "../src/text/normalize.js";
import { getTokenizer } from "../src/text/tokenize.js";

const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });
const toFullWidth = (text: string) => text.replace(/[!-~]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("normalizeText", () => {
  it("reads traditional characters, full-width digits and stray spaces as the plain text", () => {
    const plain = "灾害事故信息发布公众覆盖率达到90%";
    expect(normalizeText(toFullWidth(toTraditional(plain)))).toBe(plain);
    expect(normalizeText("调 查 评 价\r\n工作")).toBe("调查评价工作");
  });

  it("writes quantities in digits but leaves names alone", () => {
    expect(normalizeText("年均每十万人受灾人次")).toBe("年均每100000人受灾人次");
    expect(normalizeText("工矿商贸就业人员10万人")).toBe(normalizeText("工矿商贸就业人员十万人"));
    expect(normalizeText("“十四五”时期落实一岗双责")).toBe('"十四五"时期落实一岗双责');
    expect(convertNumerals("新增两支队伍,1.5万人")).toBe("新增2支队伍,15000人");
  });

  it("is idempotent: normalizing twice changes nothing", () => {
    const samples = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(..."十百千万两一二三四五六七八九零〇人支个年全省县级以上 ０１２３%‰“”〔〕調查災害") }),
    );
    fc.assert(fc.property(samples, (text) => normalizeText(normalizeText(text)) === normalizeText(text)));
  });

  it("reads magnitudes together, so converting them twice changes nothing (a counterexample fast-check found)", () => {
    expect(normalizeText("３万万")).toBe("300000000");
    expect(normalizeText(normalizeText("３万万"))).toBe(normalizeText("３万万"));
  });
});

describe("neutralizeJurisdiction", () => {
  it("makes the same role of different levels read the same", () => {
    const forms = ["县级以上应急管理部门装备达标率", "市县级应急管理部门装备达标率", "县应急管理部门装备达标率"];
    expect(new Set(forms.map((form) => neutralizeJurisdiction(normalizeText(form)))).size).toBe(1);
    expect(neutralizeJurisdiction("专职消防人员占全县总人口的比例")).toBe(neutralizeJurisdiction("专职消防人员占全省总人口的比例"));
    expect(neutralizeJurisdiction("省应急管理厅牵头")).toBe(neutralizeJurisdiction("县应急局牵头"));
  });
});

describe("tokenizers", () => {
  it("split Chinese text into character pairs, characters or dictionary words", () => {
    expect(getTokenizer("bigram")("覆盖率,达标")).toEqual(["覆盖", "盖率", "达标"]);
    expect(getTokenizer("unigram")("覆盖率")).toEqual(["覆", "盖", "率"]);
    expect(getTokenizer("segmenter")("应急管理部门").join("")).toBe("应急管理部门");
  });
});
