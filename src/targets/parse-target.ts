import words from "../../data/targets/target-words.json";
import { normalizeText } from "../text/normalize.js";

/** How a target bounds its value: at most (<, <=), exactly (=, a bare value), at least (>=, >). */
export type Comparator = "<" | "<=" | "=" | ">=" | ">";

/** What a number measures: a ratio (%, ‰), a duration (hours), a count of something, … */
export type Measure = "ratio" | "duration" | "length" | "money" | "people" | "things" | "teams" | "organizations" | "times" | "households" | "number";

/** One target read from text: 下降15%, <0.8, 达到90%, 10小时内, 新增5支, 全覆盖. */
export interface Target {
  /** `change` is relative to a base (下降15%); `value` is a level or bound to reach (达到90%, <0.8). */
  kind: "change" | "value";
  /** For a change: which way. */
  change?: "decrease" | "increase";
  comparator: Comparator;
  /** The number as written (15 for 15%); for a range (2~3支) its low end. */
  value: number;
  /** The high end of a range. */
  high?: number;
  /** The unit as written: %, ‰, 小时, 个, 人 …; empty for a plain number. */
  unit: string;
  measure: Measure;
  /** The value in the measure's base unit (ratios as fractions, durations in hours), for comparing. */
  base: number;
  /** Counts of things grow with the jurisdiction, so they are not compared across jurisdictions. */
  extensive: boolean;
  /** Words that soften or qualify the commitment: 力争, 基本 … */
  qualifiers: string[];
  /** The year the target applies to, as the text or the caller says. */
  year?: number;
  /** The clause it was read from, normalized. */
  text: string;
  /** Where in `text` the target's own words stand (verb, number, unit), as [start, end). */
  span: [number, number];
}

/** Text that holds no target the parser can read, and why. Never guessed. */
export interface UnreadTarget {
  text: string;
  reason: "no-number" | "no-pattern";
}

export interface TargetReading {
  targets: Target[];
  /** Set when nothing in the text could be read as a target. */
  unread?: UnreadTarget;
}

export interface ParseTargetOptions {
  /** The year to assume where the text names none (an indicator's `year`). */
  year?: number | undefined;
}

/** A regex alternation of words, longest first so 不少于 wins over 少于. */
const alternation = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join("|");

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

const units = [...words.units].sort((a, b) => b.unit.length - a.unit.length);
const unitPattern = units.map((entry) => escape(entry.unit)).join("|");
const number = String.raw`(\d+(?:\.\d+)?)(?:[~\-–—](\d+(?:\.\d+)?))?`;
const upperWords = Object.entries(words.upper).flatMap(([comparator, list]) => list.map((word) => ({ word, comparator: comparator as Comparator })));
const lowerWords = Object.entries(words.lower).flatMap(([comparator, list]) => list.map((word) => ({ word, comparator: comparator as Comparator })));
const comparatorOf = new Map([...upperWords, ...lowerWords].map(({ word, comparator }) => [word, comparator]));

// Each pattern names its groups: verb (the word before the number), value, high, unit, suffix. Bounds are
// not read after 不, so 不少于 is never read as 少于 (不少于 and 不低于 are words of their own).
const patterns: ReadonlyArray<{ name: string; regex: RegExp }> = [
  { name: "change", regex: new RegExp(`(?<verb>${alternation([...words.decrease, ...words.increase])})[^\\d]{0,6}?${named(number)}(?<unit>%|‰)`, "gu") },
  { name: "upper", regex: new RegExp(`(?<!不)(?<verb>${alternation(upperWords.map((entry) => entry.word))})[^\\d<>]{0,8}?${named(number)}(?<unit>${unitPattern})?(?<suffix>以内|以下|内)?`, "gu") },
  { name: "lower", regex: new RegExp(`(?<!不)(?<verb>${alternation(lowerWords.map((entry) => entry.word))})[^\\d<>]{0,8}?${named(number)}(?<unit>${unitPattern})?(?<suffix>以上)?`, "gu") },
  { name: "addition", regex: new RegExp(`(?<verb>${alternation(words.additions)})[^\\d]{0,4}?${named(number)}(?<unit>${unitPattern})(?<suffix>以上)?`, "gu") },
  { name: "suffix", regex: new RegExp(`${named(number)}(?<unit>${unitPattern})?(?<suffix>以内|以下|以上|内)`, "gu") },
  { name: "full", regex: new RegExp(`(?<verb>${alternation(words.fullCoverage)})`, "gu") },
  { name: "zero", regex: new RegExp(`(?<verb>${alternation(words.zero)})(?=\\p{Script=Han})`, "gu") },
];

