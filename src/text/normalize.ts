import * as OpenCC from "opencc-js/t2cn";
import { convertNumerals } from "./numerals.js";
import { checkTexts } from "../model/input-error.js";

// Traditional → simplified by OpenCC's character tables ("t"): copies of mainland documents in traditional
// characters are character conversions, so phrase-level rewriting would change what they say.
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

// After NFKC, Chinese quotation marks and brackets still vary between copies; these unify them.
const punctuationVariants: ReadonlyArray<[RegExp, string]> = [
  [/[“”„‟〝〞＂]/gu, '"'],
  [/[‘’‛]/gu, "'"],
  [/[〔【［]/gu, "["],
  [/[〕】］]/gu, "]"],
  [/[﹤]/gu, "<"],
  [/[﹥]/gu, ">"],
];

/**
 * Unicode NFKC and simplified characters, nothing else: full-width digits become digits, 〔〕 and spacing
 * stay as written, and the length of the text does not change for ordinary Chinese text.
 *
 * @example
 * simplifyText("吉政辦發〔２０２１〕69號"); // "吉政办发〔2021〕69号"
 */
export function simplifyText(text: string): string {
  checkTexts("simplifyText", { text });
  return toSimplified(text.normalize("NFKC")).normalize("NFKC");
}

/**
 * Puts text in one canonical shape for comparison: Unicode NFKC (full-width digits and punctuation become
 * ASCII), traditional → simplified characters, one form for quotation marks and brackets, quantities in
 * digits (十万 → 100000), and no whitespace at all, since spaces in Chinese text are scraping noise
 * ("调 查"). Idempotent: normalizing twice changes nothing.
 *
 * @example
 * normalizeText("災害事故資訊發布公眾覆蓋率 達到９０％"); // "灾害事故资讯发布公众覆盖率达到90%"
 */
export function normalizeText(text: string): string {
  checkTexts("normalizeText", { text });
  return convertNumerals(normalizeCharacters(text));
}

/**
 * `normalizeText` before quantities are written in digits: what each character becomes wherever it stands
 * (simplified, NFKC, one form of quotation marks and brackets, whitespace dropped).
 */
export function normalizeCharacters(text: string): string {
  let result = simplifyText(text);
  for (const [pattern, replacement] of punctuationVariants) result = result.replace(pattern, replacement);
  // Without the whitespace between them, combining marks may stand out of order: NFKC orders them again, so
  // normalizing twice changes nothing.
  return result.replace(/\s+/gu, "").normalize("NFKC");
}
