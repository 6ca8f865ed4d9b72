import genericWordsTable from "../../data/similarity/generic-words.json";
import { escapeRegExp } from "../_lib/escape-reg-exp.js";
import measureKindsTable from "../../data/similarity/measure-kinds.json";
import { defaultSynonyms, toComparableText, type SynonymTable } from "../synonyms/synonyms.js";
import { normalizeText } from "../text/normalize.js";
import { tokenizeWithSegmenter, type Tokenizer } from "../text/tokenize.js";
import type { MatchableItem } from "./types.js";

/** The kind of quantity an indicator measures (data/similarity/measure-kinds.json). */
export type MeasureKind = "duration" | "rate" | "share" | "count" | "amount";

const measureRules = measureKindsTable.rules.map((rule) => ({
  kind: rule.kind as MeasureKind,
  name: "name" in rule ? new RegExp(rule.name, "u") : null,
  target: "target" in rule ? new RegExp(rule.target, "u") : null,
}));

/** Reads what kind of quantity an indicator is from its name and target; undefined when unclear. */
export function classifyMeasure(name: string, target: string | null | undefined): MeasureKind | undefined {
  const normalizedName = normalizeText(name);
  const normalizedTarget = target === null || target === undefined ? "" : normalizeText(target);
  return measureRules.find(
    (rule) => rule.name?.test(normalizedName) === true || rule.target?.test(normalizedTarget) === true,
  )?.kind;
}

// Longest first, so 进一步 goes before 一.
const genericWords = new RegExp(
  [...genericWordsTable.words].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"),
  "gu",
);

/** Comparable text without punctuation and without the words that only say how hard something is pursued. */
export function stripGenericWords(comparable: string): string {
  return comparable.replace(/[^\p{Script=Han}\p{L}\p{N}%‰.<>]/gu, "").replace(genericWords, "");
}

/** An item in the forms the signals compare, computed once per item. */
export interface PreparedItem {
  /** The label in comparable form, generic words removed. */
  core: string;
  coreTokens: string[];
  bodyTokens: string[];
  /** The body in comparable form, generic words removed. */
  body: string;
  context: string;
  measure: MeasureKind | undefined;
}

export interface PrepareOptions {
  tokenizer: Tokenizer;
  synonyms: SynonymTable;
}

/** Prepares one item: normalized, neutralized, canonical, tokenized. */
export function prepareItem(item: MatchableItem, options: PrepareOptions): PreparedItem {
  const comparable = (text: string) => stripGenericWords(toComparableText(text, options.synonyms));
  const core = comparable(item.label);
  const body = item.body === "" ? "" : comparable(item.body);
  return {
    core,
    coreTokens: options.tokenizer(core),
    bodyTokens: body === "" ? [] : options.tokenizer(body),
    body,
    context: item.context.map(comparable).join(""),
    measure: item.kind === "indicator" ? classifyMeasure(item.label, item.target) : undefined,
  };
}

/** The words of an item's label and body of two characters or more, by the runtime's word segmenter. */
export function termsOf(prepared: PreparedItem): string[] {
  return [prepared.core, prepared.body].flatMap((text) => tokenizeWithSegmenter(text)).filter((word) => word.length >= 2);
}

export const defaultPrepareOptions = (tokenizer: Tokenizer): PrepareOptions => ({
  tokenizer,
  synonyms: defaultSynonyms,
});
