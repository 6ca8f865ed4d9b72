import Nzh from "nzh/cn";
import { checkTexts } from "../model/input-error.js";

// Chinese numerals become digits only where they are quantities (十万人 → 100000人), never inside names
// such as 十四五 or 一岗双责; the decoding itself is nzh's.

// 公里 is left out: 最后一公里 is an idiom, not a distance.
const measureWords = "个支家名人次天日小时分钟座所倍项条批户类件套台辆艘架处";
const numeralCharacters = "零〇一二两三四五六七八九十百千万亿";
// Anchored at the start of a run of numerals, so a long run that no measure word follows is tried once, not
// from each of its characters; a run right after a digit or a decimal point belongs to that number.
const chineseNumber = new RegExp(`(?<![\\d.${numeralCharacters}])[${numeralCharacters}]+(?=[${measureWords}])`, "gu");
const fiveYearPlanName = /^十[一二三四五六七八九]五$/u;
// Anchored at the start of a digit run, so a long run not followed by 万 or 亿 is tried once, not from each
// of its digits; magnitudes are taken together (3万万 is 300000000 in one step, so converting is idempotent).
const arabicWithMagnitude = /(?<![\d.])(\d+(?:\.\d+)?)([万亿]+)/gu;

/** One step of writing quantities in digits: every match of `pattern` (global) becomes what `rewrite` returns. */
export interface NumeralRewrite {
  pattern: RegExp;
  rewrite: (match: string, ...groups: string[]) => string;
}

/** The steps of `convertNumerals`, in order; `trackNormalization` replays them to follow positions. */
export const numeralRewrites: readonly NumeralRewrite[] = [
  {
    pattern: chineseNumber,
    rewrite: (run) => {
      if (fiveYearPlanName.test(run)) return run;
      // nzh's types say string; it returns a number. Number() accepts both.
      const value = Number(Nzh.decodeS(run.replaceAll("两", "二").replaceAll("〇", "零")));
      return Number.isFinite(value) && value > 0 ? String(value) : run;
    },
  },
  {
    pattern: arabicWithMagnitude,
    rewrite: (_, digits = "", magnitudes = "") => {
      const value = [...magnitudes].reduce((product, magnitude) => product * (magnitude === "万" ? 10_000 : 100_000_000), Number(digits));
      return String(Math.round(value * 1000) / 1000);
    },
  },
];

/**
 * Writes quantities in digits: 十万人 → 100000人, 10万人 → 100000人, 1.5万 → 15000, 两支 → 2支.
 * Leaves names alone: 十四五, 一岗双责, 三大改革.
 *
 * @example
 * convertNumerals("年均每十万人受灾人次"); // "年均每100000人受灾人次"
 */
export function convertNumerals(text: string): string {
  checkTexts("convertNumerals", { text });
  return numeralRewrites.reduce((current, { pattern, rewrite }) => current.replace(pattern, rewrite), text);
}
