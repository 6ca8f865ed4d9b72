import words from "../../data/targets/target-words.json";
import { escapeRegExp } from "../_lib/escape-reg-exp.js";
import { normalizeText } from "../text/normalize.js";
import { checkArguments, checkTexts } from "../model/input-error.js";
import { ParseTargetOptionsSchema } from "../model/options.js";

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
  /** How it bounds `value`: 不超过 gives `<=`, 达到 `>=`, a bare value `=`. */
  comparator: Comparator;
  /** The number as written (15 for 15%); for a range (2~3支) its low end. */
  value: number;
  /** The high end of a range. */
  high?: number;
  /** The unit as written: %, ‰, 小时, 个, 人 …; empty for a plain number. */
  unit: string;
  /** What the unit measures; only targets of one measure are compared. */
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
  /** The word that set the comparator (达到, 下降, 新增 …), when it stands apart from the number (新增…体验馆26个). */
  verb?: string;
}

/** Text that holds no target the parser can read, and why. Never guessed. */
export interface UnreadTarget {
  text: string;
  /** `no-number`: the text has no number; `no-pattern`: it has one, in wording the parser does not know. */
  reason: "no-number" | "no-pattern";
}

/** What {@link parseTarget} read in a text: every target in it, in order, or why none could be read. */
export interface TargetReading {
  targets: Target[];
  /** Set when nothing in the text could be read as a target. */
  unread?: UnreadTarget;
}

/** Options of {@link parseTarget}. */
export interface ParseTargetOptions {
  /** The year to assume where the text names none (an indicator's `year`). */
  year?: number | undefined;
}

/** A regex alternation of words, longest first so 不少于 wins over 少于. */
const alternation = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");

const units = [...words.units].sort((a, b) => b.unit.length - a.unit.length);
const unitPattern = units.map((entry) => escapeRegExp(entry.unit)).join("|");
// What is added (新增5支, 完成1066公里) is counted or measured out: never a ratio or a duration.
const countUnitPattern = units.filter((entry) => entry.measure !== "ratio" && entry.measure !== "duration").map((entry) => escapeRegExp(entry.unit)).join("|");
const number = String.raw`(\d+(?:\.\d+)?)(?:[~\-–—](\d+(?:\.\d+)?))?`;
const upperWords = Object.entries(words.upper).flatMap(([comparator, list]) => list.map((word) => ({ word, comparator: comparator as Comparator })));
const lowerWords = Object.entries(words.lower).flatMap(([comparator, list]) => list.map((word) => ({ word, comparator: comparator as Comparator })));
const comparatorOf = new Map([...upperWords, ...lowerWords].map(({ word, comparator }) => [word, comparator]));

/** What the conditions on where a pattern may match ask of the whole clause, found once per clause. */
interface ClauseFacts {
  /** Where the first 通过 ends (what follows is a means, not a goal); Infinity without one. */
  meansEnd: number;
  /** Where the earliest verb that sets a target (data: settingVerbs) ends; Infinity without one. */
  settingVerbEnd: number;
  /** Where the last 的 stands; -1 without one. */
  lastDe: number;
}

interface TargetPattern {
  name: string;
  regex: RegExp;
  /**
   * Whether a match may start at a position, for conditions on everything before it. A lookbehind such as
   * (?<!通过.*) would say the same but scan back over the clause from every position it is tried at.
   */
  startsAt?: (position: number, facts: ClauseFacts) => boolean;
}

