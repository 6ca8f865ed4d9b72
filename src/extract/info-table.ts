import { escapeRegExp } from "../_lib/escape-reg-exp.js";
import { simplifyText } from "../text/normalize.js";
import { readLeadingDate } from "./dates.js";
import type { Line } from "./lines.js";

/** The cells of a 信息公开 table that metadata reads: the publisher (发布机构) is the portal's, weaker than the issuer (发文机关). */
export type InfoField = "title" | "issuer" | "publisher" | "source" | "documentNumber" | "issueDate" | "publishDate";

/** What a 信息公开 table (or a 发布时间：… 来源：… line) says, read from its labelled cells. */
export interface InfoTable {
  /** The values of each field as written, in the order they stand. */
  values: Record<InfoField, string[]>;
  /** The lines (Line.index) that belong to the table: nothing else is read from them. */
  lines: Set<number>;
}

// Labels as portals write them (simplified). "other" labels are read only so that they end the cell before them.
const labels: Record<InfoField | "other", readonly string[]> = {
  title: ["标题", "名称", "文件名称", "公文名称", "信息名称"],
  issuer: ["发文机关", "发文单位", "发文机构", "制发机关", "成文单位"],
  publisher: ["发布机关", "发布机构", "发布单位", "发布部门"],
  // Where a page says it took the text from: the issuer on a government portal, anything on a mirror.
  source: ["来源", "信息来源", "文章来源"],
  documentNumber: ["发文字号", "文号", "发文文号", "发布文号", "文件编号", "批准文号"],
  issueDate: ["成文日期", "成文时间", "发文日期", "发文时间", "印发日期", "签发日期", "公文生成日期", "颁布日期", "颁布时间"],
  // A bare 生成日期 is when the portal made its record, as 更新时间 is an aggregator's: dates of publication.
  publishDate: ["发布日期", "发布时间", "发表日期", "公开日期", "公开时间", "生成日期", "更新时间", "时间", "日期"],
  other: [
    "索引号", "主题分类", "主题词", "体裁分类", "组配分类", "服务对象", "信息分类", "分类", "公开方式", "公开范围", "有效性",
    "效力状态", "是否有效", "失效日期", "废止日期", "作者", "浏览次数", "阅读次数", "访问次数",
    "点击数", "字号", "所属行业", "项目性质", "地区", "文件类型",
  ],
};

const viewCounts = new Set(["浏览次数", "阅读次数", "访问次数", "点击数"]);
const fieldOfLabel = new Map(Object.entries(labels).flatMap(([field, names]) => names.map((name) => [name, field as InfoField | "other"] as const)));
// Longest first, so 成文日期 is read before 日期; spaces may stand between the characters (索 引 号).
const alternatives = (names: readonly string[]) => [...names].sort((a, b) => b.length - a.length).map((name) => [...name].map(escapeRegExp).join("\\s*")).join("|");
const allLabels = [...fieldOfLabel.keys()];
// A label opens a cell at the start of a line or after a space, separator or bracket, followed by a colon, a
// space, a closing bracket or the end of the line ([发文字号] 京应急发…); a label of three characters or more also right after a value, when a colon follows it
// (发文机关：…成文日期：…, where the cells were inline elements).
const labelPattern = new RegExp(
  `(?<=^|[\\s|丨【\\[;,•])(?:${alternatives(allLabels)})(?=\\s*:|\\s|[\\]】]|$)|(?:${alternatives(allLabels.filter((name) => name.length >= 3))})(?=\\s*:)`,
  "gu",
);
// A row whose cells run label into value with no colon or space between (发文单位大冶市人民政府办公室 发文字号冶政发…):
// labels of four characters or more, at the start of the line or after a space, read so only where the line
// opens with one and holds two, as a row of such a table does.
const runOnLabelPattern = new RegExp(`(?<=^|\\s)(?:${alternatives(allLabels.filter((name) => name.length >= 4))})(?=[^\\s:])`, "gu");
// What stands around a cell's value: spaces, colons, bars, the brackets of [发文字号] and list bullets.
const cellEdge = /[\s:：|｜丨[\]【】•·]/u;

interface Cells {
  /** What stands before the first label (a notice title, say); empty for a line of the table. */
  before: string;
  /** Each label's field and value; colon: whether the label ends with one (发文字号：), as 信息公开 cells do. */
  cells: Array<{ field: InfoField | "other"; label: string; value: string; colon: boolean }>;
}

/**
 * Reads the labelled cells before the body: a table with label and value cells (one cell per line once
 * flattened, the value on the line after its label), cells with label and value together (发文机关：…), several
 * on one line, and a header row of labels with a row of values under it, on two lines (发布时间 所属行业 /
 * 2021-10-13 其他) or flattened one cell per line.
 */
