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

function toIsoDate(match: RegExpExecArray | null): string | null {
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
