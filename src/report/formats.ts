// The browser build of csv-stringify: its Node build calls Buffer when loaded, which browsers lack.
import { stringify } from "csv-stringify/browser/esm/sync";
import escapeHtmlMarkup from "escape-html";
import type { ReportLanguage } from "./labels.js";
import { revealBidiControls, revealControlCharacters, stripControlCharacters } from "../text/unsafe-characters.js";

// What every report format needs to stay safe whatever the plans contain. JSON needs nothing here:
// JSON.stringify escapes controls and lone surrogates, so it parses back to the same text.

/** Text for a terminal: no control sequences or controls (line feeds and tabs stay), bidi controls shown. */
export function terminalText(text: string): string {
  return stripControlCharacters(revealBidiControls(text));
}

// What could start a link, an image, an autolink, raw HTML, an entity, a code span, emphasis or a heading
// in Markdown, or end a table cell; a backslash makes each a plain character.
const markdownPunctuation = /[\\`*_~[\]<>&|#]/gu;

/**
 * Plan text for a Markdown table cell or line: line breaks and tabs become spaces, the rest as in
 * `terminalText`, and Markdown punctuation is escaped, so no link, image or HTML from the plans is live.
 */
export function markdownCell(text: string): string {
  return terminalText(text.replace(/\r\n|[\r\n\t]/gu, " ")).replace(markdownPunctuation, "\\$&");
}

/** A Markdown table; every cell is escaped with `markdownCell`. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---|").join("")}`, ...rows.map(line)];
}

/**
 * CSV that Excel opens right and any RFC 4180 reader parses back: a BOM (UTF-8, so Chinese is intact),
 * CRLF records, every field with a quote, comma or line break of any kind quoted, formulas defused, and
 * bidi controls and other controls (tabs and line breaks aside) shown as code points (`[U+202E]`).
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  // With a record delimiter given, csv-stringify quotes only fields holding that delimiter unless asked.
  const cells = rows.map((row) => row.map((cell) => defuseFormula(revealControlCharacters(cell))));
  return `\uFEFF${stringify(cells, { record_delimiter: "windows", quote_record_delimiter: true })}`;
}

// Spreadsheets run a cell as a formula when its first character past whitespace and line breaks is = + - @
// (or their full-width forms); a cell starting with a tab or CR is treated alike. A leading apostrophe
// keeps it text. csv-stringify's escape_formulas looks at the first character only.
const formulaStart = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

function defuseFormula(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/** Text for HTML content or a quoted attribute value: markup escaped, bidi controls shown as code points. */
export function escapeHtml(text: string): string {
  return escapeHtmlMarkup(revealBidiControls(text));
}

const baseStyle = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #1f2328; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #d0d7de; padding: .45rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
.id { font-family: ui-monospace, monospace; color: #57606a; }
blockquote { margin: .3rem 0 0; padding-left: .6rem; border-left: 3px solid #d0d7de; color: #57606a; font-size: .85em; white-space: pre-wrap; }
.score { white-space: nowrap; font-weight: 600; }
.signals { font-weight: normal; font-size: .8em; color: #57606a; white-space: normal; }
.skipped { padding: .6rem; background: #fff8c5; border: 1px solid #d4a72c; }
.review { display: inline-block; font-size: .75em; padding: 0 .4em; border-radius: 3px; background: #ddf4ff; color: #0969da; margin-left: .3em; }
`;

// No script may run and nothing may be fetched, whatever got past escaping: only the inline styles.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** A self-contained HTML page: no scripts, no external styles, fonts or images, and a policy forbidding them. */
export function htmlPage(title: string, body: string, lang: ReportLanguage, style = ""): string {
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${baseStyle}${style}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}