export function readInfoTable(head: readonly Line[]): InfoTable {
  const table: InfoTable = { values: { title: [], issuer: [], publisher: [], source: [], documentNumber: [], issueDate: [], publishDate: [] }, lines: new Set() };
  const record = (field: InfoField | "other", value: string) => {
    if (field !== "other" && value !== "") table.values[field].push(value);
  };
  const read = head.map((line) => readCells(line.raw));
  const take = (at: number) => {
    const line = head[at];
    if (line !== undefined) table.lines.add(line.index);
  };
  // A header cell flattened onto its own line: a label without a colon and nothing else.
  const isHeaderCell = (at: number) => {
    const cells = read[at];
    return cells !== undefined && cells.before === "" && cells.cells.length === 1 && cells.cells[0]?.value === "" && !cells.cells[0].colon;
  };
  for (let at = 0; at < head.length; at += 1) {
    const cells = read[at];
    if (cells === undefined) continue;
    // The date a page went up, then where it came from or how often it was read: 2022-04-07 来源:…,
    // 2022-11-15 15时25分 浏览次数:…, on one line or on two.
    const first = cells.cells[0];
    const dated = first !== undefined && (first.field === "source" || viewCounts.has(first.label)) && readLeadingDate(cells.before) !== null;
    if (cells.before === "" || dated) take(at);
    if (dated) record("publishDate", cells.before);
    const dateAbove = head[at - 1];
    if (cells.before === "" && cells.cells[0]?.field === "source" && dateAbove !== undefined && read[at - 1] === undefined && isDateTimeLine(dateAbove.raw)) {
      take(at - 1);
      record("publishDate", trimCell(dateAbove.raw));
    }
    if (cells.before !== "" || cells.cells.some((cell) => cell.value !== "")) {
      for (const cell of cells.cells) record(cell.field, cell.value);
      continue;
    }
    // Labels without values take the values below them by position: a row of labels the words of the next
    // line; a label alone the next line; a column of header cells as many lines as there are cells.
    const header = [...cells.cells];
    while (isHeaderCell(at) && isHeaderCell(at + 1)) {
      at += 1;
      take(at);
      header.push(...(read[at]?.cells ?? []));
    }
    const rowBelow = cells.cells.length > 1 ? head[at + 1] : undefined;
    if (rowBelow !== undefined && read[at + 1] === undefined) {
      const words = trimCell(rowBelow.raw).split(/\s+/u);
      header.forEach((cell, column) => record(cell.field, words[column] ?? ""));
      at += 1;
      take(at);
      continue;
    }
    for (const cell of cells.cells.length > 1 ? [] : header) {
      const below = head[at + 1];
      if (below === undefined || read[at + 1] !== undefined) break;
      record(cell.field, trimCell(below.raw));
      at += 1;
      take(at);
    }
  }
  return table;
}

function readCells(raw: string): Cells | undefined {
  const simple = simplifyText(raw);
  // Simplification keeps the length of ordinary text, so positions found in it apply to the text as written.
  const written = simple.length === raw.length ? raw : simple;
  const found = withRunOnLabels(simple, [...simple.matchAll(labelPattern)]);
  const first = found[0];
  if (first === undefined) return undefined;
  return {
    before: trimCell(written.slice(0, first.index)),
    cells: found.map((match, position) => ({
      field: fieldOfLabel.get(match[0].replace(/\s/gu, "")) ?? "other",
      label: match[0].replace(/\s/gu, ""),
      value: trimCell(written.slice(match.index + match[0].length, found[position + 1]?.index ?? written.length)),
      colon: colonAt(simple, match.index + match[0].length),
    })),
  };
}

function withRunOnLabels(simple: string, found: RegExpExecArray[]): RegExpExecArray[] {
  const runOn = [...simple.matchAll(runOnLabelPattern)];
  if (runOn.length < 2 || runOn[0]?.index !== simple.search(/\S/u)) return found;
  const at = new Set(found.map((match) => match.index));
  return [...found, ...runOn.filter((match) => !at.has(match.index))].sort((a, b) => a.index - b.index);
}

const colonAfterLabel = /\s*:/uy;

function colonAt(text: string, position: number): boolean {
  colonAfterLabel.lastIndex = position;
  return colonAfterLabel.test(text);
}

/** A cell without the spaces, colons and bars around it (a loop, not an anchored regex, to stay linear). */
function trimCell(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && cellEdge.test(text.charAt(start))) start += 1;
  while (end > start && cellEdge.test(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/** A line that is a date and a clock time and nothing else, as a page's header prints when it went up. */
function isDateTimeLine(raw: string): boolean {
  return /^[\s•·]*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*$/u.test(raw);
}