function named(pattern: string): string {
  return pattern.replace("(\\d", "(?<value>\\d").replace("(\\d", "(?<high>\\d");
}

const bareValue = new RegExp(`^${named(number)}(?<unit>${unitPattern})?$`, "u");
const yearPattern = /(?:到|至|在)?(\d{4})年(?:底|末)?/gu;
const qualifierPattern = new RegExp(alternation(words.qualifiers), "gu");

/**
 * Reads the targets in a text: changes (下降15%), bounds (<0.8, 控制在1%以内, 10小时内), levels (达到80%,
 * 超过60%, 不少于200人, 全覆盖 → 100%), counts (新增5支), several in one sentence, with their qualifiers
 * (力争) and years (到2022年). What it cannot read stays text with a reason; it never guesses.
 *
 * @example
 * parseTarget("到2022年,建立率达到100%,力争参与率超过60%").targets.map((t) => [t.comparator, t.value, t.year]);
 * // [[">=", 100, 2022], [">", 60, 2022]]
 */
export function parseTarget(text: string, options: ParseTargetOptions = {}): TargetReading {
  const normalized = normalizeText(text);
  const targets: Target[] = [];
  let year = options.year;
  for (const clause of normalized.split(/[,;。:]/u).filter((part) => part !== "")) {
    const stated = [...clause.matchAll(yearPattern)].map((match) => Number(match[1]));
    if (stated.length > 0) year = Math.max(...stated);
    const qualifiers = [...new Set(clause.match(qualifierPattern) ?? [])];
    // Years are blanked, not removed, so positions in the clause stay true.
    const withoutYears = clause.replace(yearPattern, (match) => " ".repeat(match.length));
    for (const { target, span } of readClause(withoutYears)) {
      targets.push({ ...target, qualifiers, ...(year === undefined ? {} : { year }), text: clause, span });
    }
  }
  if (targets.length > 0) return { targets };
  return { targets, unread: { text: normalized, reason: /\d/u.test(normalized) ? "no-pattern" : "no-number" } };
}

type ClauseTarget = Omit<Target, "qualifiers" | "year" | "text" | "span">;

function readClause(clause: string): Array<{ target: ClauseTarget; span: [number, number] }> {
  const bare = bareValue.exec(clause);
  if (bare?.groups !== undefined) return [{ target: build("=", bare.groups), span: [0, clause.length] }];
  const found: Array<{ target: ClauseTarget; span: [number, number] }> = [];
  for (const { name, regex } of patterns) {
    for (const match of clause.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some(({ span: [a, b] }) => start < b && end > a)) continue;
      const target = fromMatch(name, match.groups ?? {});
      if (target !== undefined) found.push({ target, span: [start, end] });
    }
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}

function fromMatch(name: string, groups: Record<string, string | undefined>): ClauseTarget | undefined {
  const verb = groups.verb ?? "";
  switch (name) {
    case "change": {
      const target = build(">=", groups);
      return { ...target, kind: "change", change: words.decrease.includes(verb) ? "decrease" : "increase" };
    }
    case "upper":
    case "lower":
      return build(comparatorOf.get(verb) ?? (name === "upper" ? "<=" : ">="), groups);
    case "addition":
      return build(">=", groups);
    case "suffix":
      return build(groups.suffix === "以上" ? ">=" : "<=", groups);
    case "full":
      return build(">=", { value: "100", unit: "%" });
    case "zero":
      return build("<=", { value: "0" });
    default:
      return undefined;
  }
}

function build(comparator: Comparator, groups: Record<string, string | undefined>): ClauseTarget {
  const value = Number(groups.value);
  const high = groups.high === undefined ? undefined : Number(groups.high);
  const unit = groups.unit ?? "";
  const entry = units.find((candidate) => candidate.unit === unit);
  const scale = entry?.scale ?? 1;
  // An upper bound given as a range binds at its high end, a lower bound at its low end.
  const bound = comparator === "<" || comparator === "<=" ? (high ?? value) : value;
  return {
    kind: "value",
    comparator,
    value,
    ...(high === undefined ? {} : { high }),
    unit,
    measure: (entry?.measure ?? "number") as Measure,
    base: bound * scale,
    extensive: entry !== undefined && "extensive" in entry,
  };
}
