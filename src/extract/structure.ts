import Nzh from "nzh/cn";
import type { Line } from "./lines.js";

/** The numbering styles of Chinese government documents, outermost first as they usually nest. */
export type NumberingStyle = "cn" | "cn-paren" | "arabic" | "arabic-paren" | "circled" | "box";

export interface Numbering {
  style: NumberingStyle;
  /** The number as a number: 三 → 3, (12) → 12, ⑤ → 5, 专栏2 → 2. */
  value: number;
  /** Length of the numbering in the normalized line. */
  length: number;
}

// nzh's types say string; it returns a number.
const chineseNumber = (text: string): number => Number(Nzh.decodeS(text));

const numberingPatterns: ReadonlyArray<{ style: NumberingStyle; pattern: RegExp; value: (match: RegExpExecArray) => number }> = [
  { style: "cn", pattern: /^([一二三四五六七八九十]{1,3})、/u, value: (m) => chineseNumber(m[1] ?? "") },
  { style: "cn-paren", pattern: /^\(([一二三四五六七八九十]{1,3})\)/u, value: (m) => chineseNumber(m[1] ?? "") },
  { style: "arabic-paren", pattern: /^\((\d{1,3})\)/u, value: (m) => Number(m[1]) },
  { style: "arabic", pattern: /^(\d{1,2})[.、](?!\d)/u, value: (m) => Number(m[1]) },
  { style: "box", pattern: /^专栏(\d{1,2})/u, value: (m) => Number(m[1]) },
];

/** Reads the numbering a normalized line starts with, if any. */
export function readNumbering(norm: string): Numbering | undefined {
  for (const { style, pattern, value } of numberingPatterns) {
    const match = pattern.exec(norm);
    if (match !== null) return { style, value: value(match), length: match[0].length };
  }
  return undefined;
}

// NFKC turns ① into 1, so circled numbers are read from the line as written.
function readCircledNumbering(line: Line): Numbering | undefined {
  const circled = /^[①-⑳]/u.exec(line.raw);
  if (circled === null) return undefined;
  return { style: "circled", value: (circled[0].codePointAt(0) ?? 0x2460) - 0x2460 + 1, length: circled[0].normalize("NFKC").length };
}

/** A numbered line split into its title and what follows it on the same line. */
export interface Heading {
  line: Line;
  numbering: Numbering;
  /** The title, normalized: up to the first 。 or colon when the line runs on, else the whole rest. */
  title: string;
  /** Whether text follows the title on the same line ("(一)指导思想。坚持…"). */
  runsOn: boolean;
}

export function readHeading(line: Line): Heading | undefined {
  const numbering = readCircledNumbering(line) ?? readNumbering(line.norm);
  if (numbering === undefined) return undefined;
  const rest = line.norm.slice(numbering.length);
  const stop = rest.search(/[。:;]/u);
  const runsOn = stop !== -1 && stop < rest.length - 1;
  const title = (stop === -1 ? rest : rest.slice(0, stop)).replace(/[。:;]+$/u, "");
  if (title === "" && numbering.style !== "box") return undefined;
  return { line, numbering, title, runsOn };
}

/** A paragraph that opens with a short lead phrase ending in 。 ("健全应急管理指挥体系。推进…"). */
export function leadPhrase(norm: string): string | undefined {
  const stop = norm.indexOf("。");
  if (stop < 2 || stop > 25) return undefined;
  const phrase = norm.slice(0, stop);
  return /[,;:、]/u.test(phrase) ? undefined : phrase;
}

/** A line that only says who leads and who helps ("县应急局牵头,…按职责分工负责。"). */
export function isUnitLine(norm: string): boolean {
  return norm.length <= 120 && /牵头/u.test(norm) && /(?:负责|配合|参与)。?$/u.test(norm) && !/。./u.test(norm);
}
