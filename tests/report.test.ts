import { describe, expect, it } from "vitest";
import { alignChain, alignPlans, getAncestorPlans, getBundledPlan, renderAlignment, renderChain, type Plan } from "../src/index.js";

const national = getBundledPlan("national");
const daixian = getBundledPlan("daixian");
const alignment = alignPlans(national, daixian);

// A plan whose text tries to break every format: markup, a formula, table and CSV separators.
const hostile: Plan = {
  ...daixian,
  indicators: daixian.indicators.map((item, index) =>
    index === 0 ? { ...item, name: `生产安全事故死亡人数<script>alert(1)</script>|"x",`, target: "=HYPERLINK(\"http://x\")" } : item,
  ),
};

describe("renderAlignment", () => {
  it("writes JSON that parses back to the alignment", () => {
    expect(JSON.parse(renderAlignment(alignment, "json"))).toEqual(JSON.parse(JSON.stringify(alignment)));
  });

  it("labels Markdown in Chinese by default and in English on request", () => {
    expect(renderAlignment(alignment, "md")).toContain("## 对应项 (");
    expect(renderAlignment(alignment, "md", { lang: "en" })).toContain("## Matches (");
  });

  it("writes CSV that Excel opens as UTF-8, Chinese intact, one row per match", () => {
    const csv = renderAlignment(alignment, "csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("生产安全事故死亡人数");
    // Records end in CRLF; the line breaks inside quoted table-row quotes are plain LF and stay in their cells.
    expect(csv.trim().split("\r\n")).toHaveLength(alignment.matches.length + 1);
  });

  it("escapes what the plans contain in every format", () => {
    const hostileAlignment = alignPlans(national, hostile);
    const html = renderAlignment(hostileAlignment, "html");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const markdown = renderAlignment(hostileAlignment, "md");
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("\\|");
    const csv = renderAlignment(hostileAlignment, "csv");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/mu);
  });

  it("makes a self-contained HTML page", () => {
    const html = renderAlignment(alignment, "html");
    expect(html).toMatch(/^<!doctype html>/u);
    expect(html).not.toMatch(/<(script|link)\b/u);
    expect(html).toContain('lang="zh-CN"');
  });
});

describe("renderChain", () => {
  const chain = alignChain(daixian, getAncestorPlans(daixian));

  it("gives each level its part and says why a level was skipped, in every format", () => {
    expect(renderChain(chain, "md")).toMatch(/忻州市[\s\S]*已跳过[\s\S]*山西省[\s\S]*国家应急体系规划/u);
    expect(renderChain(chain, "html")).toContain('class="skipped"');
    const csv = renderChain(chain, "csv");
    expect(csv).toContain("xinzhou,已跳过");
    expect(JSON.parse(renderChain(chain, "json")).steps).toHaveLength(3);
  });
});