// Each pattern names its groups: verb (the word before the number), value, high, unit, suffix. Bounds are
// not read after 不, so 不少于 is never read as 少于 (不少于 and 不低于 are words of their own), nor where the
// verb is part of a noun (达标率 is not 达 + 标率). A pattern that starts with the number starts it after a
// non-digit, so a long run of digits is tried once, not from each of its digits.
const patterns: readonly TargetPattern[] = [
  { name: "change", regex: new RegExp(`(?<verb>${alternation([...words.decrease, ...words.increase])})[^\\d]{0,6}?${named(number)}(?<unit>%|‰)`, "gu") },
  { name: "upper", regex: new RegExp(`(?<!不)(?<verb>${alternation(upperWords.map((entry) => entry.word))})(?!标|率)[^\\d<>]{0,8}?${named(number)}(?<unit>${unitPattern})?(?<suffix>以内|以下|内)?`, "gu") },
  { name: "lower", regex: new RegExp(`(?<!不)(?<verb>${alternation(lowerWords.map((entry) => entry.word))})(?!标|率)[^\\d<>]{0,8}?${named(number)}(?<unit>${unitPattern})?(?<suffix>以上)?`, "gu") },
  // A count right after its verb (新增5支), or further on only where it ends the clause (落实财政补助资金1000万元):
  // a number in the middle of a clause after other words usually describes something (建立全年365天…机制).
  { name: "addition", regex: new RegExp(`(?<verb>${alternation(words.additions)})(?!率)${named(number)}(?<unit>${countUnitPattern})(?<suffix>以上)?`, "gu") },
  { name: "addition-apart", regex: new RegExp(`(?<verb>${alternation(words.additions)})(?!率)[^\\d]{1,12}?${named(number)}(?<unit>${countUnitPattern})(?<suffix>以上)?(?:\\p{Script=Han}{1,3})?(?=$|、)`, "gud") },
  { name: "suffix", regex: new RegExp(`(?<!\\d)${named(number)}(?<unit>${unitPattern})?(?<suffix>以内|以下|以上|内)`, "gu") },
  // An N-hour network or circle (…的1小时航空应急救援网): reach within N hours.
  { name: "attribute", regex: new RegExp(`(?<=的)${named(number)}(?<unit>小时|分钟)(?=\\p{Script=Han})`, "gu") },
  // Full coverage as a goal, not as an attribute (全域覆盖的网络) or a slogan in quotation marks.
  { name: "full", regex: new RegExp(`(?<!")(?<verb>${alternation(words.fullCoverage)})(?!的)`, "gu"), startsAt: (position, { meansEnd }) => position < meansEnd },
  // 每个村都配备…: every one of them, full coverage.
  { name: "full", regex: /每1?个[^\d,;。]{1,12}?(?:都|均)?(?:配备|设有|建有|建立)/gu },
  { name: "zero", regex: new RegExp(`(?<verb>${alternation(words.zero)})\\p{Script=Han}{1,2}`, "gu") },
  // One per county, town or village: 一县一基地.
  { name: "per-unit", regex: /一(?:县|市|区|乡|镇|村|街道|社区)一\p{Script=Han}{1,4}/gu, startsAt: (position, { settingVerbEnd }) => position === 0 || settingVerbEnd <= position },
  // Values set per level of government: 市级60日、县级30日.
  { name: "per-level", regex: new RegExp(`(?<=(?:省|市|县|乡|镇)级)${named(number)}(?<unit>${unitPattern})`, "gu") },
  // A share standing alone after what it measures (签约率100%, 100%全面调取…).
  { name: "share", regex: new RegExp(`(?<!\\d)${named(number)}(?<unit>%|‰)`, "gu") },
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
  checkTexts("parseTarget", { text });
  checkArguments("parseTarget", { options: [ParseTargetOptionsSchema, options] });
  return parseNormalizedTarget(normalizeText(text), options);
}

