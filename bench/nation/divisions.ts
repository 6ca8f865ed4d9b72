import divisionTable from "china-area-data/v5/data.json";

// The synthetic nation's jurisdictions, walked from the same division table src/jurisdictions/divisions.ts
// reads (china-area-data, GB/T 2260), as a tree: the 31 mainland provinces, their prefecture-level
// divisions and their county-level divisions.

/** A division of the synthetic nation and the divisions directly under it. */
export interface NationDivision {
  /** The six-digit GB/T 2260 code, e.g. 140981 for 原平市. */
  code: string;
  name: string;
  level: "province" | "city" | "county";
  /** Name of the division directly above: 全国 for a province. */
  parent: string;
  children: NationDivision[];
}

const table = divisionTable as Record<string, Record<string, string>>;

// Entries that group divisions without being a level of government (a municipality's 市辖区 and 县, the
// counties a province administers directly): their children belong to the level above, as in divisions.ts.
const groupingNames = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

// The table also lists 台湾省, 香港 and 澳门; the nation audited is the mainland's 31 provinces.
const outsideMainland = new Set(["710000", "810000", "820000"]);

// Six digits make a province, prefecture or county code; 东莞市, 中山市 and 儋州市 list their towns
// (乡级, nine digits) in the county's place, which no plan of this nation stands for.
const isCountyLevelOrAbove = (code: string) => /^\d{6}$/u.test(code);

/** The 31 mainland provinces, each with the divisions under it, in the table's order. */
export function listProvinces(): NationDivision[] {
  return Object.entries(table["86"] ?? {})
    .filter(([code]) => !outsideMainland.has(code))
    .map(([code, name]) => ({ code, name, level: "province" as const, parent: "全国", children: childrenOf(code, name) }));
}

function childrenOf(code: string, name: string): NationDivision[] {
  return Object.entries(table[code] ?? {}).flatMap(([childCode, childName]): NationDivision[] => {
    if (groupingNames.has(childName)) return childrenOf(childCode, name);
    if (!isCountyLevelOrAbove(childCode)) return [];
    // The code says the level, whatever groups it: xxxx00 a prefecture, anything else a county.
    const level = childCode.endsWith("00") ? "city" : "county";
    return [{ code: childCode, name: childName, level, parent: name, children: childrenOf(childCode, childName) }];
  });
}
