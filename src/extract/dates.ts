import { simplifyText } from "../text/normalize.js";

// The ways pages write a date: 2022年3月15日, 2022-03-18 (also / and .), and official documents' 二〇二二年三月十五日.
const datePatterns = [
  String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`,
  String.raw`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)`,
  String.raw`([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`,
];
const leadingDate = datePatterns.map((pattern) => new RegExp(`^(?:${pattern})`, "u"));
const wholeDate = datePatterns.map((pattern) => new RegExp(`^(?:${pattern})$`, "u"));
const numeralDigits = ["〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

function numeralValue(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text);
  const digit = (character: string) => numeralDigits.findIndex((characters) => characters.includes(character));
  // 十 = 10, 十五 = 15, 二十 = 20, 二十五 = 25; a four-digit year is read digit by digit.
  if (!text.includes("十")) return Number([...text].map(digit).join(""));
  const [tens = "", units = ""] = text.split("十");
  return (tens === "" ? 1 : digit(tens)) * 10 + (units === "" ? 0 : digit(units));
}

function toIsoDate(match: ArrayLike<string | undefined> | null): string | null {
  if (match === null) return null;
  const [year, month, day] = [match[1] ?? "", match[2] ?? "", match[3] ?? ""].map(numeralValue);
  if (year === undefined || month === undefined || day === undefined) return null;
  if (year < 1949 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function readWith(patterns: readonly RegExp[], text: string): string | null {
  const simple = simplifyText(text).trim();
  for (const pattern of patterns) {
    const date = toIsoDate(pattern.exec(simple));
    if (date !== null) return date;
  }
  return null;
}

/**
 * The date a text starts with, as YYYY-MM-DD (a table cell: 2022年03月18日, 2022-03-18 09:18), or null.
 *
 * @example
 * readLeadingDate("２０２２－０３－１８ ０９:１８"); // "2022-03-18"
 */
export function readLeadingDate(text: string): string | null {
  return readWith(leadingDate, text);
}

/**
 * The date a text is and nothing else (a signature's date line), as YYYY-MM-DD, or null.
 *
 * @example
 * readWholeDate("二〇二二年六月八日"); // "2022-06-08"
 */
export function readWholeDate(text: string): string | null {
  return readWith(wholeDate, text);
}

// A date that lost its 年 and 月 (and often 日) when the page was scraped: 2021811, 2022125, 2021810日, 2022年920.
const compactDate = /^((?:19|20)\d{2})年?(\d{2,4})日?$/u;

/**
 * Whether a text has the shape of a date that lost its 年月日 (2023220, 2022年920), even one whose month and
 * day read two ways (2022125): no title opens with one, so it is never joined to the title below it.
 */
export function looksLikeCompactDate(text: string): boolean {
  return compactDate.test(simplifyText(text).trim());
}

/**
 * A date written as digits only, as YYYY-MM-DD: each way of splitting the digits after the year into a month
 * and a day that makes a date; where two do (2022125: 1-25 or 12-5), the one not after `notAfter` (the day the
 * page published it), else none.
 *
 * @example
 * readCompactDate("2021811"); // "2021-08-11"
 * readCompactDate("2022125", "2022-02-14"); // "2022-01-25"
 */
export function readCompactDate(text: string, notAfter: string | null = null): string | null {
  const match = compactDate.exec(simplifyText(text).trim());
  if (match === null) return null;
  const [year, rest] = [match[1] ?? "", match[2] ?? ""];
  const readings: string[] = [];
  for (let split = 1; split < rest.length; split += 1) {
    const [month, day] = [rest.slice(0, split), rest.slice(split)];
    if (month.length > 2 || day.length > 2) continue;
    const date = toIsoDate([text, year, month, day]);
    if (date !== null) readings.push(date);
  }
  const possible = notAfter === null ? readings : readings.filter((date) => date <= notAfter);
  return possible.length === 1 ? (possible[0] ?? null) : null;
}
