import type { Level, PlanKind } from "../model/plan.js";
import { normalizeText, simplifyText } from "../text/normalize.js";
import type { Line } from "./lines.js";

/** What the extractor reads about a document from its text, before the body. */
export interface DocumentMetadata {
  title: string | null;
  issuer: string | null;
  documentNumber: string | null;
  issueDate: string | null;
  publishDate: string | null;
  kind: PlanKind | null;
  period: { start: number; end: number } | null;
  jurisdiction: { name: string; level: Level } | null;
  /** Jurisdictions named in the plans the document cites (《山西省…规划》), for finding its parent. */
  citedJurisdictions: Array<{ name: string; level: Level }>;
}

const titleEnding = /(?:规划|实施方案|方案|工作要点|要点|计划)$/u;
const chineseDate = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u;
const isoDate = (year: string, month: string, day: string) => `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;

/** Reads title, issuer, number, dates, kind, period and jurisdiction from the lines before the body. */
export function readMetadata(lines: readonly Line[], bodyStart: number, fullText: string): DocumentMetadata {
  const head = lines.slice(0, bodyStart);
  const title = readTitle(head);
  const dateLine = head.find((line) => chineseDate.test(line.norm));
  const dateMatch = dateLine === undefined ? null : chineseDate.exec(dateLine.norm);
  const issuerLine = dateLine === undefined ? undefined : head[head.indexOf(dateLine) - 1];
  const issuer = issuerLine !== undefined && /(?:办公室|办公厅|人民政府|政府|局|委员会|\(人防办\)|厅)$/u.test(issuerLine.norm) ? clean(issuerLine.raw) : readIssuerFromNotice(head);
  // Simplified and NFKC only (not full normalization), so digits read as digits and 〔〕 stay as written.
  const headText = head.map((line) => simplifyText(line.raw)).join("\n");
  const numberMatch = /[\p{Script=Han}]{1,6}〔\d{4}〕\d{1,4}号/u.exec(headText);
  const published = /(?:发布时间|发布日期|时间)[:]?\s*(\d{4})-(\d{2})-(\d{2})/u.exec(headText);
  const simpleTitle = title === null ? null : simplifyText(title);
  const kind = simpleTitle === null ? null : readKind(simpleTitle);
  return {
    title,
    issuer,
    documentNumber: numberMatch?.[0] ?? null,
    issueDate: dateMatch === null ? null : isoDate(dateMatch[1] ?? "", dateMatch[2] ?? "", dateMatch[3] ?? ""),
    publishDate: published === null ? null : `${published[1]}-${published[2]}-${published[3]}`,
    kind,
    period: simpleTitle === null ? null : readPeriod(simpleTitle, kind),
    jurisdiction: readJurisdiction(simpleTitle ?? "") ?? readJurisdiction(simplifyText(issuer ?? "")),
    citedJurisdictions: readCitedJurisdictions(fullText),
  };
}

function clean(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, "");
}

/** The standalone title nearest the body, else the one inside the notice (关于印发《…》的通知). */
function readTitle(head: readonly Line[]): string | null {
  for (const line of [...head].reverse()) {
    const text = clean(line.raw).replace(/^【[^】]*】/u, "");
    if (text.length <= 60 && !/[。,，]/u.test(text) && !/关于|通知/u.test(simplifyText(text)) && titleEnding.test(normalizeText(text))) return text;
  }
  const notice = head.map((line) => clean(line.raw)).join("");
  const cited = /(?:关于印发|關於印發)《?(.+?)》?的通知/u.exec(notice);
  return cited?.[1] ?? null;
}

function readIssuerFromNotice(head: readonly Line[]): string | null {
  const notice = /^(.+?)(?:关于印发|關於印發)/u.exec(head.map((line) => clean(line.raw)).join(""));
  return notice?.[1] ?? null;
}

function readKind(title: string): PlanKind | null {
  if (/方案$/u.test(title)) return "implementation-plan";
  if (/要点$/u.test(title)) return "annual-work-points";
  if (/规划$/u.test(title)) return "five-year-plan";
  return null;
}

const fiveYearPlans: Record<string, { start: number; end: number }> = {
  十三五: { start: 2016, end: 2020 },
  十四五: { start: 2021, end: 2025 },
  十五五: { start: 2026, end: 2030 },
};

function readPeriod(title: string, kind: PlanKind | null): { start: number; end: number } | null {
  for (const [name, period] of Object.entries(fiveYearPlans)) if (title.includes(name)) return period;
  const year = /(\d{4})年/u.exec(title);
  if (year !== null && kind === "annual-work-points") return { start: Number(year[1]), end: Number(year[1]) };
  return null;
}

const jurisdictionName = /^((?:[\p{Script=Han}]{1,8}?)(?:自治区|自治州|省|市|县|区|旗|盟))/u;

function levelOf(name: string): Level {
  if (/(?:省|自治区)$/u.test(name)) return "province";
  if (/(?:市|州|盟)$/u.test(name)) return "city";
  return "county";
}

/** The jurisdiction a title or issuer starts with: 代县…, 南阳市…, 吉林省…, 金华市应急管理局. */
export function readJurisdiction(text: string): { name: string; level: Level } | null {
  const match = jurisdictionName.exec(text.replace(/^\d{4}年/u, ""));
  if (match?.[1] === undefined || /^全/u.test(match[1])) return null;
  return { name: match[1], level: levelOf(match[1]) };
}

function readCitedJurisdictions(text: string): Array<{ name: string; level: Level }> {
  const cited: Array<{ name: string; level: Level }> = [];
  for (const match of simplifyText(text).matchAll(/《([^《》]{2,60})》/gu)) {
    const title = clean(match[1] ?? "");
    if (/^[“"]?十[三四五]五[”"]?国家/u.test(title)) cited.push({ name: "全国", level: "national" });
    const jurisdiction = readJurisdiction(title);
    if (jurisdiction !== null && /规划|方案/u.test(title)) cited.push(jurisdiction);
  }
  return cited;
}
