import { describe, expect, it } from "vitest";
import { getBundledPlan } from "../src/index.js";
import { loadGoldSets, scopedIds, scoreGoldSet, summarize } from "../eval/gold.js";

// The floors of issue #3. They hold on the micro-average of each category, where every gold pair counts
// once; `npm run eval` prints the per-set figures behind them.
const FLOORS = { indicators: 0.95, groups: 0.85 } as const;

const sets = loadGoldSets();

describe("the gold alignments", () => {
  it.each(sets.map((set) => [set.name, set]))("%s accounts for every scoped item, with ids that exist", (_, set) => {
    for (const side of ["reference", "subject"] as const) {
      const plan = getBundledPlan(set[side]);
      const scoped = scopedIds(plan, set, side);
      const listed = [...set.pairs.map((pair) => pair[side]), ...set.unmatched[side]];
      expect(listed.filter((id) => !scoped.has(id))).toEqual([]);
      expect([...scoped].filter((id) => !listed.includes(id))).toEqual([]);
      if (set.kind === "indicator") expect(new Set(listed).size).toBe(listed.length);
    }
    expect(set.pairs.every((pair) => pair.note.length > 0)).toBe(true);
  });
});

describe("alignment quality against the gold alignments", () => {
  const scores = sets.map((set) => scoreGoldSet(set));

  it(`reaches F1 ≥ ${FLOORS.indicators} on indicators`, () => {
    expect(summarize(scores, "indicators").f1).toBeGreaterThanOrEqual(FLOORS.indicators);
  });

  it(`reaches F1 ≥ ${FLOORS.groups} on task and project groups`, () => {
    expect(summarize(scores, "groups").f1).toBeGreaterThanOrEqual(FLOORS.groups);
  });

  it("finds every pair of the national indicators in 代县 and 南阳, with nothing extra", () => {
    for (const name of ["national-daixian-indicators", "national-nanyang-indicators"]) {
      expect(scores.find((score) => score.name === name)).toMatchObject({ precision: 1, recall: 1 });
    }
  });
});
