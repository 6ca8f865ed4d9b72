import type { Level, PlanKind } from "../model/plan.js";
import { findDivisions } from "../jurisdictions/divisions.js";
import { normalizeText, simplifyText } from "../text/normalize.js";
import { looksLikeCompactDate, readCompactDate, readLeadingDate, readWholeDate } from "./dates.js";
import issuerAbbreviationTable from "../../data/extract/issuer-abbreviations.json";
import { readInfoTable } from "./info-table.js";
import type { Line } from "./lines.js";
import { isSpamName, removeSpam } from "./spam.js";

/** What the extractor reads about a document from its text, before the body. */
export interface DocumentMetadata {
  title: string | null;
  issuer: string | null;
  documentNumber: string | null;
  issueDate: string | null;
  publishDate: string | null;
  kind: PlanKind | null;
  period: { start: number; end: number } | null;
  /** The jurisdiction the title or issuer starts with, and the names written out above it (通化市 of 通化市东昌区). */
  jurisdiction: { name: string; level: Level; above: string[] } | null;
  /** Jurisdictions named in the plans the document cites (《山西省…规划》), for finding its parent. */
  citedJurisdictions: Array<{ name: string; level: Level }>;
}

// A plan's title ends with its kind, and may add its period: …规划(2021—2025年).
const titleEnding = /(?:规划|实施方案|方案|工作要点|要点|计划)(?:\(\d{4}[-—–~至]\d{4}年?\))?$/u;

/** Short forms of bodies' names, longest first, with their full forms (data/extract/issuer-abbreviations.json). */
const issuerAbbreviations = Object.entries(issuerAbbreviationTable.abbreviations).sort(([a], [b]) => b.length - a.length);
// What an issuing body's name ends with (matched on normalized text).
const governmentBody = /(?:办公室|办公厅|人民政府|政府|局|委员会|管委会|指挥部|厅|委|办|\(人防办\))$/u;
// A document number as written: 示政办发〔2022〕8号, also with [ ] ( ) 【 】 (in simplified, NFKC text).
const documentNumberPattern = String.raw`\p{Script=Han}{1,10}[〔[(【] ?\d{4} ?[〕\])】] ?\d{1,5} ?号`;
// The document's own number stands alone on its line (under the red header, in the 发文字号 cell); a number
// inside a sentence or in parentheses after a cited title (《…》(国发〔2021〕36号)) is another document's.
const numberAlone = new RegExp(`^(${documentNumberPattern})(?:\\s|$)`, "u");
// …also without its 号 when nothing else stands on the line (台府〔2022〕20): scraping drops it.
const numberAloneWithout号 = new RegExp(`^(${documentNumberPattern.replace(/ \?号$/u, "")})$`, "u");
// …or in parentheses at the end of the notice's own heading: 关于印发…的通知(示应急发〔2022〕5号).
const numberAfterNotice = new RegExp(`的通知 ?(?:\\( ?(${documentNumberPattern}) ?\\)|(${documentNumberPattern}))$`, "u");
const noticeVerb = /关于(?:印发|转发)/u;
const citedNotice = /关于(?:印发|转发)《?([^《》]{2,80}?)》?的通知/gu;
// A document-sharing site names the file: 《…规划.docx》; the title is the name without its extension.
const bookTitle = /《([^《》]{2,80}?)(?:\.(?:docx?|pdf|wps|txt))?》/gu;
// Lines longer than this are paragraphs, not titles or names; skipping them keeps the search cheap.
const maxNameLine = 200;

