import { getBundledPlan, type Plan } from "../../src/index.js";

// Text that tries to act instead of showing, in every output format. Not plan content: it is pasted into a
// copy of a bundled plan's fields, so every report, finding and matrix cell carries some of it.

/** Where a request from a report would go if one left: nothing listens there. */
const trapUrl = "http://127.0.0.1:9";

/** Markup and links that would run script or load something in HTML or rendered Markdown. */
export const hostileMarkup = [
  `<script>window.pwned = "script"</script>`,
  `<img src="${trapUrl}/img.png" onerror="window.pwned = 'onerror'">`,
  `<a href="javascript:window.pwned = 'link'">链接</a>`,
  `<link rel="stylesheet" href="${trapUrl}/style.css"><style>@import url(${trapUrl}/import.css);</style>`,
  `<iframe src="${trapUrl}/frame"></iframe><meta http-equiv="refresh" content="0; url=${trapUrl}/refresh">`,
  `[点此](javascript:alert(1)) ![](${trapUrl}/md.png) <javascript:alert(1)> <${trapUrl}/auto>`,
  `&lt;b&gt; \`code\` **bold** [ref]: ${trapUrl}`,
].join(" ");

/** Terminal control sequences: a window title (OSC), a hyperlink, screen clearing (CSI), C1 CSI, backspaces. */
export const hostileTerminal = "\u001b]0;pwned\u0007\u001b]8;;http://evil.example/\u001b\\这里\u001b]8;;\u001b\\\u001b[2J\u001b[31m红\u009b0m\b\b\r覆盖";

/** What spreadsheets and CSV readers trip on: separators, quotes, bare line breaks, formulas after whitespace. */
export const hostileCsv = `"引号", 逗号\r回车\n换行\r\n\n=HYPERLINK("${trapUrl}","点")`;

/** A bare LF and a bare CR, with nothing else a CSV writer would quote a field for. */
export const bareLineBreaks = "换行\n回车\r止";

/** A right-to-left override: live, "abc" displays as "cba". */
export const bidiMarker = "次序\u202Eabc\u202C";

/** What JSON must carry through: a lone surrogate, and the line and paragraph separators. */
export const hostileJson = "孤\uD800立\u2028行\u2029段";

// Terminal control sequences are refused in plan text at input (tests/load.test.ts), so they are not part of
// a plan's payload: what the CLI prints of refused plans, documents and load errors is tested for them.
const payload = [hostileMarkup, hostileCsv, bidiMarker, hostileJson].join(" | ");

/**
 * 代县's plan with the payload in its title, every quote, every task's text and the title of a group the
 * levels above lack (so a finding quotes it). The plan's title and one indicator's name start with a
 * formula after a line break; indicator quotes also hold bare line breaks.
 */
export function hostilePlan(): Plan {
  const daixian = getBundledPlan("daixian");
  return {
    ...daixian,
    id: "hostile",
    title: `\n=1+1 ${daixian.title} ${bidiMarker} ${hostileMarkup}`,
    indicators: daixian.indicators.map((indicator) => ({
      ...indicator,
      quote: `${indicator.quote}${bareLineBreaks} ${payload}`,
      ...(indicator.name === "年均每十万人受灾人次" ? { name: `\n=1+1 ${indicator.name}` } : {}),
    })),
    // A group the levels above lack, so a finding names it with the payload.
    sections: daixian.sections.map((section) => (section.title === "提升社会应急能力" ? { ...section, title: `${section.title} ${payload}` } : section)),
    tasks: daixian.tasks.map((task) => ({ ...task, text: `${task.text} ${payload}`, quote: `${task.quote} ${payload}` })),
  };
}
