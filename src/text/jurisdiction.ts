import table from "../../data/text/jurisdiction-words.json";
import { checkTexts } from "../model/input-error.js";

// Compiled once: the table is data (data/text/jurisdiction-words.json), applied in its order.
const replacements = table.replacements.map(({ pattern, replacement }) => ({
  pattern: new RegExp(pattern, "gu"),
  replacement,
}));

/**
 * Replaces words that only name a level of government with neutral ones, so that plans of different levels
 * compare: 全省/全市/全县 → 全域, 县级以上/市县级 → 本级, 省应急管理厅/县应急局 → 应急管理部门.
 * Expects text already passed through `normalizeText`.
 *
 * @example
 * neutralizeJurisdiction("县级以上应急管理部门装备达标率"); // "本级应急管理部门装备达标率"
 */
export function neutralizeJurisdiction(text: string): string {
  checkTexts("neutralizeJurisdiction", { text });
  let result = text;
  for (const { pattern, replacement } of replacements) result = result.replace(pattern, replacement);
  return result;
}