/** Reads title, issuer, number, dates, kind, period and jurisdiction from the lines before the body. */
export function readMetadata(lines: readonly Line[], bodyStart: number, fullText: string): DocumentMetadata {
  const head = lines.slice(0, bodyStart).map(withoutPinyinNoise);
  const table = readInfoTable(head);
  // The table's lines are read through its cells only, so its values are not taken for titles or signatures.
  const free = head.filter((line) => !table.lines.has(line.index));
  const titleCells = table.values.title.filter((cell) => cell.length <= maxNameLine);
  const publishDate = firstOf(table.values.publishDate.map((cell) => readLeadingDate(cell) ?? readCompactDate(cell)));
  const signature = readSignature(free, publishDate);
  // A 成文日期 with a clock time (2021-09-08 17:25:33) is when a portal made its record: the signature's date, where
  // there is one, is the document's.
  const readIssueDateCell = (cell: string) => readLeadingDate(cell) ?? readCompactDate(cell, publishDate);
  const stampedCells = table.values.issueDate.filter((cell) => /\d{1,2}:\d{2}/u.test(cell));
  const issueDateCells = table.values.issueDate.filter((cell) => !stampedCells.includes(cell));
  const title = readTitle(free, titleCells);
  const simpleTitle = title === null ? null : simplifyText(title);
  const jurisdiction = readJurisdiction(simpleTitle ?? "");
  // The body that issued it (发文机关, the signature, the notice's heading) before the portal that published it
  // (发布机构), unless the portal writes the same body's name in full (上海市闵行区人民政府 for 闵行区人民政府).
  const fromNotice = readIssuerFromNotice(free, titleCells);
  const publishers = table.values.publisher.map(asIssuer);
  const fullerPublisher = fromNotice === null ? null : firstOf(publishers.map((name) => (name !== null && name.length > fromNotice.length && simplifyText(name).endsWith(simplifyText(fromNotice)) ? name : null)));
  // The document itself outweighs the portal's 发文单位 cell where its heading and signature agree.
  const signedAndHeaded = signature.issuer !== null && signature.issuer === fromNotice ? fromNotice : null;
  const issuer = firstOf([
    signedAndHeaded, ...table.values.issuer.map(asIssuer), signature.issuer, fullerPublisher, fromNotice, ...publishers, readIssuerFromHeader(free), ...table.values.source.map(asIssuer),
  ]);
  const kind = simpleTitle === null ? null : readKind(simpleTitle);
  return {
    title,
    issuer: issuer === null ? null : withJurisdictionWritten(issuer, jurisdiction),
    documentNumber: firstOf([...table.values.documentNumber.map((cell) => readNumberAlone(cell) ?? readNumberWithoutBrackets(cell)), readOwnNumber(free)]),
    issueDate: firstOf([...issueDateCells.map(readIssueDateCell), signature.date, ...stampedCells.map(readIssueDateCell)]),
    publishDate,
    kind,
    period: simpleTitle === null ? null : readPeriod(simpleTitle, kind),
    jurisdiction: jurisdiction ?? readJurisdiction(simplifyText(issuer ?? "")),
    citedJurisdictions: readCitedJurisdictions(fullText),
  };
}

// Mirror sites that inject pinyin after characters (防災(zāi)減災(zāi), 印發(fā)) to dodge duplicate detection.
const pinyinNoise = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)/gu;

/** A line of the head without injected pinyin: metadata is read from it, never quoted. */
function withoutPinyinNoise(line: Line): Line {
  const raw = line.raw.replace(pinyinNoise, "");
  return raw === line.raw ? line : { ...line, raw, norm: normalizeText(raw) };
}

/**
 * An issuer as the page abbreviates it, written out: the jurisdiction's name where it opens with 省, 市, 县 or
 * 区 alone (市减灾委 → 天津市减灾委…), and the short forms of bodies' names in full (政府办 → 人民政府办公室).
 */
function withJurisdictionWritten(issuer: string, jurisdiction: { name: string; level: Level } | null): string {
  const simpleIssuer = simplifyText(issuer);
  const bare = /^[省市县区]/u.exec(simpleIssuer)?.[0];
  const named = bare !== undefined && jurisdiction !== null && jurisdiction.name.endsWith(bare) && readJurisdiction(simpleIssuer) === null
    ? `${jurisdiction.name}${issuer.slice(1)}` : issuer;
  const simple = simplifyText(named);
  const abbreviated = issuerAbbreviations.find(([short, full]) => simple.endsWith(short) && !simple.endsWith(full));
  return abbreviated === undefined ? named : `${named.slice(0, -abbreviated[0].length)}${abbreviated[1]}`;
}

// A number whose brackets and 号 were lost in scraping (京应急发202131), read only from a 发文字号 cell.
const numberWithoutBrackets = /^(\p{Script=Han}{1,10}?[发字函办])((?:19|20)\d{2})(\d{1,4})号?$/u;

function readNumberWithoutBrackets(cell: string): string | null {
  const match = numberWithoutBrackets.exec(clean(simplifyText(cell)));
  return match === null ? null : `${match[1] ?? ""}〔${match[2] ?? ""}〕${match[3] ?? ""}号`;
}

const firstOf = (values: ReadonlyArray<string | null>): string | null => values.find((value) => value !== null) ?? null;

function clean(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, "");
}

/** Cuts found in simplified text apply to the text as written when simplification kept its length. */
function asWritten(written: string, simple: string): string {
  return written.length === simple.length ? written : simple;
}

/**
 * Whether positions of a text, asked in increasing order, sit inside 《…》: 《国务院关于印发…》 is a cited title,
 * not the notice's own. Reads the text once however many positions are asked.
 */
