import { describe, expect, it } from "vitest";
import { collectItems } from "../src/align/items.js";
import { scorePairs } from "../src/align/score-pairs.js";
import { getBundledPlan } from "../src/load/bundled.js";
import { createScorer } from "../src/similarity/scorer.js";
import type { Scorer } from "../src/similarity/types.js";

const references = collectItems(getBundledPlan("nanyang"), "task");
const subjects = collectItems(getBundledPlan("daixian"), "task");

describe("scoring pairs with a floor (issue #10: only pairs that can matter kept in memory)", () => {
  it("keeps the pairs at or above the floor, explained as the scorer explains them, and each item's best scores", () => {
    const scorer = createScorer({ corpus: [...references, ...subjects].map((entry) => entry.item) });
    const scored = scorePairs(references, subjects, scorer, { floor: 0.2, nearest: 3 });
    const all = references.flatMap((reference) => subjects.map((subject) => ({ reference, subject, similarity: scorer.score(reference.item, subject.item) })));
    expect(scored.kept).toEqual(all.filter((pair) => pair.similarity.score >= 0.2));
    expect(scored.kept.length).toBeLessThan(all.length / 2);
    for (const reference of references) {
      const best = all.filter((pair) => pair.reference === reference).map((pair) => pair.similarity.score).sort((a, b) => b - a).slice(0, 3);
      expect(scored.nearest.reference.get(reference)).toEqual(best);
    }
    for (const subject of subjects) {
      const best = all.filter((pair) => pair.subject === subject).map((pair) => pair.similarity.score).sort((a, b) => b - a).slice(0, 3);
      expect(scored.nearest.subject.get(subject)).toEqual(best);
    }
  });

  it("asks a scorer of one's own once per pair, whatever it keeps", () => {
    let calls = 0;
    const scorer: Scorer = { score: (a, b) => ((calls += 1), { score: a.label.length === b.label.length ? 0.9 : 0.1, signals: [] }) };
    const scored = scorePairs(references, subjects, scorer, { floor: 0.5, nearest: 2, compared: (reference) => reference.order % 2 === 0 });
    const compared = references.filter((reference) => reference.order % 2 === 0).length * subjects.length;
    expect(calls).toBe(compared);
    expect(scored.kept.every((pair) => pair.similarity.score === 0.9 && pair.reference.order % 2 === 0)).toBe(true);
  });
});
