import divisionTable from "china-area-data/v5/data.json";
import type { Level } from "../model/plan.js";
import { simplifyText } from "../text/normalize.js";

// China's administrative divisions (GB/T 2260 codes) from the china-area-data package: provinces,
// prefecture-level cities and counties, county-level cities (县级市) and districts (区) included. The table
// maps a code to its children's codes and names; "86" is the nation.

/** One division of the national table, with the names above it up to 全国. */
export interface Division {
  /** The GB/T 2260 code, e.g. 140981 for 原平市. */
  code: string;
  name: string;
  level: Exclude<Level, "national">;
  /** The names above it, nearest first, ending with 全国: 原平市 → ["忻州市", "山西省", "全国"]. */
  ancestors: string[];
}

// Entries that group counties without being a level of government: a municipality's 市辖区 and 县, and the
// counties a province administers directly. Their children belong to the level above.
const groupingNames = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

const NATION = "86";

let index: Map<string, Division[]> | undefined;

/** Every division by name, built once on first use. */
function divisionsByName(): Map<string, Division[]> {
  if (index !== undefined) return index;
  const table = divisionTable as Record<string, Record<string, string>>;
  const byName = new Map<string, Division[]>();
  const visit = (code: string, ancestors: string[]) => {
    for (const [childCode, name] of Object.entries(table[code] ?? {})) {
      if (groupingNames.has(name)) {
        visit(childCode, ancestors);
        continue;
      }
      // The code says the level whatever the grouping above: xx0000 a province, xxxx00 a prefecture.
      const level = childCode.endsWith("0000") ? "province" : childCode.endsWith("00") ? "city" : "county";
      const division: Division = { code: childCode, name, level, ancestors };
      const named = byName.get(name);
      if (named === undefined) byName.set(name, [division]);
      else named.push(division);
      visit(childCode, [name, ...ancestors]);
    }
  };
  visit(NATION, ["全国"]);
  index = byName;
  return byName;
}

/**
 * The divisions with this name (simplified characters, as written): one for most names, several for a few
 * districts (朝阳区 in 北京市 and 长春市), none for a name the table does not know.
 *
 * @example
 * findDivisions("原平市")[0]; // { code: "140981", name: "原平市", level: "county", ancestors: ["忻州市", "山西省", "全国"] }
 */
export function findDivisions(name: string): Division[] {
  return divisionsByName().get(simplifyText(name).trim()) ?? [];
}

/** How a name was resolved: to one division, to several (with the candidates), or to none. */
export type DivisionLookup =
  | { status: "found"; division: Division }
  | { status: "ambiguous"; candidates: Division[] }
  | { status: "unknown" };

/**
 * Resolves a jurisdiction's name to one division. Where the name is shared, the names a document cites
 * (the plans above it, 《长春市…规划》) or a given parent settle it.
 *
 * @example
 * resolveDivision("朝阳区", ["长春市"]); // { status: "found", division: { code: "220104", … } }
 */
export function resolveDivision(name: string, hints: readonly string[] = []): DivisionLookup {
  const candidates = findDivisions(name);
  if (candidates.length === 0) candidates.push(...findAutonomousDivisions(name));
  if (candidates.length === 0) return { status: "unknown" };
  if (candidates.length === 1) return { status: "found", division: candidates[0]! };
  const hinted = candidates.filter((candidate) => hints.some((hint) => candidate.ancestors.includes(simplifyText(hint).trim())));
  return hinted.length === 1 ? { status: "found", division: hinted[0]! } : { status: "ambiguous", candidates: hinted.length > 1 ? hinted : candidates };
}

/** A division as a plan's jurisdiction: its name, level and the name directly above. */
export function toJurisdiction(division: Division): { name: string; level: Level; parent: string } {
  return { name: division.name, level: division.level, parent: division.ancestors[0] ?? "全国" };
}

/**
 * The autonomous divisions a short name stands for, as documents write them: 焉耆县 for 焉耆回族自治县, 巴音郭楞州
 * for 巴音郭楞蒙古自治州. Looked for only when the name itself is not in the table.
 */
function findAutonomousDivisions(name: string): Division[] {
  const short = /^(\p{Script=Han}{2,})(县|旗|州)$/u.exec(simplifyText(name).trim());
  if (short === null) return [];
  const [, stem = "", ending = ""] = short;
  const found: Division[] = [];
  for (const [fullName, divisions] of divisionsByName()) {
    if (fullName.startsWith(stem) && fullName.endsWith(`自治${ending}`)) found.push(...divisions);
  }
  return found;
}
