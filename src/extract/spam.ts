import table from "../../data/text/spam-words.json";
import { escapeRegExp } from "../_lib/escape-reg-exp.js";
import { simplifyText } from "../text/normalize.js";

// Compiled once from data/text/spam-words.json. Longest words first, so 官方网站 wins over 官方.
const alternatives = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
const brands = alternatives(table.brands);
const trailers = alternatives(table.trailers);
const brandPatterns = table.brandPatterns.join("|");
const separator = "[\\s\\-_|·・•:~—–/丨]";
// A known brand with the web words after it (开云体育(中国)官方网站), wherever it stands in a title.
const brandRun = new RegExp(`(?:${brands})(?:${trailers})*`, "giu");
// One piece of spam at either end of a title; stripped one at a time, so no pattern repeats over the text.
const spamPiece = `(?:${brandPatterns}|${trailers}|${separator})`;
const leadingPiece = new RegExp(`^${spamPiece}`, "iu");
const trailingPiece = new RegExp(`${spamPiece}$`, "iu");
// What removing a brand leaves behind: 示例县…规划【】.
const emptyBrackets = /【\s*】|\(\s*\)|\[\s*\]|〔\s*〕/gu;
const brandAnywhere = new RegExp(brands, "iu");
const brandAtStart = new RegExp(`^(?:${brandPatterns})`, "iu");
const webWord = new RegExp(alternatives(table.webWords), "iu");

/**
 * A title line without the spam a mirror site put into it: known brands wherever they stand, and brand-like
 * names, web words and separators at its start and end. Matched in simplified characters; what is kept is as
 * written.
 *
 * @example
 * removeSpam("欧宝体育官网-示例县“十四五”应急管理规划_星河娱乐APP下载"); // "示例县“十四五”应急管理规划"
 */
export function removeSpam(text: string): string {
  let simple = simplifyText(text);
  // Simplification keeps the length of ordinary text, so cuts found in it apply to the text as written.
  let written = simple.length === text.length ? text : simple;
  const cut = (start: number, end: number) => {
    written = written.slice(0, start) + written.slice(end);
    simple = simple.slice(0, start) + simple.slice(end);
  };
  for (const pattern of [brandRun, emptyBrackets]) {
    for (const match of [...simple.matchAll(pattern)].reverse()) cut(match.index, match.index + match[0].length);
  }
  for (let match = leadingPiece.exec(simple); match !== null && match[0] !== ""; match = leadingPiece.exec(simple)) cut(0, match[0].length);
  for (let match = trailingPiece.exec(simple); match !== null && match[0] !== ""; match = trailingPiece.exec(simple)) cut(match.index, simple.length);
  return written;
}

/** Whether a name is spam rather than a body's: it holds a brand or a web word, or starts like a brand (星河娱乐…). */
export function isSpamName(text: string): boolean {
  const simple = simplifyText(text);
  return brandAnywhere.test(simple) || brandAtStart.test(simple) || webWord.test(simple);
}
