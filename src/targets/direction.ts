import directions from "../../data/targets/directions.json";
import type { Indicator } from "../model/plan.js";
import { normalizeText } from "../text/normalize.js";
import { checkTexts, InputError } from "../model/input-error.js";

/** Which way is better for an indicator: fewer deaths, shorter waits (lower); more coverage (higher). */
export type Direction = "lower-better" | "higher-better";

const keywords: ReadonlyArray<{ word: string; direction: Direction }> = [
  ...directions["lower-better"].map((word) => ({ word, direction: "lower-better" as const })),
  ...directions["higher-better"].map((word) => ({ word, direction: "higher-better" as const })),
];
const fallbackHigherBetter = new RegExp(directions.fallbackHigherBetter, "u");

/**
 * The direction of an indicator: its own `direction` field when the plan sets one, else read from its name
 * with data/targets/directions.json (the keyword that ends last wins); undefined when neither says.
 *
 * @example
 * inferDirection({ name: "年均每十万人受灾人次" }); // "lower-better"
 * inferDirection({ name: "灾害事故信息发布公众覆盖率" }); // "higher-better"
 */
export function inferDirection(indicator: Pick<Indicator, "name"> & { direction?: Direction | undefined }): Direction | undefined {
  if (typeof indicator !== "object" || indicator === null) throw new InputError("inferDirection", [{ path: "indicator", message: "expected an indicator with a name" }]);
  checkTexts("inferDirection", { "indicator.name": indicator.name });
  if (indicator.direction !== undefined) return indicator.direction;
  const name = normalizeText(indicator.name);
  let best: { end: number; length: number; direction: Direction } | undefined;
  for (const { word, direction } of keywords) {
    const start = name.lastIndexOf(word);
    if (start === -1) continue;
    const end = start + word.length;
    if (best === undefined || end > best.end || (end === best.end && word.length > best.length)) best = { end, length: word.length, direction };
  }
  if (best !== undefined) return best.direction;
  return fallbackHigherBetter.test(name) ? "higher-better" : undefined;
}
