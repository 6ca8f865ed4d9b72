import { describe, expect, it } from "vitest";
import { loadGoldSets } from "../eval/gold.js";
import { trainLogistic } from "../eval/logistic.js";
import { featureNames, pairFeatures } from "../eval/pair-features.js";

// npm run eval:ceiling rests on these two: the features of every scored pair, gold marked, and a model that
// learns what separates them. The figures themselves are a measurement, printed, not a floor.
describe("the ceiling measurement (eval/ceiling.ts)", () => {
  it("gives every gold pair of a set a row, with every feature a finite number", () => {
    const set = loadGoldSets().find((entry) => entry.name === "nanyang-daixian-tasks")!;
    const rows = pairFeatures(set);
    const gold = rows.filter((row) => row.gold);
    expect(gold).toHaveLength(set.pairs.length);
    expect(rows.length).toBeGreaterThan(gold.length);
    for (const row of rows) {
      expect(row.features).toHaveLength(featureNames.length);
      expect(row.features.every(Number.isFinite)).toBe(true);
    }
  });

  it("trains a logistic model that finds the feature which decides, whatever its scale", () => {
    const features = Array.from({ length: 400 }, (_, index) => [(index % 20) * 1000, Math.sin(index)]);
    const labels = features.map(([decisive]) => decisive! >= 10_000);
    const model = trainLogistic(features, labels);
    expect(model.probability([19_000, 0])).toBeGreaterThan(0.9);
    expect(model.probability([0, 0])).toBeLessThan(0.1);
    const correct = features.filter((row, index) => model.probability(row) >= 0.5 === labels[index]).length;
    expect(correct / features.length).toBeGreaterThan(0.95);
  });
});