function bookTitleReader(text: string): (position: number) => boolean {
  let read = 0;
  let inside = false;
  return (position) => {
    for (; read < position; read += 1) {
      const character = text.charAt(read);
      if (character === "《") inside = true;
      else if (character === "》") inside = false;
    }
    return inside;
  };
}

/**
 * A name as an issuer: ending as a government body's name does, and not a mirror site's spam. Bodies that
 * issue together (西安市应急管理局 西安市发展和改革委员会) stay apart, one space between them, where each names
 * its jurisdiction; other spaces are spacing out one name (代 县 人 民 政 府) and go.
 */
function asIssuer(text: string): string | null {
  const parts = text.trim().split(/[\s\u00a0\u3000]+/u);
  const jointIssuers = parts.length > 1 && parts.every((part) => asOneIssuer(part) !== null && readJurisdiction(simplifyText(part)) !== null);
  return jointIssuers ? parts.join(" ") : asOneIssuer(text);
}

function asOneIssuer(text: string): string | null {
  const name = clean(text);
  if (name.length < 3 || name.length > 40 || /[,，。:：;；《》>»|"“”]/u.test(name)) return null;
  return governmentBody.test(normalizeText(name)) && !isSpamName(name) ? name : null;
}

/**
 * The notice's signature: a date line with the issuing body on the line above it (示例县人民政府办公室 /
 * 2022年3月15日), or both on one line. Without one, the first date line stands for the date alone.
 */
function readSignature(free: readonly Line[], publishDate: string | null): { issuer: string | null; date: string | null } {
  let firstDate: string | null = null;
  for (const [position, line] of free.entries()) {
    if (line.raw.length > maxNameLine) continue;
    const date = readWholeDate(line.raw) ?? readCompactDate(line.raw, publishDate);
    const words = line.raw.split(/\s+/u);
    const dateAfterName = date === null && words.length > 1 ? readWholeDate(words.at(-1) ?? "") : null;
    if (dateAfterName !== null) {
      const issuer = asIssuer(words.slice(0, -1).join(" "));
      if (issuer !== null) return { issuer, date: dateAfterName };
    }
    if (date === null) continue;
    const issuer = asIssuer(free[position - 1]?.raw ?? "");
    if (issuer !== null) return { issuer, date };
    firstDate ??= date;
  }
  return firstDate === null ? readSignatureInRunningText(free) : { issuer: null, date: firstDate };
}

// A signature run into the text when a page's paragraphs were joined: …认真贯彻执行。 永嘉县人民政府 2021年12月28日 …,
// or its date alone after the notice's closing words (特此通知2021年7月13日).
const signatureInText = /(?:[。！!]\s*(?!特此通知)([\p{Script=Han}()]{3,30})|特此通知[。.]?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/gu;

function readSignatureInRunningText(free: readonly Line[]): { issuer: string | null; date: string | null } {
  for (const line of free) {
    for (const match of line.norm.matchAll(signatureInText)) {
      const issuer = match[1] === undefined ? null : asIssuer(match[1]);
      const date = readWholeDate(match[2] ?? "");
      if (date !== null && (issuer !== null || match[1] === undefined)) return { issuer, date };
    }
  }
  return { issuer: null, date: null };
}

/** The body before 关于印发 in the notice's heading, on its line or the line above (示例县人民政府办公室 / 关于印发…). */
function readIssuerFromNotice(free: readonly Line[], titleCells: readonly string[]): string | null {
  const headings = [...free.map((line, position) => ({ text: line.raw, above: free[position - 1]?.raw ?? "" })), ...titleCells.map((text) => ({ text, above: "" }))];
  for (const { text, above } of headings) {
    if (text.length > maxNameLine) continue;
    const simple = simplifyText(text);
    const at = simple.search(noticeVerb);
    if (at === -1 || bookTitleReader(simple)(at)) continue;
    const issuer = asIssuer(at === 0 ? above : asWritten(text, simple).slice(0, at));
    if (issuer !== null) return issuer;
  }
  return null;
}

/** The body named by the red header of an official document: 测试区人民政府办公室文件. */
function readIssuerFromHeader(free: readonly Line[]): string | null {
  for (const line of free) {
    const name = clean(line.raw);
    if (name.length > maxNameLine || !simplifyText(name).endsWith("文件")) continue;
    const stem = name.slice(0, -2);
    // 部门文件, 政府文件 are navigation; a header names its jurisdiction.
    if (readJurisdiction(simplifyText(stem)) !== null && asIssuer(stem) !== null) return stem;
  }
  return null;
}

function readNumberAlone(text: string): string | null {
  const simple = simplifyText(text).trim();
  const match = numberAlone.exec(simple);
  if (match?.[1] !== undefined) return clean(match[1]);
  const without号 = numberAloneWithout号.exec(simple)?.[1];
  return without号 === undefined ? null : `${clean(without号)}号`;
}

/** The document's own number: the first standing alone on its line, or closing the notice's heading. */
function readOwnNumber(free: readonly Line[]): string | null {
  for (const line of free) {
    if (line.raw.length > maxNameLine) continue;
    const alone = readNumberAlone(line.raw);
    if (alone !== null) return alone;
    const simple = simplifyText(line.raw).trim();
    const closing = simple.includes("《") ? null : numberAfterNotice.exec(simple);
    const number = closing?.[1] ?? closing?.[2];
    if (number !== undefined) return clean(number);
  }
  return null;
}

/** A line as a title would read: no spaces, no mirror-site spam, no 【浙江】 region tag. */
// A document-sharing site's file name standing as the page's heading: …规划(2021-2025年)(17页).pdf.
const fileNameEnding = /(?:[(（]\d{1,4}[页頁][)）])?\.(?:docx?|pdf|wps|txt)$/iu;

function titleText(raw: string): string {
  return removeSpam(clean(raw)).replace(/^【[^】]*】/u, "").replace(fileNameEnding, "");
}

function isTitle(text: string): boolean {
  return text !== "" && text.length <= 60 && !/[。,，:：>»|]/u.test(text) && !/关于|通知/u.test(simplifyText(text)) && titleEnding.test(normalizeText(text));
}

/** Whether a line could be the first part of a title that runs over lines: short, no sentence, date, number or heading. */
function couldOpenTitle(text: string): boolean {
  if (text === "" || text.length > 40 || /[。,，:：;；>»|!！?？]/u.test(text) || /^[(（【[〔]/u.test(text)) return false;
  const simple = simplifyText(text);
  return !/关于|通知|印发/u.test(simple) && readWholeDate(simple) === null && !looksLikeCompactDate(simple) && readNumberAlone(simple) === null && !titleEnding.test(normalizeText(text));
}

/** Whether a text opens as a whole title does: with a jurisdiction, a year, a five-year plan's name or 全省/全市. */
function opensLikeTitle(text: string): boolean {
  const simple = simplifyText(text);
  return readJurisdiction(simple) !== null || /^(?:\d{4}年|[“"]?十[一二三四五六七八九]五|全[省市县区])/u.test(simple);
}

/** Titles the head cites: 《…》 and the title of the 关于印发…的通知, normalized; they confirm a title split over lines. */
function readCitedTitles(free: readonly Line[], titleCells: readonly string[]): Set<string> {
  const text = simplifyText([...free.filter((line) => line.raw.length <= maxNameLine).map((line) => clean(line.raw)), ...titleCells.map(clean)].join("\n"));
  return new Set([...text.matchAll(bookTitle), ...text.matchAll(citedNotice)].map((match) => normalizeText(match[1] ?? "")));
}

/**
 * The title: the standalone title nearest the body, with the lines it continues from (示例市“十四五”应急管理体系和 /
 * 本质安全能力建设规划), else the one the notice's heading names (关于印发《…》的通知), else the table's 标题 cell.
 */
function readTitle(free: readonly Line[], titleCells: readonly string[]): string | null {
  for (let position = free.length - 1; position >= 0; position -= 1) {
    const line = free[position];
    if (line === undefined || line.raw.length > maxNameLine) continue;
    const text = titleText(line.raw);
    if (isTitle(text)) return withOpening(free, position, text, readCitedTitles(free, titleCells));
  }
  return readTitleFromNotice(free, titleCells) ?? titleCells.map(titleText).find(isTitle) ?? readTitleFromRunningText(free);
}

// What stands around the document's own title in running text: 《…》已经县政府同意, 现将《…》印发给你们, 编制《…》,
// 《…》是我县…; a title after 根据, 依据, 按照 or 贯彻落实 is one the document cites.
const ownTitleBefore = /(?:(?:编制|制定|修订)了?|现将|特将|将|印发)$/u;
const ownTitleAfter = /^(?:已经|已|经|现印发|现予印发|印发给|是我|是全|为我|作为我|由会员)/u;

/**
 * The title as running text names it, where no line stands for it: the first 《…》 shaped as a title (a
 * jurisdiction or period first, a plan's ending last) that the text publishes or writes rather than cites.
 */
function readTitleFromRunningText(free: readonly Line[]): string | null {
  for (const line of free) {
    const simple = simplifyText(line.raw);
    const written = asWritten(line.raw, simple);
    for (const match of simple.matchAll(bookTitle)) {
      const inner = match[1] ?? "";
      const before = simple.slice(Math.max(0, match.index - 4), match.index);
      const after = simple.slice(match.index + match[0].length, match.index + match[0].length + 4);
      if (!ownTitleBefore.test(before) && !ownTitleAfter.test(after)) continue;
      const title = titleText(written.slice(match.index + 1, match.index + 1 + inner.length));
      if (isTitle(title) && opensLikeTitle(title)) return title;
    }
  }
  return null;
}

/**
 * A title's last line with the lines above it that open it (at most two): the join the notice cites, else
 * lines joined while what is read so far does not open as a title does.
 */
function withOpening(free: readonly Line[], position: number, last: string, cited: ReadonlySet<string>): string {
  let joined = last;
  let confirmed = cited.has(normalizeText(last)) ? last : null;
  let byShape = last;
  let shapeOpen = !opensLikeTitle(last);
  for (let above = position - 1; above >= Math.max(0, position - 2); above -= 1) {
    const raw = free[above]?.raw ?? "";
    const piece = raw.length > maxNameLine ? "" : titleText(raw);
    if (!couldOpenTitle(piece)) {
      // A line ending as a title does opens it only where the notice cites the join (…安全生产规划 / 目标、…分工方案).
      if (piece !== "" && cited.has(normalizeText(piece + joined))) confirmed = piece + joined;
      break;
    }
    joined = piece + joined;
    if (cited.has(normalizeText(joined))) confirmed = joined;
    // A signature's name above the title opens it only where the notice cites the joined title.
    shapeOpen &&= asIssuer(piece) === null;
    if (shapeOpen) {
      byShape = joined;
      shapeOpen = !opensLikeTitle(joined);
    }
  }
  return confirmed ?? byShape;
}

/** The title in the notice's own heading (关于印发《…》的通知), not in one it cites (《国务院关于印发…的通知》). */
function readTitleFromNotice(free: readonly Line[], titleCells: readonly string[]): string | null {
  for (const source of [free.filter((line) => line.raw.length <= maxNameLine).map((line) => clean(line.raw)).join(""), ...titleCells.map(clean)]) {
    const simple = simplifyText(source);
    const written = asWritten(source, simple);
    const insideBookTitle = bookTitleReader(simple);
    for (const match of simple.matchAll(citedNotice)) {
      if (insideBookTitle(match.index)) continue;
      const start = match.index + match[0].indexOf(match[1] ?? "");
      const title = removeSpam(written.slice(start, start + (match[1] ?? "").length));
      if (title !== "") return title;
    }
  }
  return null;
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

/**
 * The jurisdiction a title or issuer starts with: 代县…, 南阳市…, 吉林省…, 金华市应急管理局. Where the names
 * above it are written out first (浙江省温州市永嘉县…, 通化市东昌区…), the deepest of them, with the others as
 * `above`: a name is taken as the next of the chain only where the national division table places it under
 * the one before, so 吉林市城区 or 南阳市区 stay the city.
 */
export function readJurisdiction(text: string): { name: string; level: Level; above: string[] } | null {
  let rest = text.replace(/^\d{4}年/u, "");
  const first = jurisdictionName.exec(rest);
  if (first?.[1] === undefined || /^全/u.test(first[1])) return null;
  const chain = [first[1]];
  for (rest = rest.slice(first[1].length); ; ) {
    const next = jurisdictionName.exec(rest)?.[1];
    const above = chain.at(-1) ?? "";
    if (next === undefined || !findDivisions(next).some((division) => division.ancestors.includes(above))) break;
    chain.push(next);
    rest = rest.slice(next.length);
  }
  const name = chain.at(-1) ?? first[1];
  return { name, level: levelOf(name), above: chain.slice(0, -1).reverse() };
}

function readCitedJurisdictions(text: string): Array<{ name: string; level: Level }> {
  const cited: Array<{ name: string; level: Level }> = [];
  for (const match of simplifyText(text).matchAll(/《([^《》]{2,60})》/gu)) {
    const title = clean(match[1] ?? "");
    if (/^[“"]?十[三四五]五[”"]?国家/u.test(title)) cited.push({ name: "全国", level: "national" });
    const jurisdiction = readJurisdiction(title);
    if (jurisdiction !== null && /规划|方案/u.test(title)) cited.push({ name: jurisdiction.name, level: jurisdiction.level });
  }
  return cited;
}