/** `parseTarget` on text that is already `normalizeText`'s output, for callers that normalized it anyway. */
export function parseNormalizedTarget(normalized: string, options: ParseTargetOptions = {}): TargetReading {
  const targets: Target[] = [];
  let year = options.year;
  for (const clause of normalized.split(/[,;。:]/u).filter((part) => part !== "")) {
    const stated = [...clause.matchAll(yearPattern)].map((match) => Number(match[1]));
    if (stated.length > 0) year = stated.reduce((latest, candidate) => Math.max(latest, candidate));
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
  // The positions inside the spans found: a later match that overlaps one is not read.
  const taken = new Uint8Array(clause.length);
  const inParentheses = parenthesized(clause);
  const facts = readClauseFacts(clause);
  for (const pattern of patterns) {
    const { name } = pattern;
    for (const match of matchesOf(pattern, clause, facts)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.subarray(start, end).includes(1)) continue;
      // A number in parentheses qualifies something else: (覆盖范围200公里以内).
      if (inParentheses(start)) continue;
      // A bare "N以上" right before a noun describes it (产值10亿元以上乡镇); it is not a target.
      if (name === "suffix" && match.groups?.suffix === "以上" && startsWithHan(clause, end)) continue;
      // A bound followed by 的 describes what follows (井深超过800米的矿山), unless a verb sets it as a
      // target (建立不少于200人的队伍).
      if ((name === "upper" || name === "lower") && facts.lastDe >= end && facts.settingVerbEnd > start) continue;
      const target = fromMatch(name, match.groups ?? {});
      if (target === undefined) continue;
      // A count standing apart from its verb (新增…体验馆26个): the span is the number; the verb is kept.
      const numberAt = name === "addition-apart" ? (match.indices?.groups?.value?.[0] ?? start) : start;
      found.push({ target: numberAt === start ? target : { ...target, verb: match.groups?.verb ?? "" }, span: [numberAt, end] });
      taken.fill(1, numberAt, end);
    }
  }
  found.sort((a, b) => a.span[0] - b.span[0]);
  return [...found, ...listedCounts(clause, found)];
}

function readClauseFacts(clause: string): ClauseFacts {
  const means = clause.indexOf("通过");
  const verbEnds = words.settingVerbs.map((verb) => {
    const at = clause.indexOf(verb);
    return at === -1 ? Infinity : at + verb.length;
  });
  return { meansEnd: means === -1 ? Infinity : means + "通过".length, settingVerbEnd: Math.min(...verbEnds), lastDe: clause.lastIndexOf("的") };
}

/** The matches of a pattern in a clause, skipping positions where it may not start as a lookbehind would. */
function matchesOf({ regex, startsAt }: TargetPattern, clause: string, facts: ClauseFacts): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(clause); match !== null; match = regex.exec(clause)) {
    if (startsAt === undefined || startsAt(match.index, facts)) matches.push(match);
    else regex.lastIndex = match.index + ((clause.codePointAt(match.index) ?? 0) > 0xffff ? 2 : 1);
  }
  return matches;
}

const hanCharacter = /\p{Script=Han}/uy;

function startsWithHan(text: string, position: number): boolean {
  hanCharacter.lastIndex = position;
  return hanCharacter.test(text);
}

const listedCount = new RegExp(`、[^\\d、]{1,20}?${named(number)}(?<unit>${unitPattern})(?<suffix>以上)?(?=$|、)`, "gud");

/** Counts listed after a counted one share its verb: 创建全国示范社区10个、省级示范社区30个. */
function listedCounts(clause: string, found: ReadonlyArray<{ target: ClauseTarget; span: [number, number] }>): Array<{ target: ClauseTarget; span: [number, number] }> {
  const last = found.at(-1);
  if (last === undefined || last.target.verb === undefined || !words.additions.includes(last.target.verb)) return [];
  const listed: Array<{ target: ClauseTarget; span: [number, number] }> = [];
  listedCount.lastIndex = last.span[1];
  for (let match = listedCount.exec(clause); match !== null; match = listedCount.exec(clause)) {
    const numberAt = match.indices?.groups?.value?.[0] ?? match.index;
    listed.push({ target: { ...build(">=", match.groups ?? {}), verb: last.target.verb }, span: [numberAt, match.index + match[0].length] });
  }
  return listed;
}

/** Whether a position of a clause stands inside parentheses. */
function parenthesized(clause: string): (position: number) => boolean {
  const inside: boolean[] = [];
  let depth = 0;
  for (let index = 0; index < clause.length; index += 1) {
    if (clause[index] === "(") depth += 1;
    inside.push(depth > 0);
    if (clause[index] === ")") depth = Math.max(0, depth - 1);
  }
  return (position) => inside[position] === true;
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
    case "addition-apart":
      return build(">=", groups);
    case "suffix":
      return build(groups.suffix === "以上" ? ">=" : "<=", groups);
    case "attribute":
      return build("<=", groups);
    case "per-unit":
      return build(">=", { value: "1" });
    case "per-level":
      return build("=", groups);
    case "share":
      return build("=", groups);
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
