import { escapeRegExp } from "../../src/_lib/escape-reg-exp.js";
import { defaultSynonymGroups } from "../../src/index.js";
import type { Random } from "./random.js";
import wordings from "./wordings.json";

// How the synthetic nation rewords what it copies: a term of the project's synonym tables becomes another
// term of its group, an everyday verb another of the same meaning (wordings.json), and the words for
// "the whole province" become "the whole city" one level down. Meaning never changes, so the truth of
// what a plan carries is unaffected.

// 全域 is the tables' neutral stand-in for 全省/全市/全县, not a word a plan writes.
const isWritten = (term: string) => !term.includes("全域");

/** For each term, the other terms that mean the same. A term in two groups keeps the first. */
const alternatives = new Map<string, string[]>();
for (const group of [...defaultSynonymGroups.map((entry) => [entry.canonical, ...entry.variants]), ...wordings.groups]) {
  const terms = group.filter(isWritten);
  for (const term of terms) {
    if (!alternatives.has(term)) alternatives.set(term, terms.filter((other) => other !== term));
  }
}

// Longest first, so 单位国内生产总值 is read whole rather than as 国内生产总值.
const termPattern = new RegExp(
  [...alternatives.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"),
  "gu",
);

/**
 * Rewords the texts of one item alike (its title and its text): each term found is swapped, with
 * probability `rate`, for another of its group, the same choice wherever the term recurs.
 */
export function paraphrase(texts: readonly string[], random: Random, rate: number): string[] {
  const chosen = new Map<string, string>();
  const choose = (term: string): string => {
    let replacement = chosen.get(term);
    if (replacement === undefined) {
      const others = alternatives.get(term) ?? [];
      replacement = others.length > 0 && random.chance(rate) ? random.pick(others) : term;
      chosen.set(term, replacement);
    }
    return replacement;
  };
  return texts.map((text) => text.replace(termPattern, choose));
}

/** A jurisdiction as its texts name it: its full name, its short name (吉林), its last character (省). */
export interface Naming {
  name: string;
  shortName: string;
  levelCharacter: string;
}

/** How a jurisdiction is named in text: 内蒙古自治区 → 内蒙古, 区; 原平市 → 原平, 市. */
export function nameOf(name: string): Naming {
  return {
    name,
    shortName: name.replace(/(?:壮族|回族|维吾尔)?(?:自治区|省|市)$/u, ""),
    levelCharacter: name.slice(-1),
  };
}

/** Renames the template's jurisdiction where its text names it: 吉林省 and 吉林 become 河北省 and 河北. */
export function renameJurisdiction(text: string, from: Naming, to: Naming): string {
  return text.replaceAll(from.name, to.name).replaceAll(from.shortName, to.shortName);
}

/**
 * Moves a text's words for the whole jurisdiction one level down (全省 → 全市, 我省 → 我市). Lower plans keep
 * naming the province's institutions, as real ones do, so nothing else is renamed. 健全 and 安全 end in 全 and
 * 市场 starts with 市: those are other words.
 */
export function relocateLevelWords(text: string, from: Naming, to: Naming): string {
  if (from.levelCharacter === to.levelCharacter) return text;
  return text.replace(levelWordPattern(from.levelCharacter), (word) => word.replace(from.levelCharacter, to.levelCharacter));
}

// One pattern per level character, compiled once: a nation has a handful of them.
const levelWordPatterns = new Map<string, RegExp>();

function levelWordPattern(character: string): RegExp {
  let pattern = levelWordPatterns.get(character);
  if (pattern === undefined) {
    const escaped = escapeRegExp(character);
    pattern = new RegExp(`(?:(?<![健安完])全|我)${escaped}(?!场)`, "gu");
    levelWordPatterns.set(character, pattern);
  }
  return pattern;
}
