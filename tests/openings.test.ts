import { describe, expect, it } from "vitest";
import { openingsDirectory, scoreMetadata } from "../eval/metadata.js";

// Real page openings of plans from other provinces (tests/fixtures/openings/, issue #18): nine fields each
// (title, issuer, number, dates of issue and publication, jurisdiction, level, parent, whole or cut off),
// against what people read off the pages. The tuning half chose the rules; the held-out half was used in a
// second round and held-out-2 in a third, as the README says; held-out-3 was collected afterwards and nothing
// was tuned on it.
const FLOOR = 0.95;
// held-out-2 and held-out-3 are held to a guard below the floor, which they do not reach
// (docs/extraction.md gives their figures); the guard catches a fall, it is not the target.
const GUARD = 0.9;

describe("metadata of real page openings", () => {
  it.each([["tuning", FLOOR], ["held-out", FLOOR], ["held-out-2", GUARD], ["held-out-3", GUARD]] as const)("refuses no page of the %s set and reads at least its floor of the fields right", (split, floor) => {
    const score = scoreMetadata(openingsDirectory, split);
    expect(score.fixtures.length).toBeGreaterThanOrEqual(23);
    expect(score.fixtures.filter((fixture) => fixture.error !== undefined).map((fixture) => `${fixture.fixture}: ${fixture.error}`)).toEqual([]);
    expect({ accuracy: score.accuracy, mismatches: score.mismatches }).toMatchObject({ accuracy: expect.toSatisfy((value: number) => value >= floor) });
  });

  it("places districts under their prefecture, county-level cities under theirs and 直辖市 at province level", () => {
    const score = scoreMetadata(openingsDirectory);
    const placed = (file: string) => score.fixtures.find((fixture) => fixture.fixture === file)?.actual;
    expect(placed("p2-07.txt")).toMatchObject({ jurisdiction: "雨山区", level: "county", parent: "马鞍山市" });
    expect(placed("p2-09.txt")).toMatchObject({ jurisdiction: "滕州市", level: "county", parent: "枣庄市" });
    expect(placed("p1-01.txt")).toMatchObject({ jurisdiction: "北京市", level: "province", parent: "全国" });
    expect(placed("p1-18.txt")).toMatchObject({ jurisdiction: "密云区", level: "county", parent: "北京市" });
  });
});
