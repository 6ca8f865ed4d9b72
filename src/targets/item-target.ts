import type { Indicator } from "../model/plan.js";
import { normalizeText } from "../text/normalize.js";
import { inferDirection, type Direction } from "./direction.js";
import { parseNormalizedTarget, type Comparator, type UnreadTarget } from "./parse-target.js";

/**
 * An indicator's target as outputs show it: the text as written and, beside it, what the parser read of it
 * (the first target in the text, the one audits compare), so that a table can sort and filter by value.
 */
export interface ItemTarget {
  /** The target as written: 下降15%, <0.8, 达到90%. */
  text: string;
  /**
   * How it bounds the value, named as Python's operator module names them: `lt` (<), `le` (<=), `eq` (=),
   * `ge` (>=), `gt` (>); words rather than signs, which a spreadsheet would take for a formula. Absent when
   * the text could not be read.
   */
  comparator?: ComparatorName;
  /** The number as written (15 for 下降15%); for a range its low end. */
  value?: number;
  /** The high end of a range (2~3支). */
  high?: number;
  /** The unit as written (%, ‰, 小时, 支); empty for a plain number. */
  unit?: string;
  /** For a change from a base (下降15%, 提高10%): which way; absent for a level to reach. */
  change?: "decrease" | "increase";
  /** Which way is better for the indicator, where its name or the plan says. */
  direction?: Direction;
  /** The year it is due, as the text or the indicator says. */
  year?: number;
  /** Why nothing could be read from the text: `no-number` or `no-pattern`. */
  unread?: UnreadTarget["reason"];
}

/** A comparator by name: `lt`, `le`, `eq`, `ge`, `gt`. */
export type ComparatorName = "lt" | "le" | "eq" | "ge" | "gt";

const comparatorNames: Readonly<Record<Comparator, ComparatorName>> = { "<": "lt", "<=": "le", "=": "eq", ">=": "ge", ">": "gt" };

type DescribedIndicator = Pick<Indicator, "name" | "target" | "year" | "direction">;

// Alignments describe the same indicators again and again (an ancestor's, against every plan below it), and
// reading a target costs more than a pair's score: read once per indicator, again only if a field read changed.
const described = new WeakMap<DescribedIndicator, { read: DescribedIndicator; target: ItemTarget | undefined }>();

/** What outputs show of an indicator's target; undefined for an indicator without one. Frozen: outputs share it. */
export function describeTarget(indicator: DescribedIndicator): ItemTarget | undefined {
  const cached = described.get(indicator);
  const { name, target, year, direction } = indicator;
  if (cached !== undefined && cached.read.name === name && cached.read.target === target && cached.read.year === year && cached.read.direction === direction) {
    return cached.target;
  }
  const read = readTarget(indicator);
  const frozen = read === undefined ? undefined : Object.freeze(read);
  described.set(indicator, { read: { name, target, year, direction }, target: frozen });
  return frozen;
}

function readTarget(indicator: DescribedIndicator): ItemTarget | undefined {
  if (indicator.target === null) return undefined;
  const reading = parseNormalizedTarget(normalizeText(indicator.target), indicator.year === undefined ? {} : { year: indicator.year });
  const [target] = reading.targets;
  const direction = inferDirection(indicator);
  const year = target?.year ?? indicator.year;
  return {
    text: indicator.target,
    ...(target === undefined ? {} : {
      comparator: comparatorNames[target.comparator], value: target.value, ...(target.high === undefined ? {} : { high: target.high }), unit: target.unit,
      ...(target.change === undefined ? {} : { change: target.change }),
    }),
    ...(direction === undefined ? {} : { direction }),
    ...(year === undefined ? {} : { year }),
    ...(reading.unread === undefined ? {} : { unread: reading.unread.reason }),
  };
}
