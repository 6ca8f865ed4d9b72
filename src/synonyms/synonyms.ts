import * as z from "zod";
import conceptTable from "../../data/synonyms/concepts.json";
import { deepFreeze } from "../_lib/deep-freeze.js";
import defaultTable from "../../data/synonyms/default.json";
import { escapeRegExp } from "../_lib/escape-reg-exp.js";
import { neutralizeJurisdiction } from "../text/jurisdiction.js";
import { normalizeText } from "../text/normalize.js";
import { checkArguments, checkTexts, InputError } from "../model/input-error.js";

/** One group of phrases that mean the same; `canonical` is the form they all become. */
export const SynonymGroupSchema = z
  .object({
    canonical: z.string().min(1),
    variants: z.array(z.string().min(1)).min(1),
    note: z.string().optional(),
  })
  .strict();
/**
 * One group of phrases that mean the same: every one of `variants` becomes `canonical`; `note` says why.
 *
 * @useDeclaredType
 */
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;

/** A synonym table file: `{ groups: [...] }`, as data/synonyms/default.json. */
export const SynonymTableFileSchema = z
  .object({ $comment: z.string().optional(), groups: z.array(SynonymGroupSchema) })
  .strict();

/** A compiled synonym table: use it with `canonicalize`. */
export interface SynonymTable {
  readonly groups: readonly SynonymGroup[];
  /** Normalized variant (and each canonical form itself) → normalized canonical form. */
  readonly forms: ReadonlyMap<string, string>;
  /** Every form of `forms`, longest first, in one alternation; null for a table without groups. */
  readonly pattern: RegExp | null;
}

/**
 * The groups shipped: the wordings of data/synonyms/default.json, then the emergency-management concepts of
 * data/synonyms/concepts.json (隐患排查治理 ≈ 双重预防机制), which task and project texts name in many ways.
 */
export const defaultSynonymGroups: readonly SynonymGroup[] = deepFreeze([
  ...SynonymTableFileSchema.parse(defaultTable).groups,
  ...SynonymTableFileSchema.parse(conceptTable).groups,
]);

const prepare = (phrase: string) => neutralizeJurisdiction(normalizeText(phrase));

/**
 * Compiles synonym groups into a table. Later groups win where two groups claim the same variant, so a
 * caller's groups placed after the defaults override them.
 *
 * @example
 * const table = createSynonymTable([...defaultSynonymGroups, { canonical: "安责险", variants: ["安全生产责任保险"] }]);
 * canonicalize("安全生产责任保险覆盖率", table); // "安责险覆盖率"
 */
export function createSynonymTable(groups: readonly SynonymGroup[]): SynonymTable {
  checkArguments("createSynonymTable", { groups: [z.array(SynonymGroupSchema), groups] });
  const forms = new Map<string, string>();
  for (const group of groups) {
    const canonical = prepare(group.canonical);
    forms.set(canonical, canonical);
    for (const variant of group.variants) forms.set(prepare(variant), canonical);
  }
  // One alternation, longest first, applied in a single pass so a replacement is never replaced again.
  // Canonical forms are in it too, so 因自然灾害… is read whole rather than as 因 + a variant 自然灾害….
  const alternatives = [...forms.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegExp);
  return { groups, forms, pattern: alternatives.length === 0 ? null : new RegExp(alternatives.join("|"), "gu") };
}

/** The default table, compiled once. */
export const defaultSynonyms: SynonymTable = createSynonymTable(defaultSynonymGroups);

/**
 * Rewrites every known variant in a text to its canonical form. Expects normalized, neutralized text (see
 * `toComparableText`).
 *
 * @example
 * canonicalize("亿元GDP生产安全事故死亡率", defaultSynonyms); // "单位地区生产总值生产安全事故死亡率"
 */
export function canonicalize(text: string, table: SynonymTable = defaultSynonyms): string {
  checkTexts("canonicalize", { text });
  checkTable("canonicalize", table);
  const { pattern, forms } = table;
  if (pattern === null) return text;
  // Repeated until stable: a replacement can complete a longer variant that overlapped it (受灾群众基本生活…).
  let current = text;
  for (let pass = 0; pass < 5; pass += 1) {
    const next = current.replace(pattern, (match) => forms.get(match) ?? match);
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * The full comparison form of a text: normalized, jurisdiction words neutralized, synonyms canonical.
 *
 * @example
 * toComparableText("县級以上應急管理機構專業人才佔比"); // "本级应急管理部门专业人才占比"
 */
export function toComparableText(text: string, table: SynonymTable = defaultSynonyms): string {
  checkTexts("toComparableText", { text });
  checkTable("toComparableText", table);
  return canonicalize(prepare(text), table);
}

/** A cheap check that a table is one `createSynonymTable` made: these run once per item compared. */
function checkTable(functionName: string, table: SynonymTable): void {
  if (typeof table !== "object" || table === null || !(table.forms instanceof Map)) {
    throw new InputError(functionName, [{ path: "table", message: "expected a synonym table made by createSynonymTable" }]);
  }
}
